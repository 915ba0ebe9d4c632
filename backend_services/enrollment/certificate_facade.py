"""Certificates of the enrollment context (reached as ``enrollment.certificates``).

Issued by a consumer of the enrollment outbox's ``course_completed`` event, the same
path as the completion notification; names are fetched through the ports once, at
issue time, and stored on the certificate so verifying is one lookup.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from backend_services.enrollment import certificates
from backend_services.enrollment.certificate_pdf import render_certificate
from backend_services.enrollment.certificate_schemas import CertificateList, CertificatePublic
from backend_services.enrollment.models import Certificate, Enrollment
from backend_services.enrollment.ports import CoursePort, PeoplePort, PersonLike
from backend_services.shared.database import Database, is_unique_violation
from backend_services.shared.outbox import Event, Outbox
from backend_services.shared.security import Principal

log = logging.getLogger(__name__)
UNKNOWN_NAME = "—"


class Certificates:
    def __init__(
        self, db: Database, outbox: Outbox, *, courses: CoursePort, people: PeoplePort | None, base_url: str
    ) -> None:
        self.db = db
        self._outbox = outbox
        self._courses = courses
        self._people = people
        self._base_url = base_url.rstrip("/")

    def verify_url(self, code: str) -> str:
        return f"{self._base_url}/certificates/{code}"

    def _public(self, row: Certificate) -> CertificatePublic:
        return CertificatePublic.model_validate(row).model_copy(
            update={"verify_url": self.verify_url(row.code)}
        )

    async def handle_event(self, event: Event) -> None:
        """Outbox consumer: a ``course_completed`` event issues the certificate (idempotent)."""
        if event.topic != "course_completed":
            return
        enrollment_id = uuid.UUID(str(event.payload["enrollment_id"]))
        async with self.db.session() as session:
            enrollment = await session.get(Enrollment, enrollment_id)
            issued = await session.scalar(
                select(Certificate.id).where(Certificate.enrollment_id == enrollment_id)
            )
        if enrollment is None or issued is not None:
            return
        course = await self._courses.get_course_summary(enrollment.course_id)
        title = course.title if course else str(event.payload.get("course_title", ""))
        people: Mapping[uuid.UUID, PersonLike] = {}
        if self._people is not None:
            wanted = [enrollment.student_id] + ([course.teacher_id] if course else [])
            people = await self._people.get_users(wanted)
        student = people.get(enrollment.student_id)
        teacher = people.get(course.teacher_id) if course else None
        try:
            async with self._outbox.transaction() as tx:
                await certificates.issue(
                    tx,
                    enrollment=enrollment,
                    student_name=student.name if student else UNKNOWN_NAME,
                    course_title=title,
                    teacher_name=teacher.name if teacher else UNKNOWN_NAME,
                )
        except IntegrityError as exc:
            if not is_unique_violation(exc):
                raise
            log.debug("certificate for enrollment %s was issued concurrently", enrollment_id)

    async def verify(self, code: str) -> CertificatePublic:
        """Public: the certificate behind a code (NotFound for an unknown code)."""
        async with self.db.read_session() as session:
            return self._public(await certificates.by_code(session, code))

    async def pdf(self, actor: Principal, code: str) -> tuple[str, bytes]:
        """The owner's certificate as (file name, PDF bytes)."""
        async with self.db.read_session() as session:
            row = await certificates.by_code(session, code)
        certificates.require_owner(row, actor.user_id)
        data = render_certificate(
            student_name=row.student_name,
            course_title=row.course_title,
            teacher_name=row.teacher_name,
            completed_at=row.completed_at,
            code=row.code,
            verify_url=self.verify_url(row.code),
        )
        return f"certificate-{row.code}.pdf", data

    async def mine(self, actor: Principal) -> CertificateList:
        """The caller's certificates, newest first."""
        async with self.db.read_session() as session:
            rows = await session.scalars(
                select(Certificate)
                .where(Certificate.student_id == actor.user_id)
                .order_by(col(Certificate.issued_at).desc())
            )
            return CertificateList(items=[self._public(r) for r in rows])

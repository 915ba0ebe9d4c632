"""Certificates: issued once per completed enrollment, verified by a public code."""

from __future__ import annotations

import secrets
import uuid

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from backend_services.enrollment.models import Certificate, Enrollment
from backend_services.shared.errors import Forbidden, NotFound
from backend_services.shared.outbox import Transaction

CERTIFICATE_NOT_FOUND = "Certificate not found"
NOT_YOUR_CERTIFICATE = "This certificate belongs to someone else"
# No 0/O or 1/I: a code read aloud or typed from paper stays unambiguous.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
NAME_MAX = 200


def new_code() -> str:
    """A random verification code like ``K7QX-3MZP-W2RA`` (60 bits)."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{chars[:4]}-{chars[4:8]}-{chars[8:]}"


def normalise_code(code: str) -> str:
    return code.strip().upper()


def clip(text: str) -> str:
    return text if len(text) <= NAME_MAX else text[: NAME_MAX - 1] + "…"


async def issue(
    tx: Transaction,
    *,
    enrollment: Enrollment,
    student_name: str,
    course_title: str,
    teacher_name: str,
) -> Certificate | None:
    """Store the enrollment's certificate and publish ``certificate_issued``; None if it exists.

    A racing second issue fails on the unique ``enrollment_id`` at commit; the caller treats
    that as "already issued".
    """
    existing = await tx.session.scalar(
        select(Certificate.id).where(Certificate.enrollment_id == enrollment.id)
    )
    if existing is not None:
        return None
    certificate = Certificate(
        code=new_code(),
        enrollment_id=enrollment.id,
        student_id=enrollment.student_id,
        course_id=enrollment.course_id,
        student_name=clip(student_name),
        course_title=clip(course_title),
        teacher_name=clip(teacher_name),
        completed_at=enrollment.completed_at or enrollment.enrolled_at,
    )
    tx.session.add(certificate)
    await tx.session.flush()
    tx.publish(
        "certificate_issued",
        {
            "certificate_id": certificate.id,
            "code": certificate.code,
            "student_id": certificate.student_id,
            "course_id": certificate.course_id,
            "course_title": certificate.course_title,
        },
    )
    return certificate


async def by_code(session: AsyncSession, code: str) -> Certificate:
    certificate = await session.scalar(select(Certificate).where(Certificate.code == normalise_code(code)))
    if certificate is None:
        raise NotFound(CERTIFICATE_NOT_FOUND)
    return certificate


def require_owner(certificate: Certificate, student_id: uuid.UUID) -> None:
    if certificate.student_id != student_id:
        raise Forbidden(NOT_YOUR_CERTIFICATE)

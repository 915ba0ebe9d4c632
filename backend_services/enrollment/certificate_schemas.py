"""Response models of certificates."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class CertificatePublic(BaseModel):
    """What a stranger sees when verifying a code (no account ids but the course)."""

    model_config = ConfigDict(from_attributes=True)

    code: str
    course_id: uuid.UUID
    student_name: str
    course_title: str
    teacher_name: str
    completed_at: datetime
    issued_at: datetime
    verify_url: str = ""


class CertificateList(BaseModel):
    items: list[CertificatePublic]

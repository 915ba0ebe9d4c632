"""Request and response models of the identity API (API.md, Identity)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from backend_services.shared.text import Line, VisibleName


class RegisterRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    email: EmailStr = Field(max_length=254)
    password: Line = Field(min_length=8, max_length=128)
    name: VisibleName = Field(min_length=1, max_length=100)
    role: Literal["student", "teacher"] = "student"


class LoginRequest(BaseModel):
    email: Line = Field(min_length=1, max_length=254)
    password: Line = Field(min_length=1, max_length=128)


class TokenPair(BaseModel):
    """A short-lived access token (JWT) and the refresh token that renews it."""

    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"


class RefreshRequest(BaseModel):
    refresh_token: Line = Field(min_length=1, max_length=200)


class VerifyEmailRequest(BaseModel):
    token: Line = Field(min_length=1, max_length=200)


class ForgotPasswordRequest(BaseModel):
    email: Line = Field(min_length=3, max_length=254)


class ResetPasswordRequest(BaseModel):
    token: Line = Field(min_length=1, max_length=200)
    new_password: Line = Field(min_length=8, max_length=128)


class UserPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    name: str
    role: Literal["student", "teacher", "admin"]
    is_verified: bool
    email_verified: bool
    created_at: datetime


class PendingTeacher(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    name: str
    created_at: datetime


class PendingTeacherList(BaseModel):
    items: list[PendingTeacher]
    total: int

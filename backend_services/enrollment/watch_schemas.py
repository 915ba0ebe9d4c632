"""Request and response models of video watch progress."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

MAX_VIDEO_SECONDS = 24 * 3600  # a lesson video longer than a day is not a real report
Seconds = Annotated[float, Field(ge=0, le=MAX_VIDEO_SECONDS, allow_inf_nan=False)]


class PositionReport(BaseModel):
    """The player's report: where it is and how long the video is (position is clamped)."""

    model_config = ConfigDict(extra="ignore")

    course_id: uuid.UUID
    position: Seconds
    duration: Annotated[float, Field(gt=0, le=MAX_VIDEO_SECONDS, allow_inf_nan=False)]


class WatchPositionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    lesson_id: uuid.UUID
    course_id: uuid.UUID
    position_seconds: float
    duration_seconds: float
    watched_seconds: float
    watched_percentage: float = 0.0
    updated_at: datetime


class ResumePoint(BaseModel):
    """Where to continue a course: the last lesson watched and its position (null: nothing yet)."""

    course_id: uuid.UUID
    lesson_id: uuid.UUID | None
    position_seconds: float
    watched_percentage: float

"""Request and response models of the course API (API.md, Course).

Money and ratings are ``Decimal`` in Python and JSON *strings* with two decimals on the
wire (``"49.99"``, ``"4.33"``), the same form payment objects use, so a client never
meets a float rounding artefact. API.md lets course clients accept numbers or strings.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)

from backend_services.shared.text import Line, Text, VisibleTitle

CENT = Decimal("0.01")
MAX_PRICE = Decimal("99999.99")
MAX_ORDER = 1_000_000  # keeps orders well inside a 32-bit INTEGER column


def _two_places(value: Decimal) -> str:
    return str(value.quantize(CENT))


def _http_url(value: str) -> str | None:
    if not value.strip():  # an empty URL means "no video"
        return None
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise ValueError("video_url must be an http(s) URL")
    return value


Title = Annotated[VisibleTitle, Field(min_length=1, max_length=200)]
TwoDecimals = Annotated[Decimal, PlainSerializer(_two_places, return_type=str, when_used="json")]
# Published as what it is: a positive amount with at most two decimals, as a number or
# a string of digits (pydantic's default schema would allow any string).
PRICE_SCHEMA = {
    "anyOf": [
        {"type": "number", "exclusiveMinimum": 0, "maximum": float(MAX_PRICE), "multipleOf": 0.01},
        {"type": "string", "pattern": r"^[0-9]{1,5}(\.[0-9]{1,2})?$"},
    ]
}
Price = Annotated[
    Decimal,
    Field(gt=0, le=MAX_PRICE, decimal_places=2),
    AfterValidator(lambda d: d.quantize(CENT)),
    WithJsonSchema(PRICE_SCHEMA),
]
Level = Literal["beginner", "intermediate", "advanced"]
SortBy = Literal["relevance", "created_at", "avg_rating", "price", "popularity"]
Order = Annotated[int, Field(ge=0, le=MAX_ORDER)]
VideoUrl = Annotated[Line, Field(max_length=500), AfterValidator(_http_url)]


def _patch_schema(schema: dict[str, Any], model: type) -> None:
    # Optional in Python (omitted = unchanged) but not nullable on the wire: say so.
    nullable: frozenset[str] = getattr(model, "NULLABLE", frozenset())
    for name, prop in schema.get("properties", {}).items():
        if name not in nullable and "anyOf" in prop:
            prop["anyOf"] = [option for option in prop["anyOf"] if option.get("type") != "null"]
            prop.pop("default", None)


class _Patch(BaseModel):
    """A partial update: omitted fields stay, but only ``NULLABLE`` fields may be sent as null."""

    model_config = ConfigDict(json_schema_extra=_patch_schema)
    NULLABLE: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="after")
    def _no_null_for_required_fields(self) -> Any:
        for name in self.model_fields_set - self.NULLABLE:
            if getattr(self, name) is None:
                raise ValueError(f"{name} must not be null")
        return self

    def changes(self) -> dict[str, Any]:
        """Only the fields the client sent."""
        return self.model_dump(exclude_unset=True)


# --- courses -------------------------------------------------------------------------


class CourseCreate(BaseModel):
    """A new course. ``is_free`` may be omitted: a course with a price is then paid."""

    title: Title
    description: Annotated[Text, Field(max_length=5000)] = ""
    is_free: bool | None = None
    price: Price | None = None
    duration_minutes: Annotated[int, Field(ge=0, le=100_000)] = 0
    level: Level = "beginner"
    category_id: uuid.UUID | None = None

    @model_validator(mode="after")
    def _derive_is_free(self) -> CourseCreate:
        if self.is_free is None:
            self.is_free = self.price is None
        return self


class CourseUpdate(_Patch):
    """Any subset of the create fields; the free/price combination is checked after merging."""

    NULLABLE: ClassVar[frozenset[str]] = frozenset({"price", "category_id"})

    title: Title | None = None
    description: Annotated[Text, Field(max_length=5000)] | None = None
    is_free: bool | None = None
    price: Price | None = None
    duration_minutes: Annotated[int, Field(ge=0, le=100_000)] | None = None
    level: Level | None = None
    category_id: uuid.UUID | None = None


class CoursePublic(BaseModel):
    """The course object of API.md; ``price`` and ``avg_rating`` serialise as strings."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    teacher_id: uuid.UUID
    title: str
    description: str
    is_free: bool
    price: TwoDecimals | None
    duration_minutes: int
    level: Level
    avg_rating: TwoDecimals | None
    review_count: int
    created_at: datetime
    category_id: uuid.UUID | None = None


class CourseList(BaseModel):
    items: list[CoursePublic]
    total: int


class CoursePage(CourseList):
    """A catalog page. ``total`` is exact unless ``total_capped``: then at least that many
    courses match. ``next_cursor`` continues after this page (null on the last one);
    ``corrected_q`` is the query the results are for when a typo was corrected."""

    total_capped: bool = False
    next_cursor: str | None = None
    corrected_q: str | None = None


class CatalogSearch(BaseModel):
    """What a catalog page is asked for (GET /courses); ``cursor`` None means offset paging,
    ``""`` the first keyset page."""

    q: str | None = None
    category_id: uuid.UUID | None = None
    level: Level | None = None
    is_free: bool | None = None
    sort_by: SortBy | None = None
    limit: Annotated[int, Field(ge=1, le=100)] = 20
    offset: Annotated[int, Field(ge=0)] = 0
    cursor: Annotated[str, Field(max_length=2000)] | None = None


class CategoryPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    slug: str


class CourseSummary(BaseModel):
    """What other contexts need to know about a course (enrollment, payment)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    teacher_id: uuid.UUID
    title: str
    is_free: bool
    price: TwoDecimals | None


# --- modules and lessons ---------------------------------------------------------------


class ModuleCreate(BaseModel):
    title: Title
    order: Order | None = None


class ModuleUpdate(_Patch):
    title: Title | None = None
    order: Order | None = None


class ModulePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    course_id: uuid.UUID
    title: str
    order: int
    created_at: datetime


class LessonCreate(BaseModel):
    title: Title
    content: Annotated[Text, Field(max_length=100_000)]
    video_url: VideoUrl | None = None
    duration_minutes: Annotated[int, Field(ge=0, le=1440)] = 0
    order: Order | None = None
    is_preview: bool = False


class LessonUpdate(_Patch):
    NULLABLE: ClassVar[frozenset[str]] = frozenset({"video_url"})

    title: Title | None = None
    content: Annotated[Text, Field(max_length=100_000)] | None = None
    video_url: VideoUrl | None = None
    duration_minutes: Annotated[int, Field(ge=0, le=1440)] | None = None
    order: Order | None = None
    is_preview: bool | None = None


class LessonOutline(BaseModel):
    """A lesson in the curriculum: everything but its content."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    module_id: uuid.UUID
    title: str
    video_url: str | None
    duration_minutes: int
    order: int
    is_preview: bool
    created_at: datetime


class LessonPublic(LessonOutline):
    """A full lesson with its markdown content (and its course, for navigation)."""

    course_id: uuid.UUID
    content: str


class LessonAccess(BaseModel):
    """A lesson with what decides who may read it (internal: what the read cache keeps;
    the decision itself is made on every read)."""

    lesson: LessonPublic
    teacher_id: uuid.UUID
    course_is_free: bool


class ModuleOutline(ModulePublic):
    lessons: list[LessonOutline]


class Curriculum(BaseModel):
    course: CoursePublic
    modules: list[ModuleOutline]
    total_lessons: int


# --- reviews ---------------------------------------------------------------------------


class ReviewCreate(BaseModel):
    course_id: uuid.UUID
    rating: Annotated[int, Field(ge=1, le=5)]
    comment: Annotated[Text, Field(max_length=5000)] = ""


class ReviewPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    student_id: uuid.UUID
    course_id: uuid.UUID
    rating: int
    comment: str
    created_at: datetime


class ReviewList(BaseModel):
    items: list[ReviewPublic]
    total: int

"""Text the API accepts: annotated string types shared by every request body and query.

``Text`` (multi-line: descriptions, lesson content, comments) refuses NUL and the other
control characters except tab and line breaks; ``Line`` (titles, names, e-mails, search
terms) refuses every control character; ``VisibleLine`` also needs at least one visible
character, so a title made only of spaces, zero-width or bidi-control characters is
refused. PostgreSQL cannot store NUL, and invisible names are a spoofing tool, so both
give a 422 at the edge instead of a 500 or a blank row.

Each check is a regular expression built here once; the same expression is published as
the field's ``pattern`` in the OpenAPI document, so what the document allows and what the
server accepts cannot drift apart (tests/unit/shared/test_text.py checks that too).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import AfterValidator, Field

NOT_TEXT = "text must not contain control characters"
NOT_UNICODE = "text must be valid Unicode"
BLANK_TITLE = "title must not be blank"
BLANK_NAME = "name must not be blank"

# Characters that render as nothing: whitespace, format characters (zero-width space and
# joiners, bidi embeddings/overrides/isolates, soft hyphen, BOM, tags) and the fillers and
# selectors that are letters or marks by category but show no glyph on their own.
_FILLERS = [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x2800, 0x3164, 0xFFA0]
_FILLER_RANGES = [(0xFE00, 0xFE0F), (0xE0100, 0xE01EF)]


def _invisible_code_points() -> list[int]:
    points = {c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"}
    points |= {c for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    points |= set(_FILLERS)
    for start, end in _FILLER_RANGES:
        points |= set(range(start, end + 1))
    return sorted(points)


def _char_class(points: list[int]) -> str:
    """A compact regex character-class body (``\\x00-\\x1f...``) for sorted code points."""
    parts: list[str] = []
    start = prev = points[0]
    for point in [*points[1:], None]:
        if point is not None and point == prev + 1:
            prev = point
            continue
        parts.append(_escape(start) if start == prev else f"{_escape(start)}-{_escape(prev)}")
        if point is not None:
            start = prev = point
    return "".join(parts)


def _escape(point: int) -> str:
    # \xHH and \uHHHH read the same in Python and ECMA-262 regexes; astral characters are
    # written literally (Python's \U escape is not portable).
    if point <= 0xFF:
        return f"\\x{point:02x}"
    return f"\\u{point:04x}" if point <= 0xFFFF else chr(point)


_CONTROLS_MULTILINE = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]
_CONTROLS_LINE = [*range(0x00, 0x20), *range(0x7F, 0xA0)]
_MULTILINE = _char_class(_CONTROLS_MULTILINE)
_LINE = _char_class(_CONTROLS_LINE)
_HIDDEN = _char_class(sorted(set(_CONTROLS_LINE) | set(_invisible_code_points())))

# The published patterns (JSON Schema ``pattern``, full match spelled with anchors).
TEXT_PATTERN = f"^[^{_MULTILINE}]*$"
LINE_PATTERN = f"^[^{_LINE}]*$"
VISIBLE_LINE_PATTERN = f"^[^{_LINE}]*[^{_HIDDEN}][^{_LINE}]*$"

_TEXT_RE = re.compile(TEXT_PATTERN)
_LINE_RE = re.compile(LINE_PATTERN)
_VISIBLE_RE = re.compile(VISIBLE_LINE_PATTERN)


def _encodable(value: str) -> None:
    # Lone surrogates (possible through JSON \ud800 escapes) cannot be stored as UTF-8.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(NOT_UNICODE) from exc


def check_text(value: str) -> str:
    """Multi-line text: no control characters but tab, CR and LF."""
    _encodable(value)
    if not _TEXT_RE.match(value):
        raise ValueError(NOT_TEXT)
    return value


def check_line(value: str) -> str:
    """One line of text: no control characters at all."""
    _encodable(value)
    if not _LINE_RE.match(value):
        raise ValueError(NOT_TEXT)
    return value


def is_visible(value: str) -> bool:
    """True when ``value`` has at least one character that renders as something."""
    return bool(_VISIBLE_RE.match(value))


def _visible(message: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = check_line(value).strip()
        if not is_visible(value):
            raise ValueError(message)
        return value

    return check


def _documented(pattern: str) -> Any:  # a pydantic FieldInfo, typed Any by pydantic
    # Published only: the validators above enforce it with a readable message, where
    # pydantic's own pattern check would answer "should match pattern '<300 characters>'".
    return Field(json_schema_extra={"pattern": pattern})


Text = Annotated[str, AfterValidator(check_text), _documented(TEXT_PATTERN)]
Line = Annotated[str, AfterValidator(check_line), _documented(LINE_PATTERN)]
# Stripped of surrounding whitespace; refused when nothing visible is left.
VisibleTitle = Annotated[str, AfterValidator(_visible(BLANK_TITLE)), _documented(VISIBLE_LINE_PATTERN)]
VisibleName = Annotated[str, AfterValidator(_visible(BLANK_NAME)), _documented(VISIBLE_LINE_PATTERN)]

"""The shared text types: what the server accepts is exactly what the published pattern
allows, control characters and invisible titles are refused."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from backend_services.shared import text

ADAPTERS = {
    text.TEXT_PATTERN: TypeAdapter(text.Text),
    text.LINE_PATTERN: TypeAdapter(text.Line),
    text.VISIBLE_LINE_PATTERN: TypeAdapter(text.VisibleTitle),
}
# Mostly the interesting neighbourhoods: controls, whitespace, format characters, letters.
CHARS = st.one_of(
    st.characters(max_codepoint=0xA0),
    st.sampled_from("\u00ad\u034f\u200b\u200d\u202e\u2066\u2800\u3164\ufeff\U000e0041 \t\n\r\u3000"),
    st.characters(codec="utf-8"),
)


def _accepts(adapter: TypeAdapter, value: str) -> bool:
    try:
        adapter.validate_python(value)
    except ValidationError:
        return False
    return True


@settings(max_examples=400, deadline=None)
@given(st.text(CHARS, max_size=12))
def test_the_server_accepts_exactly_what_the_published_pattern_allows(value):
    for pattern, adapter in ADAPTERS.items():
        assert _accepts(adapter, value) == bool(re.match(pattern, value)), (pattern[:30], value)


@pytest.mark.parametrize("value", ["a\x00b", "tab\x0bbed", "esc\x1b[31m", "del\x7f", "c1\x85"])
def test_control_characters_are_refused(value):
    with pytest.raises(ValidationError, match="control characters"):
        TypeAdapter(text.Text).validate_python(value)


def test_multi_line_text_keeps_tabs_and_line_breaks_but_a_line_does_not():
    assert TypeAdapter(text.Text).validate_python("a\tb\r\nc") == "a\tb\r\nc"
    with pytest.raises(ValidationError):
        TypeAdapter(text.Line).validate_python("a\nb")


def test_lone_surrogates_are_refused():
    with pytest.raises(ValidationError, match="valid Unicode"):
        TypeAdapter(text.Text).validate_python("a\ud800")


@pytest.mark.parametrize(
    "value",
    [
        "   ",
        "\u200b",
        "\u200b\u200c\u200d\u2060",
        "\u202e\u2066\u2069",
        "\ufeff\u00ad",
        "\u3164",
        "\U000e0041",
    ],
)
def test_invisible_titles_and_names_are_refused(value):
    for adapter, message in (
        (TypeAdapter(text.VisibleTitle), "title"),
        (TypeAdapter(text.VisibleName), "name"),
    ):
        with pytest.raises(ValidationError, match=f"{message} must not be blank"):
            adapter.validate_python(value)


def test_visible_titles_are_stripped_and_keep_inner_joiners():
    title = TypeAdapter(text.VisibleTitle)
    assert title.validate_python("  Python 101 ") == "Python 101"
    assert title.validate_python("👩\u200d💻 Coding") == "👩\u200d💻 Coding"
    assert title.validate_python("Курс") == "Курс"

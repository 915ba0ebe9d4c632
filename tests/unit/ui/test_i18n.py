"""The UI's string table: both languages, same placeholders."""

from __future__ import annotations

import string

import pytest

from eduplatform.i18n import EN, ERROR_CODES, RU, STRINGS, tr


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_exists_in_both_languages_with_the_same_placeholders(key):
    english, russian = STRINGS[key]
    assert english.strip() and russian.strip()
    assert _placeholders(english) == _placeholders(russian)


def test_russian_strings_are_translated_not_copied():
    same = sorted(k for k in STRINGS if EN[k] == RU[k])
    assert same == ["brand"]


def test_validation_codes_are_table_keys():
    assert set(ERROR_CODES) <= set(STRINGS)


def test_tr_fills_placeholders_in_the_chosen_language():
    assert tr("verified_toast", "en", name="Ann") == "Ann verified"
    assert tr("verified_toast", "ru", name="Аня") == "Аня: аккаунт подтверждён"
    assert tr("saved", "ru") == "Сохранено"

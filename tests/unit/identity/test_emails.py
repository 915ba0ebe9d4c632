"""E-mail normalisation: NFKC + case-fold, one alphabet per part."""

from __future__ import annotations

import pytest

from backend_services.identity.emails import (
    EMAIL_INVALID,
    EMAIL_MIXED_SCRIPTS,
    canonical_email,
    legacy_email,
    normalise_email,
)
from backend_services.shared.errors import Unprocessable


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Ann@Example.COM", "ann@example.com"),
        ("  ann@example.com ", "ann@example.com"),
        ("\uff41\uff4e\uff4e@example.com", "ann@example.com"),  # full-width
        ("\ufb01le@example.com", "file@example.com"),  # the "fi" ligature
        ("Stra\u00dfe@example.de", "strasse@example.de"),
        ("ИВАН@ПРИМЕР.РФ", "иван@пример.рф"),
        ("山田たろう@example.jp", "山田たろう@example.jp"),  # Han + Hiragana is one writing system
        ("o'brien.2024@example.com", "o'brien.2024@example.com"),
    ],
)
def test_addresses_are_folded(typed, stored):
    assert normalise_email(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("\u0430dmin@example.com", EMAIL_MIXED_SCRIPTS),
        ("admin@ex\u0430mple.com", EMAIL_MIXED_SCRIPTS),
        ("\u0430dmin@example.com".upper(), EMAIL_MIXED_SCRIPTS),
        ("admin", EMAIL_INVALID),
        ("a@b@example.com", EMAIL_INVALID),
        ("x" * 250 + "@example.com", EMAIL_INVALID),
    ],
)
def test_look_alikes_and_invalid_addresses_are_refused(typed, message):
    with pytest.raises(Unprocessable) as caught:
        normalise_email(typed)
    assert caught.value.message == message


def test_lookup_forms_never_raise():
    assert canonical_email("\u0430dmin@example.com") == "\u0430dmin@example.com"
    assert legacy_email(" Stra\u00dfe@X.de ") == "stra\u00dfe@x.de"

"""E-mail addresses as identity compares them.

Two addresses that look the same must be the same account: NFKC folds compatibility
forms (full-width ``ａｄｍｉｎ`` becomes ``admin``) and case-folding makes the address
case-insensitive. What folding cannot merge is refused: a local part or a domain label
that mixes alphabets (a Cyrillic ``а`` among Latin letters) exists only to look like
another address. Whole-script look-alikes (an address written entirely in Cyrillic
letters that resemble Latin ones) are not detected.
"""

from __future__ import annotations

import unicodedata

from email_validator import EmailNotValidError, validate_email

from backend_services.shared.errors import Unprocessable

EMAIL_INVALID = "Enter a valid e-mail address"
EMAIL_MIXED_SCRIPTS = "The e-mail address mixes alphabets (e.g. a Cyrillic letter among Latin ones)"
MAX_EMAIL_LENGTH = 254

# Scripts that are legitimately written together (Unicode TS #39, "highly restrictive").
_COMBINABLE = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)
_SCRIPT_OF_NAME = {"CJK": "HAN", "IDEOGRAPHIC": "HAN", "FULLWIDTH": "LATIN", "HALFWIDTH": "KATAKANA"}


def canonical_email(raw: str) -> str:
    """NFKC + case-fold, without validation (used to look an address up)."""
    folded = unicodedata.normalize("NFKC", raw.strip()).casefold()
    return unicodedata.normalize("NFKC", folded)


def legacy_email(raw: str) -> str:
    """How addresses were stored before NFKC folding (accounts created then keep working)."""
    return raw.strip().lower()


def normalise_email(raw: str) -> str:
    """The canonical form of a new address; Unprocessable when invalid or a look-alike."""
    email = canonical_email(raw)
    if len(email) > MAX_EMAIL_LENGTH:
        raise Unprocessable(EMAIL_INVALID)
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as exc:
        raise Unprocessable(EMAIL_INVALID) from exc
    local, _, domain = email.rpartition("@")
    if not all(_single_script(part) for part in (local, *domain.split("."))):
        raise Unprocessable(EMAIL_MIXED_SCRIPTS)
    return email


def _script(char: str) -> str | None:
    """The script of a letter; None for digits, punctuation and marks (shared by all)."""
    if not char.isalpha():
        return None
    first_word = unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
    return _SCRIPT_OF_NAME.get(first_word, first_word)


def _single_script(part: str) -> bool:
    scripts = {script for char in part if (script := _script(char)) is not None}
    return len(scripts) <= 1 or any(scripts <= allowed for allowed in _COMBINABLE)

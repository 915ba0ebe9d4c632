"""What a student typed, understood once and rendered for each search engine.

The syntax is that of web search engines (PostgreSQL's ``websearch_to_tsquery``): words
must all match, ``"quoted words"`` match as a phrase, ``-word`` excludes, ``or`` between
two words accepts either. The last word is matched as a prefix while it is being typed.
Everything else (``%``, ``_``, ``\\``, lone ``-`` or ``"``, emoji, punctuation) is ignored,
so no input can break the query syntax of the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import snowballstemmer

MAX_TERMS = 8  # more words only narrow the result; the cap bounds the work per query
MIN_PREFIX = 3  # "p" or "py" as a prefix would match most of the catalog
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")  # letters and digits of any script
MAX_WORD = 60  # longer "words" are noise; PostgreSQL caps a lexeme at 2 KB anyway
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True)
class Term:
    """One query operand: a word, or a phrase of several words in order."""

    words: tuple[str, ...]
    negated: bool = False
    prefix: bool = False

    @property
    def text(self) -> str:
        joined = " ".join(self.words)
        return f'"{joined}"' if len(self.words) > 1 else joined


@dataclass(frozen=True)
class SearchQuery:
    """Clauses joined by AND; each clause is a list of terms joined by OR."""

    clauses: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        """No positive word: the catalog is not filtered by text."""
        return not self.clauses

    @property
    def terms(self) -> list[Term]:
        return [term for clause in self.clauses for term in clause]

    def text(self) -> str:
        """The query written back in its own syntax (used to show a corrected query)."""
        parts = [" or ".join(term.text for term in clause) for clause in self.clauses]
        parts += ["-" + term.text for term in self.excluded]
        return " ".join(parts)

    def replace_words(self, corrections: dict[str, str]) -> SearchQuery:
        """The same query with some words swapped (typo corrections); prefixes end."""

        def fix(term: Term) -> Term:
            words = tuple(corrections.get(w, w) for w in term.words)
            return replace(term, words=words, prefix=term.prefix and words == term.words)

        return SearchQuery(
            clauses=tuple(tuple(fix(t) for t in clause) for clause in self.clauses),
            excluded=self.excluded,
        )


def parse(q: str | None) -> SearchQuery:
    """Parse a search box's text; anything without a positive word is an empty query."""
    if not q or not q.strip():
        return SearchQuery()
    operands: list[Term | str] = []
    for match in _TOKEN.finditer(q):
        phrase, bare = match.group(1), match.group(2)
        if bare is not None and bare.lower() == "or":
            operands.append("or")
            continue
        negated = bare is not None and bare.startswith("-")
        words = tuple(w.lower()[:MAX_WORD] for w in _WORD.findall(phrase if phrase is not None else bare))
        if words:
            operands.append(Term(words=words[:MAX_TERMS], negated=negated))
    return _group(operands)


def _group(operands: list[Term | str]) -> SearchQuery:
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for operand in operands:
        if operand == "or":
            join_next = bool(clauses)
            continue
        assert isinstance(operand, Term)
        if operand.negated:
            excluded.append(operand)
        elif join_next:
            clauses[-1].append(operand)
        else:
            clauses.append([operand])
        join_next = False
    clauses = clauses[:MAX_TERMS]
    if clauses:  # the last word is still being typed: match it as a prefix
        last = clauses[-1][-1]
        if len(last.words) == 1 and len(last.words[0]) >= MIN_PREFIX and operands[-1] is last:
            clauses[-1][-1] = replace(last, prefix=True)
    return SearchQuery(clauses=tuple(tuple(c) for c in clauses), excluded=tuple(excluded[:MAX_TERMS]))


# --- PostgreSQL: to_tsquery text ----------------------------------------------------


def _pg_operand(term: Term) -> str:
    # Words hold only letters and digits, so quoting them cannot break the syntax.
    lexemes = [f"'{w}'" + (":*" if term.prefix else "") for w in term.words]
    return "(" + " <-> ".join(lexemes) + ")"


def to_tsquery(query: SearchQuery, *, positive_only: bool = False) -> str:
    """``to_tsquery`` text: every clause must match and no excluded term may (the excluded
    terms are left out with ``positive_only``, e.g. to test the title alone)."""
    parts = ["(" + " | ".join(_pg_operand(t) for t in clause) + ")" for clause in query.clauses]
    if not positive_only:
        parts += ["!" + _pg_operand(t) for t in query.excluded]
    return " & ".join(parts)


# --- SQLite: FTS5 MATCH expression --------------------------------------------------


def _fts_word(word: str) -> str:
    # FTS5 has no stemmer for Russian (and Porter only for English), so word forms are
    # found by matching the Snowball stem as a prefix (or the word itself).
    if len(word) < MIN_PREFIX:
        return f'"{word}"'
    forms = dict.fromkeys([word, stem(word)])
    return "(" + " OR ".join(f'"{form}"*' for form in forms if len(form) >= 2) + ")"


def _fts_operand(term: Term) -> str:
    if len(term.words) == 1:
        return _fts_word(term.words[0])
    return '"' + " ".join(term.words) + '"'  # a phrase: exact word forms in order


def to_fts5(query: SearchQuery, *, title_only: bool = False) -> str:
    """An FTS5 MATCH expression with the meaning of ``to_tsquery``."""
    positive = " AND ".join(
        "(" + " OR ".join(_fts_operand(t) for t in clause) + ")" for clause in query.clauses
    )
    if title_only:
        positive = f"title : ({positive})"
    if query.excluded:
        negative = " OR ".join(_fts_operand(t) for t in query.excluded)
        return f"({positive}) NOT ({negative})"
    return positive


# --- word forms, typos, highlighting ------------------------------------------------


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """The Snowball stem of a word (Russian for Cyrillic words, English otherwise)."""
    language = "russian" if _CYRILLIC.search(word) else "english"
    stemmed: str = _stemmer(language).stemWord(word)
    return stemmed


@lru_cache(maxsize=2)
def _stemmer(language: str) -> Any:  # snowballstemmer ships no type hints
    return snowballstemmer.stemmer(language)


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's ``similarity`` for two words: shared trigrams over all trigrams."""
    left, right = _trigrams(a), _trigrams(b)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def _trigrams(word: str) -> set[str]:
    padded = f"  {word.lower()} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def highlight(text: str, query: SearchQuery) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, matched) pieces: words the query found are matched."""
    wanted = [(w, stem(w), t.prefix) for t in query.terms for w in t.words]
    if not wanted or not text:
        return [(text, False)] if text else []
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if _word_matches(word, wanted):
            if match.start() > position:
                pieces.append((text[position : match.start()], False))
            pieces.append((match.group(), True))
            position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def _word_matches(word: str, wanted: list[tuple[str, str, bool]]) -> bool:
    word_stem = stem(word)
    for raw, raw_stem, prefix in wanted:
        if word == raw or word_stem == raw_stem or (prefix and word.startswith(raw)):
            return True
    return False

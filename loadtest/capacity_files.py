"""What the capacity plug-in (``loadtest.stepload``, loaded into Locust) and the report
(``loadtest.capacity_report``) share: file names and the base-URL mapping. Kept free of
Locust imports, because importing Locust monkey-patches the process with gevent."""

from __future__ import annotations

STEPS_FILE = "steps.csv"
REQUESTS_PREFIX = "requests-"


def parse_url_map(raw: str) -> list[tuple[str, str]]:
    """``"a=b,c=d"`` -> ``[("a", "b"), ("c", "d")]``, longest prefix first."""
    pairs = []
    for item in raw.split(","):
        if not item.strip():
            continue
        source, sep, target = item.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise ValueError(f"EDU_URL_MAP entry {item!r} is not 'from=to'")
        pairs.append((source.strip(), target.strip()))
    return sorted(pairs, key=lambda pair: len(pair[0]), reverse=True)


def map_url(url: str, pairs: list[tuple[str, str]]) -> str:
    """``url`` with the first matching prefix replaced (unchanged when none matches)."""
    for source, target in pairs:
        if url.startswith(source):
            return target + url[len(source) :]
    return url

"""The common-word problem, measured: ways of ranking a word that matches 1-10 % of the
catalog, each as the plain SQL of one first page (20 courses + the total), run against the
same seeded PostgreSQL with one client and with 16 (``python -m loadtest.bench_search
--approaches``)."""

from __future__ import annotations

import asyncio
import random
import time

import asyncpg

from backend_services.course.search_query import parse, to_tsquery
from backend_services.shared.settings import Settings
from loadtest.journeys import SEARCH_TERMS
from loadtest.pg_writer import asyncpg_dsn

COLUMNS = (
    "id, teacher_id, title, description, is_free, price, duration_minutes, level, avg_rating, review_count"
)
CAP = 1000


def _q(term: str) -> str:
    return "to_tsquery('russian', '" + to_tsquery(parse(term)).replace("'", "''") + "')"


def _title_q(term: str) -> str:
    return "to_tsquery('russian', '" + to_tsquery(parse(term), positive_only=True).replace("'", "''") + "')"


async def rank_every_match(conn, term: str) -> None:
    """A: ts_rank over every match, exact count."""
    q = _q(term)
    await conn.fetch(
        f"SELECT {COLUMNS} FROM courses WHERE search_vector @@ {q} "
        f"ORDER BY ts_rank(search_vector, {q}) DESC, id LIMIT 20"
    )
    await conn.fetchval(f"SELECT count(*) FROM courses WHERE search_vector @@ {q}")


async def rank_candidates(conn, term: str) -> None:
    """B: ts_rank over the 200 most reviewed matches, count capped at 1000."""
    q = _q(term)
    await conn.fetch(
        f"SELECT * FROM (SELECT {COLUMNS}, search_vector FROM courses WHERE search_vector @@ {q} "
        f"ORDER BY review_count DESC, id DESC LIMIT 200) c "
        f"ORDER BY ts_rank(search_vector, {q}) DESC, review_count DESC, id DESC LIMIT 20"
    )
    await conn.fetchval(
        f"SELECT count(*) FROM (SELECT 1 FROM courses WHERE search_vector @@ {q} LIMIT {CAP + 1}) s"
    )


async def title_tier_by_reviews(conn, term: str) -> None:
    """C (chosen): title matches first, by reviews on the sort index; estimated total."""
    await conn.fetchval(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM courses WHERE search_vector @@ {_q(term)}")
    await conn.fetch(
        f"SELECT {COLUMNS} FROM courses WHERE title_vector @@ {_title_q(term)} "
        f"ORDER BY review_count DESC, id DESC LIMIT 21"
    )


APPROACHES = {
    "A: ts_rank every match + exact count": rank_every_match,
    "B: ts_rank top-200 by reviews + count to 1000": rank_candidates,
    "C: title tier by reviews (index walk) + estimate": title_tier_by_reviews,
}


async def _run(dsn: str, approach, clients: int, seconds: float) -> tuple[list[float], float]:
    pool = await asyncpg.create_pool(dsn, min_size=clients, max_size=clients)
    rng = random.Random(clients)
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        async with pool.acquire() as conn:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                await approach(conn, rng.choice(SEARCH_TERMS))
                latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.perf_counter() - started
    await pool.close()
    return latencies, elapsed


def compare(settings: Settings, seconds: float) -> str:
    """A Markdown table: each approach at 1 and 16 clients."""
    dsn = asyncpg_dsn(settings.database_url("course"))
    lines = ["| approach | clients | p50 ms | p99 ms | queries/s |", "|---|---:|---:|---:|---:|"]
    for name, approach in APPROACHES.items():
        for clients in (1, 16):
            latencies, elapsed = asyncio.run(_run(dsn, approach, clients, seconds))
            ordered = sorted(latencies)
            p50, p99 = ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
            lines.append(f"| {name} | {clients} | {p50:.1f} | {p99:.1f} | {len(ordered) / elapsed:.0f} |")
    return "\n".join(lines)

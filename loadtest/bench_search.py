"""Catalog search benchmark: every search mode against the same seeded PostgreSQL, in one run.

    source scripts/production_env.sh && python -m loadtest.bench_search [--seconds 15]

For each mode (``substring``, the Phase 0 baseline, and ``fulltext``) it runs the seed's
search terms plus a rare word, typos and prefixes through the course facade (what
``GET /api/course/courses?q=`` runs, minus HTTP), first with one client, then with 16
concurrent clients split over as many processes as the machine has cores (like the
production mode's workers), on uvloop like the servers. Prints p50/p95/p99 and
queries/s per mode and concurrency with the ratio to substring mode; the last line is
``search: p99 <ms> at c=16, <ratio>x substring``.

``--approaches`` instead compares ways of ranking the common words in plain SQL (see
docs/perf/SEARCH.md). The benchmark adds three rare courses for its rare-word queries and
removes them again at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import random
import sys
import time
import uuid
from dataclasses import dataclass

from sqlalchemy import text

from backend_services.course.facade import CourseFacade
from backend_services.course.schemas import CatalogSearch
from backend_services.shared import gc_pauses
from backend_services.shared.database import Database
from backend_services.shared.settings import Settings, get_settings
from loadtest.journeys import SEARCH_TERMS

RARE_COURSES = [
    ("Ornithopter design", "Build flapping-wing models from paper and balsa."),
    ("Zymurgy for home brewers", "The science of fermentation: beer, mead and cider."),
    ("Основы виноделия", "Как сделать домашнее вино: сорта винограда, брожение, выдержка."),
]
EXTRA_QUERIES = {
    "rare": ["zymurgy", "виноделие"],
    "typo": ["kubernets", "zymrugy", "ornitopter"],
    "prefix": ["pyth", "ornitho", "market"],
}
MODES = ("substring", "fulltext")


def queries() -> list[str]:
    """The seed's terms plus the rare, typo and prefix queries."""
    return list(SEARCH_TERMS) + [q for group in EXTRA_QUERIES.values() for q in group]


@dataclass
class Result:
    mode: str
    clients: int
    latencies_ms: list[float]
    seconds: float
    errors: int

    @property
    def qps(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _facade(settings: Settings, mode: str, pool: int) -> CourseFacade:
    tuned = settings.model_copy(update={"search_mode": mode, "db_pool_size": pool, "db_max_overflow": 0})

    async def never_enrolled(*_args) -> bool:
        return False

    return CourseFacade(Database("course", tuned), is_enrolled=never_enrolled, settings=tuned)


async def _clients(settings: Settings, mode: str, clients: int, seconds: float, seed: int):
    facade = _facade(settings, mode, clients)
    terms = queries()
    rng = random.Random(seed)
    latencies: list[float] = []
    errors = 0
    await facade.search_catalog(CatalogSearch(q="warm up", limit=20))
    gc_pauses.settle_after_startup(freeze=settings.gc_freeze)  # as the servers do after start-up
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            search = CatalogSearch(q=rng.choice(terms), limit=20)
            started = time.perf_counter()
            try:
                await facade.search_catalog(search)
            except Exception:  # noqa: BLE001 - counted and reported, the run goes on
                errors += 1
                continue
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.perf_counter() - started
    await facade.db.dispose()
    return latencies, elapsed, errors


def _worker(args) -> tuple[list[float], float, int]:
    settings, mode, clients, seconds, seed = args
    with contextlib.suppress(ImportError):  # the event loop the servers run on (granian picks uvloop)
        import uvloop

        return uvloop.run(_clients(settings, mode, clients, seconds, seed))
    return asyncio.run(_clients(settings, mode, clients, seconds, seed))


def measure(settings: Settings, mode: str, clients: int, seconds: float, processes: int) -> Result:
    """``clients`` concurrent searches for ``seconds``, spread over ``processes`` processes."""
    processes = max(1, min(processes, clients))
    shares = [clients // processes + (i < clients % processes) for i in range(processes)]
    jobs = [(settings, mode, share, seconds, i) for i, share in enumerate(shares)]
    if processes == 1:
        outcomes = [_worker(jobs[0])]
    else:
        with multiprocessing.get_context("spawn").Pool(processes) as pool:
            outcomes = pool.map(_worker, jobs)
    latencies = [ms for outcome in outcomes for ms in outcome[0]]
    return Result(mode, clients, latencies, max(o[1] for o in outcomes), sum(o[2] for o in outcomes))


def _rare_ids() -> list[uuid.UUID]:
    return [uuid.uuid5(uuid.NAMESPACE_URL, f"eduplatform-bench:{title}") for title, _ in RARE_COURSES]


async def _rare_courses(settings: Settings, add: bool) -> None:
    db = Database("course", settings)
    async with db.session() as session:
        ids = _rare_ids()
        await session.execute(text("DELETE FROM courses WHERE id = ANY(:ids)"), {"ids": ids})
        if add:
            for course_id, (title, description) in zip(ids, RARE_COURSES, strict=True):
                await session.execute(
                    text(
                        "INSERT INTO courses (id, teacher_id, title, description, is_free, duration_minutes,"
                        " level, review_count, rating_sum, created_at)"
                        " VALUES (:id, :id, :title, :description, true, 60, 'beginner', 0, 0, now())"
                    ),
                    {"id": course_id, "title": title, "description": description},
                )
    await db.dispose()


def table(results: list[Result]) -> str:
    """The results as a Markdown table, with ratios to substring mode at the same concurrency."""
    base = {r.clients: r for r in results if r.mode == "substring"}
    lines = [
        "| mode | clients | queries | errors | p50 ms | p95 ms | p99 ms | queries/s | x substring (q/s) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ratio = r.qps / base[r.clients].qps if r.clients in base and base[r.clients].qps else float("nan")
        lines.append(
            f"| {r.mode} | {r.clients} | {len(r.latencies_ms)} | {r.errors} | {r.percentile(50):.1f} | "
            f"{r.percentile(95):.1f} | {r.percentile(99):.1f} | {r.qps:.1f} | {ratio:.1f} |"
        )
    return "\n".join(lines)


def run(settings: Settings, seconds: float, processes: int, modes=MODES, concurrency=(1, 16)) -> list[Result]:
    asyncio.run(_rare_courses(settings, add=True))
    try:
        results = []
        for clients in concurrency:
            for mode in modes:
                print(f"... {mode}, {clients} client(s), {seconds:g} s", file=sys.stderr, flush=True)
                results.append(measure(settings, mode, clients, seconds, processes if clients > 1 else 1))
        return results
    finally:
        asyncio.run(_rare_courses(settings, add=False))


def summary_line(results: list[Result]) -> str:
    full = next(r for r in results if r.mode == "fulltext" and r.clients == 16)
    base = next(r for r in results if r.mode == "substring" and r.clients == 16)
    return f"search: p99 {full.percentile(99):.1f} ms at c=16, {full.qps / base.qps:.0f}x substring"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m loadtest.bench_search", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seconds", type=float, default=15.0, help="per mode and concurrency")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 2, help="client processes at c=16")
    parser.add_argument("--approaches", action="store_true", help="compare ranking approaches instead")
    args = parser.parse_args(argv)
    settings = get_settings()
    if not settings.database_url("course").startswith("postgresql"):
        parser.error("needs PostgreSQL: source scripts/production_env.sh (or set EDU_COURSE_DATABASE_URL)")
    if args.approaches:
        from loadtest.bench_approaches import compare

        print(compare(settings, args.seconds))
        return 0
    print(f"cpu: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before the run", flush=True)
    results = run(settings, args.seconds, args.processes)
    print(table(results))
    print(f"cpu: load average {os.getloadavg()[0]:.1f} after the run")
    print(summary_line(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())

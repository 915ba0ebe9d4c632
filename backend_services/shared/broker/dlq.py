"""The dead-letter stream, for operators: list what failed, send it back, or drop it.

    python -m backend_services.shared.broker.dlq list
    python -m backend_services.shared.broker.dlq replay --all        # or --seq 12 --seq 15
    python -m backend_services.shared.broker.dlq drop --seq 12

It reads the same ``EDU_BROKER_*`` settings as the services. A replay goes to the one
consumer that failed (``<prefix>.replay.<consumer>.<topic>``), not to every subscriber,
and leaves the dead-letter stream; if it fails again it comes back with a new number.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass
from datetime import datetime

from nats.js.errors import NotFoundError

from backend_services.shared.broker.bus import MSG_ID, EventBus
from backend_services.shared.settings import Settings, get_settings


@dataclass(frozen=True)
class DeadLetter:
    seq: int
    time: datetime | None
    consumer: str
    topic: str
    event_id: str
    attempts: int
    error: str
    data: bytes


async def list_dead(bus: EventBus) -> list[DeadLetter]:
    """Every message in the dead-letter stream, oldest first."""
    js, s = bus.js, bus.subjects
    letters: list[DeadLetter] = []
    seq = 1
    while True:
        try:
            raw = await js.get_msg(s.dlq_stream, seq=seq, subject=s.every_dead, next=True)
        except NotFoundError:
            return letters
        h = raw.headers or {}
        letters.append(
            DeadLetter(
                seq=int(raw.seq or 0),
                time=raw.time,
                consumer=h.get("Edu-Consumer", "?"),
                topic=h.get("Edu-Topic", "?"),
                event_id=h.get("Edu-Event-Id", "?"),
                attempts=int(h.get("Edu-Attempts", "0")),
                error=h.get("Edu-Error", ""),
                data=raw.data or b"",
            )
        )
        seq = int(raw.seq or seq) + 1


async def replay(bus: EventBus, letters: list[DeadLetter]) -> int:
    """Send each letter back to its consumer and remove it from the dead-letter stream."""
    for letter in letters:
        headers = {
            MSG_ID: f"replay-{bus.subjects.dlq_stream}-{letter.seq}",
            "Edu-Replayed-From": str(letter.seq),
        }
        await bus.publish_raw(bus.subjects.replay(letter.consumer, letter.topic), letter.data, headers)
        await bus.js.delete_msg(bus.subjects.dlq_stream, letter.seq)
    return len(letters)


async def drop(bus: EventBus, letters: list[DeadLetter]) -> int:
    for letter in letters:
        await bus.js.delete_msg(bus.subjects.dlq_stream, letter.seq)
    return len(letters)


def _select(letters: list[DeadLetter], args: argparse.Namespace) -> list[DeadLetter]:
    if args.all:
        return letters
    wanted = set(args.seq or ())
    missing = wanted - {letter.seq for letter in letters}
    if missing:
        raise SystemExit(f"no dead letter with number {', '.join(map(str, sorted(missing)))}")
    return [letter for letter in letters if letter.seq in wanted]


async def main(argv: list[str], settings: Settings | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backend_services.shared.broker.dlq", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="show the dead letters")
    for name in ("replay", "drop"):
        p = sub.add_parser(name, help=f"{name} dead letters")
        group = p.add_mutually_exclusive_group(required=True)
        group.add_argument("--seq", type=int, action="append", help="a dead letter's number (repeatable)")
        group.add_argument("--all", action="store_true")
    args = parser.parse_args(argv)
    settings = settings or get_settings()
    if not settings.broker_url:
        print("EDU_BROKER_URL is not set", file=sys.stderr)
        return 2
    bus = EventBus(settings, client_name="eduplatform-dlq")
    await bus.connect()
    try:
        letters = await list_dead(bus)
        if args.command == "list":
            print(f"{len(letters)} dead letter(s) in {bus.subjects.dlq_stream}")
            for d in letters:
                when = d.time.isoformat(timespec="seconds") if d.time else "?"
                print(f"#{d.seq} {when} {d.consumer} {d.topic} {d.event_id} attempts={d.attempts} {d.error}")
            return 0
        chosen = _select(letters, args)
        done = await (replay(bus, chosen) if args.command == "replay" else drop(bus, chosen))
        print(f"{args.command}: {done} dead letter(s)")
        return 0
    finally:
        await bus.close()


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main(sys.argv[1:])))

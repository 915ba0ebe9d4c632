"""The garbage collector in serving processes: start-up objects are frozen out of its scans,
and its full collections are timed for the metrics endpoint.

A serving process holds a few hundred thousand objects made at start-up (modules, routes,
models, the UI's compiled components) that live as long as the process. CPython's full
(generation 2) collection walks all of them each time it runs, and the event loop stands
still meanwhile: about 100 ms per full collection in an API worker on the 2-core lab box
(docs/perf/CAPACITY.md), so every request in flight at that moment gets 100 ms slower.
``gc.freeze()`` after start-up moves them to the permanent generation, which collections
do not scan (the approach the Python docs give for ``gc.freeze`` and Instagram described
in "Dismissing Python Garbage Collection at Instagram", 2017). Objects made later are
collected as before.
"""

from __future__ import annotations

import gc
import time
from typing import Any

from backend_services.shared.metrics import GC_PAUSES

_started: list[float] = []


def _time_full_collections(phase: str, info: dict[str, Any]) -> None:
    if info["generation"] != 2:
        return
    if phase == "start":
        _started[:] = [time.perf_counter()]
    elif _started:
        GC_PAUSES.observe(time.perf_counter() - _started.pop())


def settle_after_startup(*, freeze: bool) -> None:
    """Call once the process has started serving: time full collections from now on and,
    with ``freeze``, leave everything made so far out of the collector's scans."""
    if freeze:
        gc.collect()  # what start-up left as garbage is freed, not frozen
        gc.freeze()
    if _time_full_collections not in gc.callbacks:
        gc.callbacks.append(_time_full_collections)

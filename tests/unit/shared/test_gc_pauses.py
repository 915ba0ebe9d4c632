"""Start-up objects are frozen out of the collector's scans, and full collections are timed."""

from __future__ import annotations

import gc

import pytest
from prometheus_client import REGISTRY

from backend_services.shared import gc_pauses


def _full_collections() -> float:
    return REGISTRY.get_sample_value("python_gc_full_collection_seconds_count") or 0.0


@pytest.fixture
def restored():
    yield
    gc.unfreeze()
    if gc_pauses._time_full_collections in gc.callbacks:
        gc.callbacks.remove(gc_pauses._time_full_collections)


def test_settling_freezes_what_start_up_made_and_times_each_full_collection(restored):
    gc_pauses.settle_after_startup(freeze=True)
    assert gc.get_freeze_count() > 0
    counted = _full_collections()
    gc.collect(1)  # a young collection is not a full one
    assert _full_collections() == counted
    gc.collect()
    assert _full_collections() == counted + 1


def test_without_freeze_nothing_is_frozen_but_collections_are_still_timed(restored):
    gc_pauses.settle_after_startup(freeze=False)
    assert gc.get_freeze_count() == 0
    counted = _full_collections()
    gc.collect()
    assert _full_collections() == counted + 1

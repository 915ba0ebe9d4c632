"""The running five-service cluster, shared by the tests of this package (started once)."""

from __future__ import annotations

import pytest

from tests.databases import postgres_unavailable_reason
from tests.nats_server import nats_unavailable_reason
from tests.services.api import Api
from tests.services.cluster import FiveServices


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    reason = postgres_unavailable_reason() or nats_unavailable_reason()
    if reason:
        pytest.skip(reason)
    cluster = FiveServices(tmp_path_factory.mktemp("five-services"))
    cluster.create_databases()
    try:
        cluster.configure()
        cluster.start_all()
        yield cluster
    finally:
        cluster.stop_all()
        cluster.drop_databases()


@pytest.fixture(scope="session")
def api(cluster):
    client = Api({ctx: s.url for ctx, s in cluster.services.items()})
    yield client
    client.close()

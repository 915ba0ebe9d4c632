"""The development JWT secret: random, private, generated once and shared by every process."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import stat
import threading
import uuid
from pathlib import Path

from backend_services.shared.secrets import load_or_create_secret
from backend_services.shared.security import Role, TokenService
from backend_services.shared.settings import Settings


def test_a_secret_is_generated_once_with_mode_600_and_reused(tmp_path):
    path = tmp_path / "data" / "jwt_secret"
    first = load_or_create_secret(path)
    assert len(first) >= 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_secret(path) == first
    assert load_or_create_secret(tmp_path / "other" / "jwt_secret") != first
    assert [p.name for p in path.parent.iterdir()] == ["jwt_secret"]  # no temporary files left


def test_development_signs_with_the_generated_secret_and_an_explicit_one_wins(tmp_path):
    generated = Settings(_env_file=None, data_dir=tmp_path)
    token = TokenService(generated).issue(user_id=uuid.uuid4(), role=Role.ADMIN, is_verified=True)
    restarted = Settings(_env_file=None, data_dir=tmp_path)
    assert TokenService(restarted).verify(token).is_admin  # the same secret after a restart
    assert generated.signing_secret == (tmp_path / "jwt_secret").read_text()
    explicit = Settings(
        _env_file=None, data_dir=tmp_path, jwt_secret="explicit-secret-for-this-test-0123456789"
    )
    assert explicit.signing_secret == "explicit-secret-for-this-test-0123456789"


def _secret_in_new_process(path: str) -> str:
    return load_or_create_secret(Path(path))


def test_processes_starting_at_once_agree_on_one_secret(tmp_path):
    path = str(tmp_path / "jwt_secret")
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=8, mp_context=context) as pool:
        secrets = list(pool.map(_secret_in_new_process, [path] * 16))
    assert len(set(secrets)) == 1
    assert secrets[0] == Path(path).read_text()


def test_threads_released_at_the_same_instant_agree_on_one_secret(tmp_path):
    path = tmp_path / "jwt_secret"
    barrier = threading.Barrier(12)

    def create() -> str:
        barrier.wait()
        return load_or_create_secret(path)

    with concurrent.futures.ThreadPoolExecutor(max_workers=12) as pool:
        secrets = list(pool.map(lambda _: create(), range(12)))
    assert len(set(secrets)) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["jwt_secret"]

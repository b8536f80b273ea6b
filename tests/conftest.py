"""Test settings: a hypothesis profile for CI's shared 2-core machine, the shared reference texts, and where
the logs of internal errors caused on purpose go."""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests import support

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=100)
# `make fuzz`: the mutation fuzzing of tests/test_fuzz_mutations.py at length, random, failures printed to replay
settings.register_profile(
    "fuzz",
    deadline=None,
    max_examples=100_000,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# a profile named explicitly wins; CI otherwise runs its own
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return support.shared_dir()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return support.seed_path()


@pytest.fixture(autouse=True, scope="session")
def _internal_error_logs(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Logs of internal errors the tests cause on purpose (a fault injected into a batch or a web job) go to a
    directory of the run's, not the user's state directory; a test of where logs go sets its own."""
    os.environ.setdefault("JIXIAO_LOG_DIR", str(tmp_path_factory.mktemp("internal-error-logs")))

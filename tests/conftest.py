"""Test settings: a hypothesis profile for CI's shared 2-core machine, and the shared reference texts."""

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
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return support.shared_dir()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return support.seed_path()

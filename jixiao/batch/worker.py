"""The worker processes of `jixiao batch`: set up once, then one `Job` after another.

`init` runs once in each worker: it keeps the rulebook and settings (loaded once, by the parent, and sent
to each worker when it starts), the store that records results, and ignores Ctrl-C, which is the parent's
to handle (a worker finishes the report in hand). `run` evaluates one job, writes its record to the store
and answers with the record and what the worker has used so far (peak memory, processor time).

Test hook: the parent passes `JIXIAO_BATCH_FAULT` through to the workers. `raise:NAME` makes the worker
raise an unexpected exception on the file whose base name is NAME, `kill:NAME` kills the worker process
on it (as a segfault or the kernel's OOM killer would), so tests can show that one file's bug or crash is
recorded and the batch goes on; `start` makes every worker fail as it starts.
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass
from pathlib import PurePosixPath

from jixiao.batch.record import Record, evaluate
from jixiao.batch.store import Store
from jixiao.checks import Settings
from jixiao.scoring.rulebook import Rulebook

FAULT_VARIABLE = "JIXIAO_BATCH_FAULT"

try:
    import resource
except ImportError:  # not on Windows: no peak memory figure there
    resource = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Job:
    name: str
    sha256: str
    data: bytes


@dataclass(frozen=True)
class Usage:
    """What one worker process has used since it started."""

    pid: int
    peak_kib: int | None  # peak resident memory (None where the system does not say)
    cpu_seconds: float  # processor time


@dataclass(frozen=True)
class Reply:
    record: Record
    usage: Usage | None = None  # None when the worker died and the parent made the record


@dataclass(frozen=True)
class Setup:
    rulebook: Rulebook | None  # None: each file's kind takes its own default
    settings: Settings
    store: Store
    fault: str | None = None


_setup: Setup | None = None


def init(setup: Setup) -> None:
    global _setup
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if setup.fault == "start":
        raise RuntimeError(f"fault injected by {FAULT_VARIABLE}: the worker fails as it starts")
    _setup = setup


def ready() -> int:
    """Nothing: the parent's probe that a new pool's worker has started and been set up."""
    return os.getpid()


def run(job: Job) -> Reply:
    assert _setup is not None, "worker.init was not called"
    _inject_fault(job.name, _setup.fault)
    record = evaluate(job.name, job.sha256, job.data, _setup.rulebook, _setup.settings)
    _setup.store.put(record)
    return Reply(record, usage())


def usage() -> Usage:
    # Linux gives ru_maxrss in KiB
    peak = None if resource is None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return Usage(os.getpid(), peak, time.process_time())


def _inject_fault(name: str, fault: str | None) -> None:
    if not fault:
        return
    action, _, target = fault.partition(":")
    if PurePosixPath(name).name != target:
        return
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if action == "raise":
        raise RuntimeError(f"fault injected by {FAULT_VARIABLE} for {target}")

"""Run batch jobs in worker processes, and survive a worker that dies.

Workers come from a `ProcessPoolExecutor` whose initialiser sets each one up once (`worker.init`). They
are started by a fork server (spawned where there is none), never forked from the parent: the parent runs
the progress bar's thread, and forking a process with threads can deadlock the child.

At most two jobs per worker are handed out at a time. When a worker dies (a segfault in a reader library,
the kernel's OOM killer), the executor is broken and every job in it fails alike, so those jobs are run
again one at a time, each in a pool of its own: the one that breaks its pool again is recorded as that
file's failure, the others give their results. A fresh pool then takes the remaining jobs.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from jixiao.batch import worker
from jixiao.batch.record import bug_reason, internal_error, rulebook_name
from jixiao.batch.worker import Job, Reply, Setup

OnReply = Callable[[Job, Reply], None]
# What the fork server imports once, for every worker to fork from warm: the main module (else each worker
# runs it again on start), the batch worker with the importers, checks and scoring, and the readers.
PRELOAD = ("__main__", "jixiao.batch.worker", "jixiao.io.docx_reader", "jixiao.io.pdf_reader", "jixiao.io.xlsx_reader")

WORKER_DIED = "处理这个文件时工作进程意外退出（可能是内存不足或读取程序崩溃），未能得到结果；其余文件照常处理。"


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(PRELOAD))
        return context
    return multiprocessing.get_context("spawn")


class WorkersFailed(Exception):
    """No worker process can start (a broken installation, a failing initialiser): no file can be processed."""


class Pool:
    """`workers` processes set up with `setup`, rebuilt whenever one of them dies."""

    def __init__(self, workers: int, setup: Setup) -> None:
        self.workers = workers
        self.setup = setup
        self.context = _context()

    def _executor(self, workers: int) -> ProcessPoolExecutor:
        """A pool whose first worker has started: a pool that cannot start one is no file's fault."""
        executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=self.context, initializer=worker.init, initargs=(self.setup,)
        )
        try:
            executor.submit(worker.ready).result()
        except BrokenProcessPool as exc:
            executor.shutdown(wait=True, cancel_futures=True)
            raise WorkersFailed(f"工作进程无法启动（{exc}），批量检查未能进行。") from exc
        return executor

    def run(self, jobs: Iterator[Job], on_reply: OnReply) -> None:
        """Every job of `jobs` gives one reply, in the order they finish."""
        more = True
        while more:
            more, suspects = self._parallel(jobs, on_reply)
            for job in suspects:
                on_reply(job, self._alone(job))

    def _parallel(self, jobs: Iterator[Job], on_reply: OnReply) -> tuple[bool, list[Job]]:
        """Run jobs until there are none left (False, []) or the pool breaks (True, the jobs it held)."""
        first = next(jobs, None)
        if first is None:  # every file done already, or none readable: no pool to start
            return False, []
        executor = self._executor(self.workers)
        running: dict[Future[Reply], Job] = {executor.submit(worker.run, first): first}
        try:
            while True:
                while len(running) < 2 * self.workers and (job := next(jobs, None)) is not None:
                    running[executor.submit(worker.run, job)] = job
                if not running:
                    return False, []
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                if any(isinstance(future.exception(), BrokenProcessPool) for future in done):
                    wait(running)  # a broken pool fails every job it holds, at once
                    suspects = []
                    for future, job in running.items():
                        if isinstance(future.exception(), BrokenProcessPool):
                            suspects.append(job)
                        else:
                            on_reply(job, self._reply(job, future))
                    return True, suspects
                for future in done:
                    job = running.pop(future)
                    on_reply(job, self._reply(job, future))
        finally:
            executor.shutdown(wait=True, cancel_futures=True)

    def _alone(self, job: Job) -> Reply:
        executor = self._executor(1)
        try:
            future = executor.submit(worker.run, job)
            wait([future])
            if isinstance(future.exception(), BrokenProcessPool):
                record = internal_error(job.name, job.sha256, rulebook_name(self.setup.rulebook), WORKER_DIED, None)
                return Reply(record)
            return self._reply(job, future)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)

    def _reply(self, job: Job, future: Future[Reply]) -> Reply:
        """The worker's reply; an exception that escaped it is that file's internal error, with its traceback."""
        exc = future.exception()
        if exc is None:
            return future.result()
        details = "".join(traceback.format_exception(exc))
        record = internal_error(job.name, job.sha256, rulebook_name(self.setup.rulebook), bug_reason(exc), details)
        return Reply(record)

"""Taking back jobs whose worker died: django-tasks' database backend marks a task RUNNING when a worker
claims it and never looks at it again, so a worker killed mid-job (a crash, the OOM killer, a machine
lost) would leave its job running for ever. This is the small step that closes that gap.

A claim is lost when neither the claim nor the job's heartbeat (renewed at every step: runner.Progress)
is younger than `JIXIAO_JOB_TIMEOUT` seconds. A lost claim goes back to the queue (READY) for the next
worker, up to `JIXIAO_JOB_ATTEMPTS` claims in all; after the last, the task and its job fail with the
reason. Every worker runs this before it looks for work (management/commands/db_worker.py), so any live
worker on any machine takes back a dead one's job. Each take-back is one conditional UPDATE on the
task's row (still RUNNING, still claimed when it was seen), so two workers never both take one back.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jixiao.web.jobs.models import FINISHED, Job, JobState

log = logging.getLogger(__name__)


class WorkerLost(Exception):
    """Named in a task failed for good because its workers kept dying (its `exception_class_path`)."""


def reclaim_lost(now: dt.datetime | None = None) -> int:
    """Put lost claims back in the queue, or fail them after the last attempt; how many were taken back."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=settings.JOBS_TIMEOUT)
    claimed = list(DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff))
    if not claimed:
        return 0
    jobs = {job.task_id: job for job in Job.objects.filter(task_id__in=[str(r.id) for r in claimed])}
    taken = 0
    for result in claimed:
        job = jobs.get(str(result.id))
        if job is not None and job.heartbeat is not None and job.heartbeat >= cutoff:
            continue  # a long job, alive
        taken += _take_back(result, job, now)
    return taken


def _take_back(result: DBTaskResult, job: Job | None, now: dt.datetime) -> int:
    attempts = len(result.worker_ids)
    still = DBTaskResult.objects.filter(
        id=result.id, status=TaskResultStatus.RUNNING, started_at=result.started_at
    )
    unfinished = (
        Job.objects.filter(pk=job.pk).exclude(state__in=FINISHED) if job is not None else Job.objects.none()
    )
    with transaction.atomic():
        if attempts >= settings.JOBS_MAX_ATTEMPTS:
            reason = f"处理这项任务的工作进程 {attempts} 次中断（进程退出或失去联系），已停止重试。请联系管理员查看工作进程日志。"
            if not still.update(status=TaskResultStatus.FAILED, finished_at=now, traceback=reason,
                                exception_class_path=f"{__name__}.{WorkerLost.__qualname__}"):  # fmt: skip
                return 0
            unfinished.update(state=JobState.FAILED, error=reason, finished=now)
            log.error("task %s failed for good after %s lost claims", result.id, attempts)
        else:
            if not still.update(status=TaskResultStatus.READY):
                return 0
            unfinished.update(
                state=JobState.QUEUED, step=f"工作进程中断，等待重新运行（已运行 {attempts} 次）"
            )
            log.warning("task %s taken back from a lost worker (claim %s of %s)", result.id, attempts,
                        settings.JOBS_MAX_ATTEMPTS)  # fmt: skip
    return 1

"""Starting and running jobs: `start` queues one through Django's Tasks API (django-tasks, database
backend) and `run_job` is the one task every worker runs, whatever the job's kind.

`run_job` takes the job (state running, its `attempt` the number of this claim of the task), hands it to
the work of its kind (bulk.py, region.py) with a `Progress`, and records how it ended: done, or failed
with the reason in Chinese (a report that cannot be read says why; a bug says it is one). The failure is
raised again, so django-tasks records it too, with its traceback, for the operator.

A `Progress` renews the job's heartbeat at every step. It writes only while this claim still owns the
job: when a claim was taken back as lost (jobs/reclaim.py) and the job runs again elsewhere, the old
worker, should it come back to life, finds it no longer owns the job and stops (`Superseded`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskContext, task

from jixiao.batch.record import bug_reason
from jixiao.core.errors import InputError
from jixiao.web.common import faults
from jixiao.web.jobs.models import FINISHED, Job, JobFile, JobState, Kind

log = logging.getLogger(__name__)


class Superseded(Exception):
    """This claim of the job was taken back as lost and the job is running again under a newer claim."""


class Progress:
    def __init__(self, job: Job, attempt: int) -> None:
        self.job, self.attempt = job, attempt

    def _write(self, **fields: Any) -> None:
        mine = Job.objects.filter(pk=self.job.pk, attempt=self.attempt, state=JobState.RUNNING)
        if not mine.update(heartbeat=timezone.now(), **fields):
            raise Superseded(f"job {self.job.pk}, attempt {self.attempt}")
        for name, value in fields.items():
            setattr(self.job, name, value)

    def total(self, total: int, done: int = 0) -> None:
        self._write(total=total, done=done)

    def step(self, done: int, what: str) -> None:
        """`what` is in hand, `done` are finished; a pause point for the fault tests."""
        self._write(done=done, step=what[:300])
        faults.inject("job-step")

    def finish(self) -> None:
        self._write(state=JobState.DONE, finished=timezone.now(), step="")

    def output(self, name: str, content_type: str, data: bytes) -> None:
        with transaction.atomic():
            self.job.files.filter(role=JobFile.OUTPUT).delete()
            JobFile.objects.create(
                job=self.job, role=JobFile.OUTPUT, name=name, content_type=content_type, data=data
            )
            self._write()


def work_of(kind: str) -> Callable[[Job, Progress], None]:
    """The function that does a job of this kind."""
    from jixiao.web.jobs import bulk, region

    works: dict[str, Callable[[Job, Progress], None]] = {
        Kind.BULK_UPLOAD: bulk.bulk_upload,
        Kind.REGION_PDFS: region.region_pdfs,
        Kind.REGION_EXPORT: region.region_export,
    }
    return works[kind]


def start(
    kind: str, region_id: int, user: Any, year: int | None, inputs: Sequence[tuple[str, bytes]] = ()
) -> Job:
    """A new job with its input files, queued; all of it committed together or not at all."""
    with transaction.atomic():
        job = Job.objects.create(kind=kind, region_id=region_id, started_by=user, fiscal_year=year)
        JobFile.objects.bulk_create(JobFile(job=job, role=JobFile.INPUT, name=n, data=d) for n, d in inputs)
        job.task_id = str(run_job.enqueue(job.pk).id)
        job.save(update_fields=["task_id"])
    return job


@task(takes_context=True)
def run_job(context: TaskContext, job_id: int) -> str:
    attempt = context.attempt
    now = timezone.now()
    taken = Job.objects.filter(pk=job_id).exclude(state__in=FINISHED)
    if not taken.update(state=JobState.RUNNING, attempt=attempt, heartbeat=now, step="", error=""):
        return "already finished"
    job = Job.objects.get(pk=job_id)
    log.info("job %s (%s) started, attempt %s", job.pk, job.kind, attempt)
    progress = Progress(job, attempt)
    try:
        work_of(job.kind)(job, progress)
        progress.finish()
    except Superseded:
        log.warning("job %s: attempt %s was taken back as lost; another worker runs it", job.pk, attempt)
        return "superseded"
    except InputError as exc:
        _fail(job, attempt, f"{exc.path}：{exc.message}")
        raise
    except Exception as exc:
        _fail(job, attempt, bug_reason(exc))
        raise
    log.info("job %s done", job.pk)
    return "done"


def _fail(job: Job, attempt: int, reason: str) -> None:
    Job.objects.filter(pk=job.pk, attempt=attempt).update(
        state=JobState.FAILED, error=reason, finished=timezone.now()
    )

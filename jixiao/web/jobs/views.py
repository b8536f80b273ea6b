"""The bureau's background jobs: start a bulk upload, the year's PDFs or the year's export; follow a job's
progress (the page polls a fragment through htmx until the job ends); read its review list or its failure;
download its result. A job is seen only by the person who started it (`jobs_for`); anyone else gets 404.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.db import DatabaseError
from django.db.models import Min, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jixiao.web.accounts.access import bureau_required, own_region_id
from jixiao.web.evaluations.documents import Rendered, download
from jixiao.web.evaluations.uploads import LimitedUploadHandler, refused_upload
from jixiao.web.jobs import runner
from jixiao.web.jobs.models import Job, JobFile, Kind, Outcome
from jixiao.web.review.board import years_of

REGION_KINDS = {"pdfs": Kind.REGION_PDFS, "export": Kind.REGION_EXPORT}


def jobs_for(request: HttpRequest) -> QuerySet[Job]:
    return Job.objects.filter(started_by=request.user).select_related("region")


def _year(request: HttpRequest) -> int | None:
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        return None
    return year if 2000 <= year <= 2100 else None


def _list(request: HttpRequest, error: str = "", status: int = 200) -> HttpResponse:
    region_id = own_region_id(request)
    years = years_of(region_id)
    context = {"jobs": jobs_for(request)[:50], "years": years, "year": max(years, default=None), "error": error,
               "limit_mb": settings.MAX_BULK_UPLOAD_BYTES // 1024 // 1024}  # fmt: skip
    return render(request, "jobs/list.html", context, status=status)


@bureau_required
def job_list(request: HttpRequest) -> HttpResponse:
    return _list(request)


class BulkUploadHandler(LimitedUploadHandler):
    def limit(self) -> int:
        return int(settings.MAX_BULK_UPLOAD_BYTES)


@csrf_exempt  # the upload handlers change before the body is read; csrf_protect checks the token after
@bureau_required
def bulk_upload(request: HttpRequest) -> HttpResponse:
    request.upload_handlers = [BulkUploadHandler(request), TemporaryFileUploadHandler(request)]
    return _bulk_upload(request)


@csrf_protect
@require_POST
def _bulk_upload(request: HttpRequest) -> HttpResponse:
    if (stopped := refused_upload(request)) is not None:
        return _list(request, f"{stopped.path}：{stopped.message}", 400)
    files = request.FILES.getlist("files")
    year = _year(request)
    if not files or year is None:
        return _list(request, "请选择文件（或文件夹、zip 压缩包）并填写年度。", 400)
    inputs = [(f.name or "上传的文件", f.read()) for f in files]
    job = runner.start(Kind.BULK_UPLOAD, own_region_id(request), request.user, year, inputs)
    return redirect("jobs:job", pk=job.pk)


@bureau_required
@require_POST
def start(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in REGION_KINDS:
        raise Http404("没有这种任务。")
    year = _year(request)
    if year is None:
        return _list(request, "请选择年度。", 400)
    job = runner.start(REGION_KINDS[kind], own_region_id(request), request.user, year)
    return redirect("jobs:job", pk=job.pk)


def _job_context(job: Job) -> dict[str, object]:
    items = list(job.items.select_related("evaluation__unit")) if job.kind == Kind.BULK_UPLOAD else []
    return {
        "job": job,
        "review": [item for item in items if item.outcome != Outcome.IMPORTED],
        "imported": [item for item in items if item.outcome == Outcome.IMPORTED],
        "output": job.files.filter(role=JobFile.OUTPUT).defer("data").first(),
    }


@bureau_required
def job(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(jobs_for(request), pk=pk)
    return render(request, "jobs/job.html", _job_context(found))


@bureau_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's state and progress (htmx polls it every second while the job runs)."""
    found = get_object_or_404(jobs_for(request), pk=pk)
    return render(request, "jobs/_progress.html", _job_context(found))


@bureau_required
def result(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(jobs_for(request), pk=pk)
    output = found.files.filter(role=JobFile.OUTPUT).first()
    if output is None:
        raise Http404("这项任务还没有结果文件。")
    return download(
        Rendered(bytes(output.data), output.content_type or "application/octet-stream", output.name)
    )


def readyz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring (docs/deploy.md): 200 when the database answers, with how the job
    queue stands — waiting jobs and the age of the oldest, running ones, failures in the last day; 503
    when the database does not answer. `/healthz` stays the trivial endpoint that touches nothing."""
    now = timezone.now()
    try:
        tasks = DBTaskResult.objects
        waiting = tasks.filter(status=TaskResultStatus.READY)
        oldest = waiting.aggregate(at=Min("enqueued_at"))["at"]
        figures = {
            "database": "ok",
            "jobs_waiting": waiting.count(),
            "oldest_waiting_seconds": round((now - oldest).total_seconds()) if oldest else 0,
            "jobs_running": tasks.filter(status=TaskResultStatus.RUNNING).count(),
            "jobs_failed_last_day": tasks.filter(status=TaskResultStatus.FAILED,
                                                 finished_at__gte=now - dt.timedelta(days=1)).count(),
        }  # fmt: skip
    except DatabaseError:
        return JsonResponse({"database": "unavailable"}, status=503)
    return JsonResponse(figures)

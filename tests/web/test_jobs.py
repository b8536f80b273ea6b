"""Background jobs through django-tasks' database backend: a bulk upload of a zip of reports becomes
evaluations of the units they name, with a review list of the rest; the year's PDFs and export come as a
zip to download; progress is polled by the page; a failure is shown, with its reason, to the person who
started the job; a claim whose worker died is taken back, at most a set number of times. The worker runs
here in this process, as `python -m jixiao.web db_worker --batch` runs it; test_faults.py kills real ones."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jixiao.web.evaluations.models import Evaluation, State
from jixiao.web.jobs import runner
from jixiao.web.jobs.management.commands.db_worker import Worker
from jixiao.web.jobs.models import Job, JobState, Kind, Outcome
from jixiao.web.jobs.reclaim import reclaim_lost
from tests.web.cast import EXAMPLE, CastTestCase

REPORT = EXAMPLE.read_text(encoding="utf-8")


def report_of(unit: str) -> bytes:
    """Our example report as another unit of the region wrote it."""
    return REPORT.replace("青山县农业农村局", unit).encode("utf-8")


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def run_worker() -> None:
    """Every queued task, in this process (the command's loop, without its signal handlers). The loop's
    `close_old_connections` is left out: here the connection is the test's, inside its transaction."""
    worker = Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
                    max_tasks=None, worker_id="test-worker", excluded_queue_names=[])  # fmt: skip
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        worker.run()


class BulkUploadTest(CastTestCase):
    def upload(self, files: dict[str, bytes], year: str = "2024") -> Job:
        uploads = [SimpleUploadedFile(name, data) for name, data in files.items()]
        response = self.client_for("admin").post(reverse("jobs:bulk_upload"), {"year": year, "files": uploads})
        assert response.status_code == 302, response.content[:300]
        return Job.objects.get(started_by=self.admin)

    def test_a_zip_of_reports_becomes_evaluations_of_the_units_they_name_with_the_rest_listed(self) -> None:
        job = self.upload({"报告.zip": zipped({
            "教育局.txt": report_of("青山县教育局"),  # a unit without an evaluation: a new one
            "农业农村局.txt": report_of("青山县农业农村局"),  # the unit's draft: a new version
            "水利局.txt": report_of("青山县水利局"),  # no such unit in the region
            "扫描件.pdf": b"not a pdf at all",
        })})  # fmt: skip
        run_worker()
        job.refresh_from_db()
        assert (job.state, job.done, job.total) == (JobState.DONE, 4, 4)
        outcomes = dict(job.items.values_list("name", "outcome"))
        assert outcomes == {"报告.zip/教育局.txt": Outcome.IMPORTED, "报告.zip/农业农村局.txt": Outcome.IMPORTED,
                            "报告.zip/水利局.txt": Outcome.UNMATCHED, "报告.zip/扫描件.pdf": Outcome.UNREADABLE}  # fmt: skip
        made = Evaluation.objects.get(unit=self.unit_b, fiscal_year=2024)
        assert (made.state, made.revision, made.updated_by) == (State.DRAFT, 1, self.admin)
        self.draft.refresh_from_db()
        assert self.draft.revision == 2
        assert self.draft.versions.get(number=2).note == "批量导入 报告.zip/农业农村局.txt"
        page = self.client_for("admin").get(reverse("jobs:job", kwargs={"pk": job.pk})).content.decode()
        assert "需要核对（2）" in page
        assert "报告中的单位“青山县水利局”不是本地区的预算单位" in page
        assert "文件扩展名是 .pdf，但内容不是 PDF 文件。" in page

    def test_a_reported_evaluation_is_not_overwritten(self) -> None:
        job = self.upload({"农业农村局2023.txt": report_of("青山县农业农村局").replace(b"2024", b"2023")})
        run_worker()
        item = job.items.get()
        assert item.outcome == Outcome.REFUSED
        assert "已在“财政审核中”状态，未覆盖" in item.message
        self.reported.refresh_from_db()
        assert self.reported.revision == 1

    def test_a_report_without_a_unit_of_the_region_is_matched_by_its_file_name(self) -> None:
        job = self.upload({"青山县教育局2024年自评.txt": report_of("某某局")})
        run_worker()
        assert job.items.get().outcome == Outcome.IMPORTED
        assert Evaluation.objects.filter(unit=self.unit_b, fiscal_year=2024).exists()

    def test_the_page_polls_the_progress_while_the_job_runs_and_stops_when_it_is_done(self) -> None:
        job = self.upload({"教育局.txt": report_of("青山县教育局")})
        url = reverse("jobs:job", kwargs={"pk": job.pk})
        waiting = self.client_for("admin").get(url).content.decode()
        assert 'hx-trigger="every 1s"' in waiting and "排队中" in waiting
        run_worker()
        done = self.client_for("admin").get(reverse("jobs:progress", kwargs={"pk": job.pk})).content.decode()
        assert "hx-trigger" not in done and "已完成" in done and "1 / 1" in done

    def test_a_failed_job_shows_its_reason_to_the_person_who_started_it_and_to_no_one_else(self) -> None:
        job = self.upload({"教育局.txt": report_of("青山县教育局")})
        with mock.patch.dict(os.environ, {"JIXIAO_WEB_FAULT": "raise:job-step"}):
            run_worker()
        job.refresh_from_db()
        assert job.state == JobState.FAILED
        page = self.client_for("admin").get(reverse("jobs:job", kwargs={"pk": job.pk})).content.decode()
        assert "任务失败：处理时发生内部错误（RuntimeError: fault injected by JIXIAO_WEB_FAULT at job-step）" in page
        task = DBTaskResult.objects.get(id=job.task_id)
        assert task.status == TaskResultStatus.FAILED and "RuntimeError" in task.traceback
        assert self.client_for("reviewer").get(reverse("jobs:job", kwargs={"pk": job.pk})).status_code == 404
        assert not Evaluation.objects.filter(unit=self.unit_b).exists()  # it failed before the first file


class RegionJobTest(CastTestCase):
    def start(self, kind: str, year: int) -> Job:
        response = self.client_for("reviewer").post(reverse("jobs:start", kwargs={"kind": kind}), {"year": str(year)})
        assert response.status_code == 302
        run_worker()
        job = Job.objects.get(started_by=self.reviewer)
        assert job.state == JobState.DONE, job.error
        return job

    def result(self, job: Job) -> zipfile.ZipFile:
        response = self.client_for("reviewer").get(reverse("jobs:result", kwargs={"pk": job.pk}))
        assert response.status_code == 200
        return zipfile.ZipFile(io.BytesIO(response.content))

    def test_the_years_pdfs_come_as_one_zip_of_every_reported_evaluation(self) -> None:
        archive = self.result(self.start("pdfs", 2023))
        assert archive.namelist() == ["青山县农业农村局2023年度部门整体支出绩效自评报告.pdf"]
        assert archive.read(archive.namelist()[0]).startswith(b"%PDF-")

    def test_a_draft_is_not_in_the_bureaus_pdfs(self) -> None:
        archive = self.result(self.start("pdfs", 2024))
        assert archive.namelist() == []

    def test_the_years_export_has_the_summary_table_and_every_finding(self) -> None:
        archive = self.result(self.start("export", 2023))
        names = archive.namelist()
        assert names == ["青山县2023年度绩效自评汇总表.xlsx", "青山县2023年度绩效自评汇总表.csv", "青山县2023年度绩效自评检查发现.csv"]
        summary = archive.read(names[1]).decode("utf-8-sig")
        assert "青山县农业农村局,部门整体,2023,财政审核中" in summary
        findings = archive.read(names[2]).decode("utf-8-sig").splitlines()
        assert len(findings) - 1 == self.reported.errors + self.reported.warnings + self.reported.infos
        assert any(",错误,budget.income.total," in line for line in findings)


class ReclaimTest(CastTestCase):
    """A claim whose worker died is put back in the queue; after the last attempt, the job fails with why."""

    def claimed(self, minutes_ago: float, attempts: int = 1) -> Job:
        job = runner.start(Kind.REGION_EXPORT, self.region.pk, self.reviewer, 2023)
        started = timezone.now() - dt.timedelta(minutes=minutes_ago)
        DBTaskResult.objects.filter(id=job.task_id).update(
            status=TaskResultStatus.RUNNING, started_at=started, worker_ids=[f"dead-{n}" for n in range(attempts)]
        )
        Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, attempt=attempts, heartbeat=started)
        return job

    @override_settings(JOBS_TIMEOUT=60, JOBS_MAX_ATTEMPTS=3)
    def test_a_claim_silent_past_the_timeout_goes_back_to_the_queue_and_is_then_done(self) -> None:
        job = self.claimed(minutes_ago=5)
        assert reclaim_lost() == 1
        job.refresh_from_db()
        assert job.state == JobState.QUEUED and "工作进程中断" in job.step
        run_worker()
        job.refresh_from_db()
        assert (job.state, job.attempt) == (JobState.DONE, 2)

    @override_settings(JOBS_TIMEOUT=60, JOBS_MAX_ATTEMPTS=3)
    def test_a_long_job_with_a_recent_heartbeat_is_left_to_its_worker(self) -> None:
        job = self.claimed(minutes_ago=30)
        Job.objects.filter(pk=job.pk).update(heartbeat=timezone.now())
        assert reclaim_lost() == 0
        assert DBTaskResult.objects.get(id=job.task_id).status == TaskResultStatus.RUNNING

    @override_settings(JOBS_TIMEOUT=60, JOBS_MAX_ATTEMPTS=3)
    def test_after_the_last_attempt_the_job_fails_with_the_reason(self) -> None:
        job = self.claimed(minutes_ago=5, attempts=3)
        assert reclaim_lost() == 1
        job.refresh_from_db()
        assert job.state == JobState.FAILED
        assert "工作进程 3 次中断" in job.error
        assert DBTaskResult.objects.get(id=job.task_id).status == TaskResultStatus.FAILED


class ReadinessTest(CastTestCase):
    def test_readyz_says_the_database_answers_and_how_the_queue_stands(self) -> None:
        runner.start(Kind.REGION_EXPORT, self.region.pk, self.reviewer, 2023)
        figures = self.client_for("anonymous").get(reverse("jobs:readyz")).json()
        assert figures["database"] == "ok"
        assert (figures["jobs_waiting"], figures["jobs_running"], figures["jobs_failed_last_day"]) == (1, 0, 0)
        run_worker()
        assert self.client_for("anonymous").get(reverse("jobs:readyz")).json()["jobs_waiting"] == 0

"""Faults, with real processes on the test database (SQLite file or PostgreSQL, whichever this run uses):

- a worker killed mid-job: the job is taken back and finished by the next worker, no report twice;
- an app server killed in the middle of saving an upload: nothing of it is in the database;
- two saves of one field at the same moment: one succeeds, the other is refused as a conflict;
- the database away for a moment: a Chinese 503 page, and the record as it was.

The kill points are set with JIXIAO_WEB_FAULT (jixiao/web/common/faults.py): `kill:save` kills the server
after every row of the new version is written and before the transaction commits.
"""

from __future__ import annotations

import http.client
import os
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection
from django.test import TransactionTestCase
from django.urls import reverse
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jixiao.web.accounts.models import Organisation, Region, Role
from jixiao.web.evaluations import store
from jixiao.web.evaluations.models import Evaluation, FieldChange, Finding, Version
from jixiao.web.jobs import runner
from jixiao.web.jobs.models import Job, JobState, Kind, Outcome
from tests.web.cast import EXAMPLE, WRONG_TOTAL, example_for, user
from tests.web.servers import Client, app_server, session_cookie, start_worker, stop, wait_for
from tests.web.test_editing import form_of
from tests.web.test_jobs import report_of

FIELD = "budget.income.total"
UNITS = ["青山县农业农村局", "青山县教育局", "青山县水利局", "青山县卫生健康局", "青山县民政局", "青山县交通运输局"]


class FaultTestCase(TransactionTestCase):
    def setUp(self) -> None:
        self.region = Region.objects.create(name="青山县", code="qingshan")
        self.bureau = Organisation.objects.create(region=self.region, name="青山县财政局", kind=Organisation.BUREAU)
        self.units = [Organisation.objects.create(region=self.region, name=name) for name in UNITS]
        self.admin = user("admin", self.bureau, Role.ADMIN)
        self.preparer = user("preparer_a", self.units[0], Role.PREPARER)
        self.preparer_2 = user("preparer_a2", self.units[0], Role.PREPARER)
        self.draft = store.create_evaluation(self.units[0], example_for(2024, WRONG_TOTAL), self.preparer, "导入示例")

    def rows(self) -> tuple[int, ...]:
        return tuple(model.objects.count() for model in (Evaluation, Version, FieldChange, Finding))


class WorkerKilledTest(FaultTestCase):
    def test_a_job_whose_worker_is_killed_is_finished_by_the_next_worker_with_no_report_twice(self) -> None:
        files = [(f"{name}.txt", report_of(name)) for name in UNITS]
        job = runner.start(Kind.BULK_UPLOAD, self.region.pk, self.admin, 2024, files)
        first = start_worker(JIXIAO_WEB_FAULT="pause:job-step:0.4")  # slow, so it is caught mid-job
        try:
            wait_for(lambda: Job.objects.get(pk=job.pk).done >= 2, 120, "the first worker to import two reports")
        finally:
            stop(first)  # SIGKILL: no goodbye, its claim stays RUNNING
        job.refresh_from_db()
        assert job.state == JobState.RUNNING and 2 <= job.done < len(UNITS)
        second = start_worker(JIXIAO_JOB_TIMEOUT="1")
        try:
            wait_for(lambda: Job.objects.get(pk=job.pk).state == JobState.DONE, 180, "the second worker to finish")
        finally:
            stop(second)
        job.refresh_from_db()
        assert (job.done, job.total, job.attempt) == (len(UNITS), len(UNITS), 2)
        assert sorted(job.items.values_list("name", flat=True)) == sorted(name for name, _ in files)
        assert set(job.items.values_list("outcome", flat=True)) == {Outcome.IMPORTED}
        for unit in self.units:  # each report imported once: one evaluation, no extra version
            assert Evaluation.objects.filter(unit=unit, fiscal_year=2024).count() == 1
        assert Evaluation.objects.get(pk=self.draft.pk).revision == 2
        assert Version.objects.filter(evaluation__unit__in=self.units[1:]).count() == len(UNITS) - 1
        task = DBTaskResult.objects.get(id=job.task_id)
        assert task.status == TaskResultStatus.SUCCESSFUL and len(task.worker_ids) == 2


class AppKilledTest(FaultTestCase):
    def upload(self, port: int) -> tuple[int, str]:
        client = Client(port, session_cookie(self.preparer))
        return client.upload(reverse("evaluations:upload"), {"year": "2023"}, {"file": ("report.txt", EXAMPLE.read_bytes())})

    def test_an_app_server_killed_while_saving_an_uploaded_version_leaves_nothing_of_it(self) -> None:
        before = self.rows()
        with app_server(workers=1, JIXIAO_WEB_FAULT="kill:save") as port:
            try:
                status, _ = self.upload(port)
            except (http.client.HTTPException, OSError):
                status = 0  # the connection dropped with the server
        assert status in (0, 502), status
        assert self.rows() == before
        if connection.vendor == "sqlite":
            with sqlite3.connect(connection.settings_dict["NAME"]) as db:
                assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        with app_server(workers=1) as port:  # the same upload, the server left alone
            assert self.upload(port)[0] == 302
        self.draft.refresh_from_db()  # the report is of 2024: a new version of the unit's draft
        assert (self.draft.revision, self.draft.versions.count()) == (2, 2)


class ConcurrentSavesTest(FaultTestCase):
    def test_two_saves_of_one_field_at_the_same_moment_give_one_success_and_one_conflict(self) -> None:
        form = form_of(self.draft, "s2")  # both opened version 1
        url = reverse("evaluations:edit", kwargs={"pk": self.draft.pk, "section": "s2"})
        values = {"preparer_a": "1784.88", "preparer_a2": "1790.00"}
        answers: dict[str, tuple[int, str]] = {}
        with app_server(workers=2, JIXIAO_WEB_FAULT="pause:save:2") as port:  # each save holds its transaction 2 s
            clients = {name: Client(port, session_cookie(person)) for name, person in
                       (("preparer_a", self.preparer), ("preparer_a2", self.preparer_2))}  # fmt: skip
            start = threading.Barrier(2)

            def save(name: str) -> None:
                start.wait()
                answers[name] = clients[name].post(url, form | {FIELD: values[name]})

            threads = [threading.Thread(target=save, args=(name,)) for name in values]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
        assert sorted(status for status, _ in answers.values()) == [302, 409]
        winner = next(name for name, (status, _) in answers.items() if status == 302)
        loser = next(name for name in values if name != winner)
        refusal = answers[loser][1]
        assert f"未保存：您打开的是第 1 版，此后{winner}已保存到第 2 版" in refusal
        assert f'<td class="new">{values[winner]}</td>' in refusal
        self.draft.refresh_from_db()
        assert self.draft.revision == 2
        assert store.current_version(self.draft).data["budget"]["income"]["total"] == values[winner]


class DatabaseAwayTest(FaultTestCase):
    def test_the_database_away_for_a_moment_gives_a_chinese_error_page_and_the_record_stays_as_it_was(self) -> None:
        form = form_of(self.draft, "s2") | {FIELD: "1784.88"}
        url = reverse("evaluations:edit", kwargs={"pk": self.draft.pk, "section": "s2"})
        before = self.rows()
        with app_server(workers=1, JIXIAO_SQLITE_TIMEOUT="1") as port:
            client = Client(port, session_cookie(self.preparer))
            with database_away():
                status, page = client.post(url, form)
            assert status == 503
            assert "服务暂时不可用" in page and "本次操作没有保存" in page
            assert self.rows() == before
            assert Evaluation.objects.get(pk=self.draft.pk).revision == 1
            assert client.post(url, form)[0] == 302  # back: the same save goes through
        self.draft.refresh_from_db()
        assert self.draft.revision == 2


@contextmanager
def database_away() -> Iterator[None]:
    """SQLite: another process's exclusive lock held past the app's busy timeout. PostgreSQL: the server
    stopped (scripts/with-postgres.sh says how to stop and start it) and started again after."""
    if connection.vendor == "sqlite":
        lock = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        return
    connection.close()
    _pg_ctl("stop", "-m", "fast")
    try:
        yield
    finally:
        _pg_ctl("start", "-l", str(Path(os.environ["JIXIAO_PG_DATA"]).parent / "server.log"))
        connection.close()  # the test's own connection was cut: the next query opens a new one


def _pg_ctl(*args: str) -> None:
    for name in ("JIXIAO_PG_BIN", "JIXIAO_PG_DATA"):
        assert name in os.environ, f"{name} unset: run the PostgreSQL tests through scripts/with-postgres.sh"
    owner = os.environ.get("JIXIAO_PG_USER", "")
    command = [f"{os.environ['JIXIAO_PG_BIN']}/pg_ctl", "-D", os.environ["JIXIAO_PG_DATA"], "-w", *args]
    subprocess.run((["runuser", "-u", owner, "--"] if owner else []) + command, check=True, capture_output=True)

"""Backup and restore, on whichever database this run uses (SQLite's online backup API, or pg_dump and
pg_restore): a backup, then changes, then the restore gives back every evaluation exactly as it was —
every version's data, findings and scorecard, every field change and workflow step; and a backup taken
while the running application is in the middle of a save holds the state before that save."""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from jixiao.web.evaluations import store
from jixiao.web.evaluations.models import Evaluation, State
from tests.web.cast import example_for, put_in_state
from tests.web.servers import Client, app_server, session_cookie, wait_for
from tests.web.test_editing import form_of
from tests.web.test_faults import FaultTestCase

FIELD = "budget.income.total"


def everything() -> dict[int, Any]:
    """Every evaluation with all that belongs to it, in a form that compares equal only when all is equal."""
    found = {}
    for e in Evaluation.objects.order_by("pk"):
        found[e.pk] = {
            "row": (e.unit_id, e.fiscal_year, e.kind, e.subject, e.state, e.revision, e.score, e.grade, e.errors),
            "versions": list(e.versions.order_by("number").values_list("number", "data", "findings", "scorecard", "note")),
            "changes": list(e.changes.order_by("id").values_list("version", "path", "old", "new")),
            "transitions": list(e.transitions.order_by("id").values_list("source", "target", "reason")),
            "findings": list(e.finding_rows.order_by("id").values_list("rule", "severity", "field", "message")),
        }
    return found


def writer_in_transaction() -> bool:
    """Whether another connection holds an open write transaction (the paused save)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction' "
                           "AND datname = current_database() AND pid <> pg_backend_pid()")  # fmt: skip
            return bool(cursor.fetchone()[0])
    import sqlite3

    probe = sqlite3.connect(connection.settings_dict["NAME"], timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


class BackupTest(FaultTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.reported = store.create_evaluation(self.units[1], example_for(2024), self.preparer, "导入")
        put_in_state(self.reported, State.IN_REVIEW, self.admin)
        self.other = store.create_evaluation(self.units[2], example_for(2023), self.preparer, "导入")

    def test_a_restore_gives_back_every_evaluation_exactly_as_it_was_backed_up(self) -> None:
        store.save_version(self.draft, example_for(2024, "1784.88"), self.preparer, "改正")
        backup = Path(self._tmp()) / "jixiao.backup"
        call_command("backup", str(backup))
        before = everything()
        store.save_version(self.draft, example_for(2024, "1999.99"), self.preparer, "再改")
        put_in_state(self.reported, State.APPROVED, self.admin)
        self.other.delete()
        store.create_evaluation(self.units[3], example_for(2024), self.preparer, "新建")
        assert everything() != before
        call_command("restore", str(backup))
        assert everything() == before

    def test_a_backup_made_during_a_save_in_the_running_application_holds_the_state_before_it(self) -> None:
        backup = Path(self._tmp()) / "during.backup"
        url = reverse("evaluations:edit", kwargs={"pk": self.draft.pk, "section": "s2"})
        form = form_of(self.draft, "s2") | {FIELD: "1784.88"}
        before = everything()
        with app_server(workers=1, JIXIAO_WEB_FAULT="pause:save:4") as port:
            answer: list[int] = []
            saving = threading.Thread(target=lambda: answer.append(Client(port, session_cookie(self.preparer)).post(url, form)[0]))
            saving.start()
            wait_for(writer_in_transaction, 60, "the save to be inside its transaction")
            call_command("backup", str(backup))  # the application goes on meanwhile
            saving.join(timeout=120)
            assert answer == [302]
            assert Evaluation.objects.get(pk=self.draft.pk).revision == 2
            call_command("restore", str(backup))  # while the server runs
            assert everything() == before
            page = Client(port, session_cookie(self.preparer)).get(url)[1]
            assert '<input type="hidden" name="revision" value="1">' in page

    def test_a_file_that_is_not_a_backup_of_this_database_is_refused_and_nothing_changes(self) -> None:
        before = everything()
        wrong = Path(self._tmp()) / "not-a-backup"
        wrong.write_bytes(b"PK\x03\x04 certainly not a database")
        with pytest.raises(CommandError, match="备份文件"):
            call_command("restore", str(wrong))
        assert everything() == before

    def _tmp(self) -> str:
        folder = tempfile.mkdtemp(prefix="jixiao-backup-test-")
        self.addCleanup(shutil.rmtree, folder, True)
        return folder

"""No lost updates: every editing form carries the revision it was made on, and a save made on a revision
that is no longer current is refused — with a clear Chinese message, the other person's change shown and
the refused input kept in the form — instead of silently overwriting. The real-process version, two
saves at the same moment through a running server, is in test_faults.py."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.web.evaluations import store, workflow
from jixiao.web.evaluations.models import FieldChange, State
from tests.web.cast import CastTestCase, example_for
from tests.web.test_editing import form_of

FIELD = "budget.income.total"


class ConflictTest(CastTestCase):
    def setUp(self) -> None:
        self.url = reverse("evaluations:edit", kwargs={"pk": self.draft.pk, "section": "s2"})
        self.form = form_of(self.draft, "s2")  # both people opened version 1

    def test_the_edit_form_carries_the_revision_it_shows(self) -> None:
        page = self.client_for("preparer_a").get(self.url).content.decode()
        assert '<input type="hidden" name="revision" value="1">' in page

    def test_a_save_made_on_an_older_version_is_refused_and_shows_the_other_persons_change(self) -> None:
        first = self.client_for("preparer_a").post(self.url, self.form | {FIELD: "1784.88"})
        assert first.status_code == 302
        second = self.client_for("preparer_a").post(self.url, self.form | {FIELD: "1800.00"})
        assert second.status_code == 409
        page = second.content.decode()
        assert "未保存：您打开的是第 1 版，此后preparer_a已保存到第 2 版" in page
        assert f"<td>{FIELD}</td>" in page and '<td class="new">1784.88</td>' in page
        assert 'value="1800.00"' in page  # the refused input is still in the form
        assert '<input type="hidden" name="revision" value="2">' in page  # saving again is a choice, made on v2
        self.draft.refresh_from_db()
        assert self.draft.revision == 2
        assert store.current_version(self.draft).data["budget"]["income"]["total"] == "1784.88"
        assert FieldChange.objects.filter(evaluation=self.draft, path=FIELD).count() == 1

    def test_saving_again_after_the_conflict_was_shown_is_a_new_version(self) -> None:
        self.client_for("preparer_a").post(self.url, self.form | {FIELD: "1784.88"})
        again = self.client_for("preparer_a").post(self.url, self.form | {FIELD: "1800.00", "revision": "2"})
        assert again.status_code == 302
        self.draft.refresh_from_db()
        assert self.draft.revision == 3
        assert store.current_version(self.draft).data["budget"]["income"]["total"] == "1800.00"

    def test_a_form_without_its_revision_is_refused(self) -> None:
        form = {k: v for k, v in self.form.items() if k != "revision"}
        response = self.client_for("preparer_a").post(self.url, form | {FIELD: "1784.88"})
        assert response.status_code == 403
        self.draft.refresh_from_db()
        assert self.draft.revision == 1

    def test_a_save_on_an_evaluation_submitted_meanwhile_is_refused(self) -> None:
        opened = type(self.draft).objects.get(pk=self.draft.pk)  # read while still a draft
        for finding in workflow.unexplained_errors(self.draft):
            self.draft.explanations.create(rule=finding["rule"], field=finding["location"].get("field") or "", text="已核实")
        workflow.take(self.draft, "submit", self.preparer_a)
        with pytest.raises(store.Conflict) as refused:
            store.save_version(opened, example_for(2024), self.preparer_a, "修改")
        assert "已变为“单位审核”状态" in refused.value.message
        self.draft.refresh_from_db()
        assert (self.draft.state, self.draft.revision) == (State.UNIT_REVIEW, 1)

    def test_the_upload_of_a_scorecard_made_on_an_older_version_is_refused(self) -> None:
        self.client_for("preparer_a").post(self.url, self.form | {FIELD: "1784.88"})
        download = reverse("evaluations:download", kwargs={"pk": self.draft.pk, "fmt": "xlsx"})
        workbook = self.client_for("preparer_a").get(download).content
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("自评表.xlsx", workbook)
        url = reverse("evaluations:upload_scorecard", kwargs={"pk": self.draft.pk})
        response = self.client_for("preparer_a").post(url, {"file": upload, "revision": "1"})
        assert response.status_code == 409
        assert "未保存：您打开的是第 1 版" in response.content.decode()
        self.draft.refresh_from_db()
        assert self.draft.revision == 2

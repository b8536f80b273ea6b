"""Editing a unit's evaluation: a section saved is a new version with every field change in the history,
the diff of two versions shows it, values are kept as written (a blank is null, "0.50" stays), the live
check puts each finding beside its field, the indicator table adds, removes and reorders rows, and the
evaluation can be made by upload, carried from last year, and updated from an edited 自评表."""

from __future__ import annotations

import io
from typing import Any

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.web.evaluations import fields, store
from jixiao.web.evaluations.models import Evaluation, FieldChange
from jixiao.web.review.models import Comment
from tests.web.cast import EXAMPLE, WRONG_TOTAL, CastTestCase


def form_of(evaluation: Evaluation, section: str) -> dict[str, Any]:
    """The section's form as the page fills it in: every input with its current value, rows keyed by index."""
    evaluation.refresh_from_db()
    data = store.current_version(evaluation).data
    part = fields.SECTION_BY_SLUG[section]
    post: dict[str, Any] = {"revision": str(evaluation.revision)}
    for item in part.inputs():
        value = fields.display(fields.get_at(data, item.path), item.kind)
        if item.kind != "bool" or value:
            post[item.path] = value
    for table in part.tables():
        rows = fields.get_at(data, table.path) or []
        post[f"{table.path}.{fields.ROW_KEY}"] = [str(n) for n in range(len(rows))]
        for n, row in enumerate(rows):
            for column in table.columns:
                value = fields.display(fields.get_at(row, column.path), column.kind)
                if column.kind != "bool" or value:
                    post[f"{table.path}[{n}].{column.path}"] = value
    return post


class EditingTest(CastTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client = self.client_for("preparer_a")

    def current(self) -> dict[str, Any]:
        self.draft.refresh_from_db()
        return store.current_version(self.draft).data

    def edit_url(self, section: str) -> str:
        return reverse("evaluations:edit", kwargs={"pk": self.draft.pk, "section": section})

    def save(self, section: str, **changes: Any) -> Any:
        post = form_of(self.draft, section) | changes
        return self.client.post(self.edit_url(section), post)

    def test_saving_a_section_records_each_changed_field_with_who_and_the_old_and_new_value(self) -> None:
        response = self.save("s2", **{"budget.income.total": "1784.88", "budget.initial": "1600.5"})
        assert response.status_code == 302
        self.draft.refresh_from_db()
        assert self.draft.revision == 2
        changes = {c.path: c for c in FieldChange.objects.filter(evaluation=self.draft)}
        assert set(changes) == {"budget.income.total", "budget.initial"}
        assert (changes["budget.income.total"].old, changes["budget.income.total"].new) == (WRONG_TOTAL, "1784.88")
        assert changes["budget.initial"].author == self.preparer_a
        assert self.draft.errors < 4  # the 收入合计 now adds up

    def test_the_diff_of_two_versions_shows_the_changed_field(self) -> None:
        self.save("s2", **{"budget.income.total": "1784.88"})
        page = self.client.get(reverse("evaluations:diff", kwargs={"pk": self.draft.pk}) + "?a=1&b=2").content.decode()
        assert "budget.income.total" in page and WRONG_TOTAL in page and "1784.88" in page
        assert "budget.initial" not in page

    def test_a_blank_is_stored_as_null_and_a_figure_keeps_its_written_places(self) -> None:
        self.save("s2", **{"budget.initial": "", "budget.income.other": "48.300"})
        data = self.current()
        assert data["budget"]["initial"] is None
        assert data["budget"]["income"]["other"] == "48.300"

    def test_a_figure_that_is_not_a_number_is_refused_beside_its_field_and_nothing_is_saved(self) -> None:
        response = self.save("s2", **{"budget.income.total": "一千七百"})
        assert response.status_code == 400
        assert "应为数字" in response.content.decode()
        self.draft.refresh_from_db()
        assert self.draft.revision == 1

    def test_the_live_check_shows_a_finding_beside_its_field_and_drops_it_when_fixed(self) -> None:
        url = reverse("evaluations:live_check", kwargs={"pk": self.draft.pk, "section": "s2"})
        box = 'id="f-budget-income-total-findings" class="fx" hx-swap-oob="true">'
        wrong = self.client.post(url, form_of(self.draft, "s2")).content.decode()
        assert box + '<ul class="findings"><li class="finding sev-error">' in wrong
        fixed = self.client.post(url, form_of(self.draft, "s2") | {"budget.income.total": "1784.88"}).content.decode()
        assert box + "</div>" in fixed
        assert self.draft.versions.count() == 1  # checking saves nothing

    def test_indicator_rows_are_reordered_removed_and_added_with_their_sources(self) -> None:
        before = self.current()
        names = [i["name"] for i in before["performance"]["indicators"]]
        source_of_second = before["sources"]["performance.indicators[1].target"]
        post = form_of(self.draft, "s6")
        keys = post["performance.indicators.__row"]
        post["performance.indicators.__row"] = [keys[1], keys[0], *keys[3:], "new1"]  # swap, drop the third, add one
        post |= {"performance.indicators[new1].name": "新增指标", "performance.indicators[new1].target": "≥20次"}
        assert self.client.post(self.edit_url("s6"), post).status_code == 302
        after = self.current()
        indicators = after["performance"]["indicators"]
        assert [i["name"] for i in indicators] == [names[1], names[0], *names[3:], "新增指标"]
        assert indicators[-1]["target"] == {"text": "≥20次", "comparator": ">=", "value": "20", "unit": "次"}
        assert after["sources"]["performance.indicators[0].target"] == source_of_second

    def test_a_reviewers_comment_on_a_field_is_shown_beside_it_to_the_preparer(self) -> None:
        Comment.objects.create(evaluation=self.draft, field="budget.income.total", author=self.reviewer, text="请核对收入合计。")
        page = self.client.get(self.edit_url("s2")).content.decode()
        field_at = page.index('id="f-budget-income-total"')
        assert field_at < page.index("请核对收入合计。") < page.index('id="f-budget-income-fiscal"')

    def test_an_uploaded_report_is_read_and_what_was_read_is_shown_with_where(self) -> None:
        upload = SimpleUploadedFile("青山农业2025.txt", EXAMPLE.read_bytes().replace(b"2024", b"2025"))
        response = self.client.post(reverse("evaluations:upload"), {"year": "2025", "file": upload})
        assert response.status_code == 302
        evaluation = Evaluation.objects.get(unit=self.unit_a, fiscal_year=2025)
        page = self.client.get(response["Location"]).content.decode()
        assert "budget.income.total" in page and "1784.88" in page and "第 30 行" in page
        assert store.current_version(evaluation).data["sources"]["budget.income.total"]["file"] == "青山农业2025.txt"

    def test_a_year_carried_from_the_last_keeps_the_indicators_and_clears_the_figures(self) -> None:
        response = self.client.post(reverse("evaluations:create_from_last_year"), {"year": "2025"})
        assert response.status_code == 302
        data = store.current_version(Evaluation.objects.get(unit=self.unit_a, fiscal_year=2025)).data
        last = self.current()
        assert [i["name"] for i in data["performance"]["indicators"]] == [i["name"] for i in last["performance"]["indicators"]]
        assert all(i["actual"] is None and i["target"] == j["target"] for i, j in
                   zip(data["performance"]["indicators"], last["performance"]["indicators"], strict=True))  # fmt: skip
        assert data["budget"]["income"]["total"] is None
        assert data["title"] == last["title"].replace("2024", "2025")

    def test_the_downloaded_report_and_an_edited_scorecard_uploaded_back(self) -> None:
        report = self.client.get(reverse("evaluations:download", kwargs={"pk": self.draft.pk, "fmt": "docx"}))
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(report.content)).paragraphs)
        assert "青山县农业农村局" in text
        workbook_bytes = self.client.get(reverse("evaluations:download", kwargs={"pk": self.draft.pk, "fmt": "xlsx"})).content
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(workbook_bytes))
        sheet = workbook["自评表"]
        cell = next(c for row in sheet.iter_rows() for c in row if c.value == "560批次")
        cell.value = "610批次"
        buffer = io.BytesIO()
        workbook.save(buffer)
        upload = SimpleUploadedFile("自评表.xlsx", buffer.getvalue())
        response = self.client.post(reverse("evaluations:upload_scorecard", kwargs={"pk": self.draft.pk}), {"file": upload, "revision": "1"})
        assert response.status_code == 302
        indicators = self.current()["performance"]["indicators"]
        assert indicators[4]["actual"]["text"] == "610批次"
        assert FieldChange.objects.filter(evaluation=self.draft, path="performance.indicators[4].actual.text", new="610批次").exists()

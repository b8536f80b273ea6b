"""The bureau's page of one evaluation: it shows what was stored with the version (never checking or
scoring again), keeps what it drew, and shows a new version, comment, explanation or step at once."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jixiao.web.evaluations import store, workflow
from jixiao.web.evaluations.models import Evaluation, Explanation, Version
from jixiao.web.review.models import Comment
from tests.web.cast import CastTestCase, example_for

STORED = {
    "rule": "TEST.STORED",
    "severity": "warning",
    "category": "consistency",
    "message": "保存时记下的检查结果",
    "location": {"field": "budget.income.total"},
}


class ReviewPageTest(CastTestCase):
    def page(self) -> str:
        return self.client_for("reviewer").get(reverse("review:review", kwargs={"pk": self.reported.pk})).content.decode()

    def income_total(self) -> str:
        """What the page shows under 收入合计: its value, findings and comments."""
        page = self.page()
        shown = page[page.index('id="f-budget-income-total-review"'):]
        return shown[: shown.index("</dd>")]

    def test_the_page_shows_the_stored_findings_and_score_without_checking_or_scoring_again(self) -> None:
        Version.objects.filter(evaluation=self.reported).update(findings=[STORED])
        Evaluation.objects.filter(pk=self.reported.pk).update(score="12.34", grade="差")
        page = self.page()
        assert "保存时记下的检查结果" in page and "TEST.STORED" in page
        assert "收入合计" not in page.split("逐项审阅")[0]  # what checking the figures again would find
        assert "<b>12.34</b> 分" in page

    def test_a_second_view_of_an_unchanged_evaluation_reads_only_the_evaluation(self) -> None:
        client = self.client_for("reviewer")
        url = reverse("review:review", kwargs={"pk": self.reported.pk})
        tables = ("evaluations_version", "review_comment", "evaluations_explanation", "evaluations_transition")
        with CaptureQueriesContext(connection) as first:
            client.get(url)
        with CaptureQueriesContext(connection) as second:
            again = client.get(url)
        read = [table for table in tables if any(f'FROM "{table}"' in q["sql"] for q in first.captured_queries)]
        assert read == list(tables)
        assert not [q["sql"] for q in second.captured_queries if any(f'FROM "{t}"' in q["sql"] for t in tables)]
        assert again.content.decode().count("财政审核中") >= 1

    def test_a_comment_on_a_field_shows_at_once(self) -> None:
        assert "请核对收入合计。" not in self.income_total()
        Comment.objects.create(evaluation=self.reported, field="budget.income.total", author=self.reviewer,
                               text="请核对收入合计。")  # fmt: skip
        assert "请核对收入合计。" in self.income_total()

    def test_a_new_version_shows_at_once(self) -> None:
        assert '<div class="value">1794.88</div>' in self.income_total()
        store.save_version(self.reported, example_for(2023), self.preparer_a, "改正收入合计")
        assert '<div class="value">1784.88</div>' in self.income_total()
        assert "第 2 版" in self.page()

    def test_an_explanation_written_again_shows_at_once(self) -> None:
        finding = next(f for f in self.reported.versions.get().findings if f["severity"] == "error")
        place = {"evaluation": self.reported, "rule": finding["rule"], "field": finding["location"].get("field") or ""}
        Explanation.objects.create(**place, text="初稿说明。")
        assert "单位说明：初稿说明。" in self.page()
        Explanation.objects.update_or_create(**place, defaults={"text": "改写后的说明。"})
        assert "单位说明：改写后的说明。" in self.page()

    def test_a_step_shows_in_the_record_at_once(self) -> None:
        assert "财政审核中 → 退回" not in self.page()
        workflow.take(self.reported, "return", self.reviewer, "请补充说明。")
        assert "财政审核中 → 退回（请补充说明。）" in self.page()

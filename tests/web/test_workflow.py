"""The workflow, step by step and by role: every allowed step taken by the right person, every other
person and every wrong state refused with a reason, returns refused without a written reason, and
sending on refused while an error finding is neither fixed nor explained."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.web.evaluations import workflow
from jixiao.web.evaluations.models import Evaluation, Explanation, State, Transition
from tests.web.cast import CastTestCase, put_in_state

# (step, the state it starts from, who takes it, the state it reaches)
ALLOWED = [
    ("submit", State.DRAFT, "preparer_a", State.UNIT_REVIEW),
    ("submit", State.RETURNED, "preparer_a", State.UNIT_REVIEW),
    ("send-back", State.UNIT_REVIEW, "head_a", State.DRAFT),
    ("report", State.UNIT_REVIEW, "head_a", State.SUBMITTED),
    ("start-review", State.SUBMITTED, "reviewer", State.IN_REVIEW),
    ("return", State.SUBMITTED, "reviewer", State.RETURNED),
    ("return", State.IN_REVIEW, "reviewer", State.RETURNED),
    ("approve", State.IN_REVIEW, "reviewer", State.APPROVED),
    ("publish", State.APPROVED, "reviewer", State.PUBLISHED),
]
PEOPLE = ("preparer_a", "head_a", "preparer_b", "reviewer", "admin", "other_reviewer")


class WorkflowTest(CastTestCase):
    def _at(self, state: State) -> Evaluation:
        evaluation = self.draft
        evaluation.refresh_from_db()
        if evaluation.state != state:
            put_in_state(evaluation, state, self.reviewer)
        for finding in workflow.unexplained_errors(evaluation):
            Explanation.objects.update_or_create(
                evaluation=evaluation, rule=finding["rule"], field=finding["location"].get("field") or "",
                defaults={"text": "已与决算报表核对。"},
            )  # fmt: skip
        return evaluation

    def test_each_step_is_taken_by_its_role_and_recorded_with_who_and_why(self) -> None:
        for name, source, who, target in ALLOWED:
            with self.subTest(step=name, source=source):
                evaluation = self._at(source)
                record = workflow.take(evaluation, name, getattr(self, who), "理由：数据需核实。")
                evaluation.refresh_from_db()
                assert evaluation.state == target
                assert (record.source, record.target, record.by) == (source, target, getattr(self, who))
                assert record.reason == "理由：数据需核实。"
                put_in_state(evaluation, State.DRAFT, self.reviewer)

    def test_every_other_person_is_refused_each_step_with_the_roles_that_may(self) -> None:
        for name, source, who, _target in ALLOWED:
            evaluation = self._at(source)
            for other in PEOPLE:
                if other == who:
                    continue
                with self.subTest(step=name, who=other):
                    with pytest.raises(workflow.Refused, match="只能由"):
                        workflow.take(evaluation, name, getattr(self, other), "理由")
                    evaluation.refresh_from_db()
                    assert evaluation.state == source
            put_in_state(evaluation, State.DRAFT, self.reviewer)

    def test_a_step_is_refused_from_any_state_it_does_not_start_from(self) -> None:
        for name, step in workflow.STEPS.items():
            who = {"preparer": "preparer_a", "head": "head_a", "reviewer": "reviewer"}[step.roles[0]]
            for state in State:
                if state in step.source:
                    continue
                with self.subTest(step=name, state=state):
                    evaluation = self._at(state)
                    with pytest.raises(workflow.Refused, match=f"当前状态为“{state.label}”"):
                        workflow.take(evaluation, name, getattr(self, who), "理由")

    def test_a_return_without_a_reason_is_refused(self) -> None:
        for name, source, who in (("return", State.IN_REVIEW, "reviewer"), ("send-back", State.UNIT_REVIEW, "head_a")):
            evaluation = self._at(source)
            with pytest.raises(workflow.Refused, match="必须填写理由"):
                workflow.take(evaluation, name, getattr(self, who), "   ")
            evaluation.refresh_from_db()
            assert evaluation.state == source

    def test_submitting_is_refused_while_an_error_finding_is_neither_fixed_nor_explained(self) -> None:
        evaluation = self.draft
        errors = workflow.unexplained_errors(evaluation)
        assert errors, "the draft's 收入合计 does not add up"
        client = self.client_for("preparer_a")
        response = client.post(reverse("evaluations:submit", kwargs={"pk": evaluation.pk}), follow=True)
        assert f"还有 {len(errors)} 项错误未修改" in response.content.decode()
        evaluation.refresh_from_db()
        assert evaluation.state == State.DRAFT
        explained = {f"explain-{n}": "该项以决算报表为准。" for n in range(len(errors))}
        response = client.post(reverse("evaluations:submit", kwargs={"pk": evaluation.pk}), explained, follow=True)
        evaluation.refresh_from_db()
        assert evaluation.state == State.UNIT_REVIEW
        assert Transition.objects.filter(evaluation=evaluation, target=State.UNIT_REVIEW).exists()

    def test_the_reviewer_sees_the_preparers_explanation(self) -> None:
        evaluation = self.reported
        finding = next(f for f in evaluation.versions.get().findings if f["severity"] == "error")
        Explanation.objects.create(
            evaluation=evaluation, rule=finding["rule"], field=finding["location"].get("field") or "",
            text="此处按决算报表填列，报告笔误。",
        )  # fmt: skip
        page = self.client_for("reviewer").get(reverse("review:review", kwargs={"pk": evaluation.pk}))
        assert "单位说明：此处按决算报表填列，报告笔误。" in page.content.decode()

    def test_a_return_through_the_page_keeps_its_reason_in_the_record(self) -> None:
        url = reverse("evaluations:step", kwargs={"pk": self.reported.pk, "name": "return"})
        self.client_for("reviewer").post(url, {"reason": "请补充未完成指标的原因。"})
        self.reported.refresh_from_db()
        assert self.reported.state == State.RETURNED
        assert self.reported.transitions.last().reason == "请补充未完成指标的原因。"
        page = self.client_for("preparer_a").get(reverse("evaluations:overview", kwargs={"pk": self.reported.pk}))
        assert "请补充未完成指标的原因。" in page.content.decode()

    def test_the_board_and_the_dashboard_show_a_step_as_soon_as_it_is_taken(self) -> None:
        client = self.client_for("reviewer")
        board = reverse("review:board") + "?year=2023"
        dashboard = reverse("dashboard:dashboard") + "?year=2023"
        assert "财政审核中" in client.get(board).content.decode()  # read once: now in the cache
        assert "已报送 1 份" in client.get(dashboard).content.decode()
        workflow.take(self.reported, "return", self.reviewer, "请补充说明。")
        assert '<span class="state state-returned">退回</span>' in client.get(board).content.decode()
        for finding in workflow.unexplained_errors(self.reported):
            Explanation.objects.update_or_create(evaluation=self.reported, rule=finding["rule"],
                                                 field=finding["location"].get("field") or "", defaults={"text": "已核对。"})  # fmt: skip
        workflow.take(self.reported, "submit", self.preparer_a)  # back inside the unit: not the bureau's to count
        assert "已报送 0 份" in client.get(dashboard).content.decode()

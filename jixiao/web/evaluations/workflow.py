"""The workflow: 草稿 → 单位审核 → 已报送 → 财政审核中 → 退回 / 已通过 → 已公开, with guarded steps.

Each step names the states it leaves, the state it reaches and the roles that may take it; a return
needs a written reason. Sending an evaluation on (to the unit head, to the bureau) is refused while an
error finding remains without the preparer's written explanation. `take(...)` checks all of it and
records the step (who, when, why); a refusal is `Refused` with the reason in Chinese.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from jixiao.web.accounts.access import membership
from jixiao.web.accounts.models import UNIT_ROLES, Role
from jixiao.web.evaluations.models import Evaluation, State, Transition


@dataclass(frozen=True)
class Step:
    name: str  # in the URL
    label: str  # on the button
    source: tuple[State, ...]
    target: State
    roles: tuple[Role, ...]
    needs_reason: bool = False  # every return
    needs_explained_errors: bool = False  # sending on


STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        Step("submit", "提交单位审核", (State.DRAFT, State.RETURNED), State.UNIT_REVIEW, (Role.PREPARER,),
             needs_explained_errors=True),
        Step("send-back", "退回填报人修改", (State.UNIT_REVIEW,), State.DRAFT, (Role.HEAD,), needs_reason=True),
        Step("report", "报送财政局", (State.UNIT_REVIEW,), State.SUBMITTED, (Role.HEAD,), needs_explained_errors=True),
        Step("start-review", "开始审核", (State.SUBMITTED,), State.IN_REVIEW, (Role.REVIEWER,)),
        Step("return", "退回单位修改", (State.SUBMITTED, State.IN_REVIEW), State.RETURNED, (Role.REVIEWER,),
             needs_reason=True),
        Step("approve", "审核通过", (State.IN_REVIEW,), State.APPROVED, (Role.REVIEWER,)),
        Step("publish", "公开", (State.APPROVED,), State.PUBLISHED, (Role.REVIEWER,)),
    )
}  # fmt: skip


class Refused(Exception):
    """A step that may not be taken now, with the reason for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def unexplained_errors(evaluation: Evaluation) -> list[dict[str, Any]]:
    """The current version's error findings that have no written explanation."""
    from jixiao.web.evaluations.store import current_version

    explained = {
        (e.rule, e.field) for e in evaluation.explanations.all() if e.text.strip()
    }
    return [
        f
        for f in current_version(evaluation).findings
        if f["severity"] == "error" and (f["rule"], f["location"].get("field") or "") not in explained
    ]


def _in_scope(evaluation: Evaluation, user: Any) -> bool:
    member = membership(user)
    if member is None:
        return False
    if member.role in UNIT_ROLES:
        return member.organisation_id == evaluation.unit_id
    return member.organisation.region_id == evaluation.unit.region_id


def allowed_steps(evaluation: Evaluation, user: Any) -> list[Step]:
    """The steps this user could take from the evaluation's state (guards on content aside)."""
    member = membership(user)
    if member is None or not _in_scope(evaluation, user):
        return []
    return [s for s in STEPS.values() if evaluation.state in s.source and member.role in s.roles]


@transaction.atomic
def take(evaluation: Evaluation, name: str, user: Any, reason: str = "") -> Transition:
    step = STEPS.get(name)
    if step is None:
        raise Refused("没有这个操作。")
    member = membership(user)
    if member is None or member.role not in step.roles or not _in_scope(evaluation, user):
        raise Refused(f"“{step.label}”只能由{'、'.join(r.label for r in step.roles)}操作。")
    # read the state again under the transaction, the row locked (PostgreSQL; SQLite's IMMEDIATE transaction
    # already holds the database), so two people cannot both take a step from one state
    evaluation.state = Evaluation.objects.select_for_update().values_list("state", flat=True).get(pk=evaluation.pk)
    if evaluation.state not in step.source:
        here = State(evaluation.state).label
        raise Refused(f"当前状态为“{here}”，不能“{step.label}”。")
    reason = reason.strip()
    if step.needs_reason and not reason:
        raise Refused(f"“{step.label}”必须填写理由。")
    if step.needs_explained_errors:
        missing = unexplained_errors(evaluation)
        if missing:
            raise Refused(
                f"还有 {len(missing)} 项错误未修改，也未逐项说明理由，不能“{step.label}”。请修改，或在每项错误下写明说明。"
            )
    record = Transition.objects.create(
        evaluation=evaluation, source=evaluation.state, target=step.target, by=user, reason=reason
    )
    evaluation.state = step.target
    evaluation.updated_by = user
    evaluation.save(update_fields=["state", "updated_by", "updated"])
    return record

"""Saving an evaluation: a new version of its canonical JSON, the field changes against the version
before, the findings and scorecard of the new version, and the denormalised columns, in one transaction.

Checking and scoring are the core's: `run_checks` and `score` with the region's rulebook for the year,
exactly as `jixiao check` and `jixiao score` run them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from jixiao.checks import Settings, run_checks
from jixiao.checks.runner import CheckReport
from jixiao.core.model import Evaluation as CoreEvaluation
from jixiao.io import canonical
from jixiao.scoring.engine import score
from jixiao.scoring.rulebook import DEFAULT_RULEBOOK, Rulebook, load_rulebook
from jixiao.scoring.scorecard import Scorecard
from jixiao.web.accounts.models import Organisation, YearSettings
from jixiao.web.common import faults
from jixiao.web.common.paths import flatten
from jixiao.web.evaluations.models import Evaluation, FieldChange, Finding, State, Version

KIND_DEPARTMENT = "部门整体"


@dataclass(frozen=True)
class Analysis:
    """What the core says of one evaluation: its check report and its scorecard."""

    report: CheckReport
    card: Scorecard

    @property
    def findings(self) -> list[dict[str, Any]]:
        return [f.to_json() for f in self.report.findings]


def rulebook_id(region_id: int, year: int | None) -> str:
    found = YearSettings.objects.filter(region_id=region_id, fiscal_year=year).values_list(
        "rulebook", flat=True
    )
    return next(iter(found), DEFAULT_RULEBOOK)


def analyse(ev: CoreEvaluation, rulebook: str | Rulebook) -> Analysis:
    book = load_rulebook(rulebook) if isinstance(rulebook, str) else rulebook
    return Analysis(run_checks(ev, Settings(rulebook=book)), score(ev, book))


def core_of(version: Version) -> CoreEvaluation:
    return CoreEvaluation.model_validate(version.data)


def current_version(evaluation: Evaluation) -> Version:
    return evaluation.versions.get(number=evaluation.revision)


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def denormalise(evaluation: Evaluation, ev: CoreEvaluation, analysis: Analysis, book: str) -> None:
    card, report = analysis.card, analysis.report
    evaluation.kind = ev.kind or evaluation.kind or KIND_DEPARTMENT
    evaluation.title = (ev.title or "")[:300]
    evaluation.rulebook = book
    evaluation.score = card.scaled_total if card.scaled_total is not None else card.total
    evaluation.grade = card.grade or ""
    evaluation.provisional = card.provisional
    evaluation.self_score = ev.self_assessment.score
    evaluation.self_grade = ev.self_assessment.grade or ""
    evaluation.errors = report.count("error")
    evaluation.warnings = report.count("warning")
    evaluation.infos = report.count("info")
    evaluation.budget_adjusted = card.execution.adjusted
    evaluation.budget_executed = card.execution.executed
    evaluation.execution_rate = card.execution.rate


def changes_between(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(path, old, new) for every leaf that differs; `sources` and the restatements are not fields a
    person edits, so they are left out of the history."""
    skip = ("sources", "restated")
    before = {k: v for k, v in flatten(old).items() if not k.startswith(skip)}
    after = {k: v for k, v in flatten(new).items() if not k.startswith(skip)}
    paths = list(before) + [p for p in after if p not in before]
    return [(p, before.get(p), after.get(p)) for p in paths if before.get(p) != after.get(p)]


class Conflict(Exception):
    """A save based on what is no longer current: someone else saved a version, or took a workflow step,
    in between. `changes` are the field changes made since `base` (who, when, old and new), to show."""

    def __init__(self, evaluation: Evaluation, base: int, current: int, state: str) -> None:
        self.evaluation, self.base, self.current = evaluation, base, current
        self.changes = list(
            FieldChange.objects.filter(evaluation=evaluation, version__gt=base).select_related("author")
        )
        if current == base:
            self.message = f"未保存：这份自评已变为“{State(state).label}”状态，您打开后没有再改动的权限。"
        else:
            authors = {change.author for change in self.changes if change.author is not None}
            names = "、".join(sorted(a.first_name or a.get_username() for a in authors)) or "其他人"
            self.message = (
                f"未保存：您打开的是第 {base} 版，此后{names}已保存到第 {current} 版。"
                "为免覆盖他人的修改，本次保存已被拒绝。请查看下列修改，确认后重新保存。"
            )
        super().__init__(self.message)


# the columns a save writes; the state is the workflow's, never written from a possibly stale object
SAVED_COLUMNS = ["kind", "title", "rulebook", "score", "grade", "provisional", "self_score", "self_grade", "errors",
                 "warnings", "infos", "budget_adjusted", "budget_executed", "execution_rate", "revision",
                 "updated_by", "updated"]  # fmt: skip


def save_version(
    evaluation: Evaluation, ev: CoreEvaluation, user: Any, note: str = "", base: int | None = None
) -> Version:
    """Store `ev` as the next version of `evaluation` (saved first when new) with its history.

    `base` is the revision the change was made on (by default the one `evaluation` was read at). The
    revision moves from `base` to `base + 1` by one conditional UPDATE (which also asks that the state is
    still the one `evaluation` was read in), so of two saves made on the same version exactly one succeeds
    and the other raises `Conflict` with nothing written. Checking and
    scoring run before the transaction, so the write lock is held only while rows are written."""
    base = evaluation.revision if base is None else base
    book = rulebook_id(evaluation.unit.region_id, evaluation.fiscal_year)
    analysis = analyse(ev, book)
    data = canonical.to_plain(ev, full=True)
    with transaction.atomic():
        previous: dict[str, Any] = {}
        new = evaluation.pk is None
        if not new:
            mine = Evaluation.objects.filter(pk=evaluation.pk, revision=base, state=evaluation.state)
            if not mine.update(revision=base + 1):
                now = Evaluation.objects.values("revision", "state").get(pk=evaluation.pk)
                raise Conflict(evaluation, base, now["revision"], now["state"])
            if base:
                previous = Version.objects.get(evaluation=evaluation, number=base).data
        denormalise(evaluation, ev, analysis, book)
        evaluation.revision = base + 1
        evaluation.updated_by = user
        evaluation.save(update_fields=None if new else SAVED_COLUMNS)
        version = Version.objects.create(
            evaluation=evaluation,
            number=evaluation.revision,
            data=data,
            findings=analysis.findings,
            scorecard=analysis.card.model_dump(mode="json"),
            author=user,
            note=note[:200],
        )
        if previous:
            FieldChange.objects.bulk_create(
                FieldChange(evaluation=evaluation, version=version.number, path=p, old=o, new=n, author=user)
                for p, o, n in changes_between(previous, data)
            )
        evaluation.finding_rows.all().delete()
        Finding.objects.bulk_create(
            Finding(
                evaluation=evaluation,
                rule=f["rule"],
                category=f["category"],
                severity=f["severity"],
                field=f["location"].get("field") or "",
                message=f["message"],
            )
            for f in version.findings
        )
        faults.inject("save")
    return version


def subject_of(ev: CoreEvaluation) -> str:
    """Which project a 项目支出 evaluation is of (its title until the model names the project); '' otherwise."""
    return "" if (ev.kind or KIND_DEPARTMENT) == KIND_DEPARTMENT else (ev.title or "")[:200]


def create_evaluation(unit: Organisation, ev: CoreEvaluation, user: Any, note: str) -> Evaluation:
    """A new evaluation of `unit` for `ev.fiscal_year`, its first version `ev`."""
    evaluation = Evaluation(
        unit=unit, fiscal_year=ev.fiscal_year, kind=ev.kind or KIND_DEPARTMENT, subject=subject_of(ev)
    )
    save_version(evaluation, ev, user, note)
    return evaluation


def current_versions(evaluations: list[Evaluation]) -> dict[int, Version]:
    """The current version of each evaluation, in one query."""
    from django.db.models import F

    ids = [e.pk for e in evaluations]
    found = Version.objects.filter(evaluation_id__in=ids, number=F("evaluation__revision"))
    return {v.evaluation_id: v for v in found}


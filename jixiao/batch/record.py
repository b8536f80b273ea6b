"""The result of one file in a batch: a flat JSON object, the line `结果.jsonl` holds and the store keeps.

`evaluate` imports, checks and scores one file's bytes into its record. Every record has every key, in the
order of `FIELDS`, so each line of the JSON lines file has one shape:

- `status`: `checked` (imported, checked and scored), `unreadable` (the file cannot be read: `reason` is
  the importer's Chinese message) or `internal_error` (a bug in jixiao or a worker that died: `reason`
  says what happened, `traceback` holds the details when there are any);
- the report's figures as read: amounts and rates as decimal strings (万元, percent), never floats;
- the scorecard under `rulebook`: `score` (after any cap), `scaled_score` (百分制, when not every point
  could be assessed), `grade`, `provisional`;
- `severity_counts` and `category_counts` of the findings, and `findings` themselves in the JSON shape of
  `jixiao check --format json`;
- `missing`: the key fields the import could not read (Chinese labels), `unplaced`: paragraphs it could
  not place in the outline.
"""

from __future__ import annotations

import traceback
from dataclasses import replace
from decimal import Decimal
from typing import Any

from jixiao import __version__
from jixiao.checks import Settings, run_checks
from jixiao.core.errors import InputError
from jixiao.core.findings import CATEGORY_NAMES, SEVERITY_NAMES
from jixiao.io.load import load_any_bytes
from jixiao.scoring.engine import score
from jixiao.scoring.rulebook import Rulebook, rulebook_for
from jixiao.summary import missing_fields

Record = dict[str, Any]

CHECKED = "checked"
UNREADABLE = "unreadable"
INTERNAL_ERROR = "internal_error"
STATUS_NAMES = {CHECKED: "已检查", UNREADABLE: "无法读取", INTERNAL_ERROR: "内部错误"}

FIELDS = (
    "file",
    "sha256",
    "status",
    "reason",
    "traceback",
    "jixiao",
    "rulebook",
    "unit",
    "fiscal_year",
    "kind",
    "income_total",
    "expenditure_total",
    "budget_adjusted",
    "budget_executed",
    "execution_rate",
    "score",
    "scaled_score",
    "grade",
    "provisional",
    "self_score",
    "self_grade",
    "severity_counts",
    "category_counts",
    "missing",
    "unplaced",
    "findings",
)


def blank(name: str, sha256: str | None, rulebook: str, status: str, reason: str | None = None) -> Record:
    """A record with every key and no figures: what an unreadable file or an internal error gives."""
    record: Record = dict.fromkeys(FIELDS)
    record.update(
        file=name,
        sha256=sha256,
        status=status,
        reason=reason,
        jixiao=__version__,
        rulebook=rulebook,
        severity_counts=dict.fromkeys(SEVERITY_NAMES, 0),
        category_counts=dict.fromkeys(CATEGORY_NAMES, 0),
        missing=[],
        unplaced=0,
        findings=[],
    )
    return record


def internal_error(name: str, sha256: str | None, rulebook: str, reason: str, details: str | None) -> Record:
    record = blank(name, sha256, rulebook, INTERNAL_ERROR, reason)
    record["traceback"] = details
    return record


def rulebook_name(rulebook: Rulebook | None) -> str:
    """The 评分规则 column of a file not scored: the rulebook named, or blank where each kind takes its own."""
    return rulebook.id if rulebook is not None else ""


def evaluate(name: str, sha256: str, data: bytes, rulebook: Rulebook | None, settings: Settings) -> Record:
    """Import, check and score one file, under `rulebook`, or the default of its kind when none is named. An
    unreadable file is a record; any other exception is a record too, with its traceback: one file's bug never
    stops a batch."""
    try:
        return _evaluate(name, sha256, data, rulebook, settings)
    except InputError as exc:
        return blank(name, sha256, rulebook_name(rulebook), UNREADABLE, exc.message)
    except Exception as exc:
        return internal_error(name, sha256, rulebook_name(rulebook), bug_reason(exc), traceback.format_exc())


def bug_reason(exc: BaseException) -> str:
    """The Chinese reason of an internal error: what was raised, and that it is jixiao's fault, not the file's."""
    return f"处理时发生内部错误（{type(exc).__name__}: {exc}），这是 jixiao 的缺陷，请把结果中的详情报告给开发者。"


def _evaluate(name: str, sha256: str, data: bytes, chosen: Rulebook | None, settings: Settings) -> Record:
    evaluation = load_any_bytes(name, data)
    rulebook = rulebook_for(chosen, evaluation.kind)
    report = run_checks(evaluation, replace(settings, rulebook=rulebook))
    card = score(evaluation, rulebook)
    findings = report.findings
    record = blank(name, sha256, rulebook.id, CHECKED)
    budget = evaluation.budget
    record.update(
        unit=evaluation.unit.name,
        fiscal_year=evaluation.fiscal_year,
        kind=evaluation.kind,
        income_total=_text(budget.income.total),
        expenditure_total=_text(budget.expenditure.total),
        budget_adjusted=_text(card.execution.adjusted),
        budget_executed=_text(card.execution.executed),
        execution_rate=_text(card.execution.rate),
        score=_text(card.total),
        scaled_score=_text(card.scaled_total),
        grade=card.grade,
        provisional=card.provisional,
        self_score=_text(card.self_score),
        self_grade=card.self_grade,
        missing=missing_fields(evaluation),
        unplaced=len(evaluation.outline.unplaced),
        findings=[finding.to_json() for finding in findings],
    )
    for finding in findings:
        record["severity_counts"][finding.severity] += 1
        record["category_counts"][finding.category] += 1
    return record


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")

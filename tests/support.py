"""Where the shared reference texts live, for tests and benchmarks, and the checks run on them.

`../shared/` sits beside the checkout (or where `JIXIAO_SHARED` points). It is required: a test that
needs it fails with a clear message when it is missing, it never skips.
"""

import os
from functools import cache
from pathlib import Path
from typing import Any

from jixiao.checks import RULES, run_checks
from jixiao.checks.runner import CheckReport
from jixiao.core.findings import Finding
from jixiao.core.model import Evaluation
from jixiao.io import load_report
from jixiao.io.document import SourceDocument
from jixiao.io.load import import_document

ROOT = Path(__file__).resolve().parent.parent

# DESIGN.md, "Contracts", JSON output: these paths exist in every JSON object, with a value or null
DESIGN_PATHS = [
    "unit.name",
    "fiscal_year",
    "report_date",
    "staffing.authorized_total",
    "staffing.actual_total",
    "budget.initial",
    "budget.adjusted",
    "budget.income.total",
    "budget.expenditure.total",
    "budget.expenditure.basic",
    "budget.expenditure.project",
    "self_assessment.grade",
    "self_assessment.score",
]


# the ten first-level headings of the Hunan outline, as a report following it writes them
HUNAN_HEADINGS = [
    "一、部门基本情况",
    "二、一般公共预算支出情况",
    "三、政府性基金预算支出情况",
    "四、国有资本经营预算支出情况",
    "五、社会保险基金预算支出情况",
    "六、部门整体支出绩效情况",
    "七、存在的问题及原因分析",
    "八、下一步改进措施",
    "九、部门整体支出绩效自评结果拟应用和公开情况",
    "十、其他需要说明的情况",
]

def shared_dir() -> Path:
    path = Path(os.environ.get("JIXIAO_SHARED", ROOT.parent / "shared"))
    if not (path / "seeds").is_dir() or not (path / "corpus").is_dir():
        raise FileNotFoundError(
            f"shared reference texts not found at {path}: put shared/ beside the checkout or set JIXIAO_SHARED"
        )
    return path


def seed_path() -> Path:
    return shared_dir() / "seeds" / "000_f37ac31af9afc1da.txt"


def corpus_files() -> list[Path]:
    return sorted(p for p in (shared_dir() / "corpus").glob("*.txt"))


def strip_corpus_header(text: str) -> str:
    """Drop the corpus file's own `# source / # unit / # completeness` block: every line up to the first blank."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if not line.strip():
            return "\n".join(lines[i + 1 :]) + "\n"
    return text


def lookup(data: dict[str, Any], dotted: str) -> Any:
    """The value at a dotted path; KeyError names the path when a part of it is missing."""
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"{dotted}: no {part!r}")
        node = node[part]
    return node


def import_text(text: str, name: str = "t.txt") -> Evaluation:
    """A report given as text, imported as a txt file of that name would be."""
    return import_document(SourceDocument.from_text(name, "txt", text))


def corpus_evaluation(name: str) -> Evaluation:
    """One corpus file, its header block stripped, imported as text."""
    path = shared_dir() / "corpus" / name
    return import_text(strip_corpus_header(path.read_text(encoding="utf-8")), name)


# ---------------------------------------------------------------------------------------------- checks


def rules_of(*categories: str) -> list[str]:
    """The ids of the rules in these categories, sorted: a family's tests run that family alone."""
    return sorted(r.id for r in RULES.values() if r.category in categories)


def seed_checks(rules: list[str] | None = None) -> CheckReport:
    """The seed checked by these rules (every rule by default), once per test session."""
    return _seed_checks(None if rules is None else tuple(rules))


def corpus_checks(name: str, rules: list[str] | None = None) -> CheckReport:
    """One corpus file checked by these rules (every rule by default), once per test session."""
    return _corpus_checks(name, None if rules is None else tuple(rules))


@cache
def _seed_checks(rules: tuple[str, ...] | None) -> CheckReport:
    return run_checks(load_report(seed_path()), rules=rules)


@cache
def _corpus_checks(name: str, rules: tuple[str, ...] | None) -> CheckReport:
    return run_checks(corpus_evaluation(name), rules=rules)


def findings_of(report: CheckReport, rule: str | None = None) -> list[Finding]:
    """The findings one rule made in a report (every rule's, with none named)."""
    return [f for f in report.findings if rule is None or f.rule == rule]

"""What a check says: findings with a rule, a category, a severity, a Chinese message, a place and evidence.

Findings are values, never exceptions (STYLE.md 2); plain slotted dataclasses, not frozen (a frozen
dataclass pays for every field it sets), since checking must stay a small fraction of the import. A rule's outcome for one evaluation is aggregated
over every place it looked: fail if any failed, else insufficient_data if any, else pass; a rule that
found nothing to look at is not_applicable.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from dataclasses import field as dataclass_field
from typing import Any, Literal, NamedTuple

Severity = Literal["error", "warning", "info"]
Outcome = Literal["pass", "fail", "not_applicable", "insufficient_data"]
Category = Literal[
    "arithmetic",
    "cross_check",
    "count",
    "structure",
    "template",
    "indicator",
    "scoring",
    "execution",
    "date",
    "unit",
    "identity",
    "narrative",
]

SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
SEVERITY_NAMES: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}
CATEGORY_NAMES: dict[str, str] = {
    "arithmetic": "算术",
    "cross_check": "交叉核对",
    "count": "计数",
    "structure": "结构",
    "template": "模板残留",
    "indicator": "指标",
    "scoring": "评分",
    "execution": "预算执行",
    "date": "日期",
    "unit": "金额单位",
    "identity": "单位与年度",
    "narrative": "文字内容",
}


@dataclass(slots=True)
class FindingLocation:
    """The field a finding is about and, where the value was imported, where it stands in the file."""

    field: str | None = None  # dotted path with indexes, e.g. budget.income.total
    file: str | None = None
    line: int | None = None
    page: int | None = None
    sheet: str | None = None
    cell: str | None = None
    section: str | None = None
    text: str | None = None
    ocr: str | None = None  # the OCR engine that read the quoted text from a scanned page


@dataclass(slots=True)
class Finding:
    rule: str
    category: Category
    severity: Severity
    message: str
    location: FindingLocation = dataclass_field(default_factory=FindingLocation)
    evidence: dict[str, str | None] = dataclass_field(default_factory=dict)  # numbers as decimal strings

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of DESIGN.md: location without its empty keys."""
        location = {k: v for k, v in asdict(self.location).items() if v is not None}
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "location": location,
            "evidence": dict(self.evidence),
        }


class CheckResult(NamedTuple):
    """One rule's outcome for one evaluation and its findings (a tuple: a run makes one per rule)."""

    rule: str
    outcome: Outcome
    findings: tuple[Finding, ...] = ()


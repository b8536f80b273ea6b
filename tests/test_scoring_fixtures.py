"""Fixtures of the scoring tests (no tests here): small evaluations with weights, targets and actuals as written."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.core.model import Evaluation
from jixiao.io import canonical
from jixiao.scoring.rulebook import Rulebook, load_rulebook

RULEBOOKS = Path(__file__).resolve().parent / "rulebooks"


def bureau() -> Rulebook:
    """The test bureau's own rulebook: 好/较好/一般/差, caps by execution, −2 for far above, ratio 反向."""
    return load_rulebook(RULEBOOKS / "qingshi-bureau.yaml")


def indicator(
    name: str,
    target: str | None,
    actual: str | None,
    weight: str | None = None,
    score: str | None = None,
    level1: str = "产出指标",
    **more: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {"level1": level1, "name": name, **more}
    if target is not None:
        data["target"] = {"text": target}
    if actual is not None:
        data["actual"] = {"text": actual}
    if weight is not None:
        data["weight"] = weight
    if score is not None:
        data["score"] = score
    return data


def evaluation(
    *indicators: dict[str, Any],
    adjusted: str | None = None,
    executed: str | None = None,
    grade: str | None = None,
    total: str | None = None,
) -> Evaluation:
    data: dict[str, Any] = {
        "unit": {"name": "青石县文化馆"},
        "fiscal_year": 2024,
        "performance": {"indicators": list(indicators)},
        "budget": {},
        "self_assessment": {},
    }
    if adjusted is not None:
        data["budget"]["adjusted"] = Decimal(adjusted)
    if executed is not None:
        data["budget"]["executed"] = Decimal(executed)
    if grade is not None:
        data["self_assessment"]["grade"] = grade
    if total is not None:
        data["self_assessment"]["score"] = Decimal(total)
    return Evaluation.model_validate(data)


def write(ev: Evaluation, path: Path) -> Path:
    """The evaluation as a canonical YAML file, as `jixiao import` writes it."""
    path.write_text(canonical.dumps_yaml(ev), encoding="utf-8")
    return path


def full_marks() -> list[dict[str, Any]]:
    """产出 50, 效益 30, 满意度 10, every target met: 90 points before execution."""
    return [
        indicator("开展公益演出场次", "≥20场", "21场", "50", level1="产出指标"),
        indicator("群众参与人次", "≥5000人次", "5200人次", "30", level1="效益指标"),
        indicator("群众满意度", "≥90%", "95%", "10", level1="满意度指标"),
    ]

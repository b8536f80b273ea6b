"""Property tests of a project evaluation's checks: generated consistent project evaluations give no error;
one figure that takes part in a stated relation, changed beyond its tolerance, gives an error that names it.

A generated evaluation states a 自评表 whose relations all hold: funds by source adding to the year's totals,
执行率 = B ÷ A, the funds received and their rate, 预算执行率 得分 = B ÷ A × 10, each indicator's weight under
its 一级 level and its score by the ratio rule (full marks where met, 完成值 ÷ 指标值 × 分值 with a 偏差原因 where
missed), the weights adding to 100 with the rate's 10, the total the sum of the scores, the grade its band's.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from jixiao.checks import run_checks
from jixiao.core.model import Evaluation
from jixiao.core.money import round_half_up
from jixiao.scoring.engine import grade_for
from jixiao.scoring.rulebook import load_rulebook

CENT = Decimal("0.01")
PROJECT_RULES = load_rulebook("mof-2020-project")
amounts = st.integers(min_value=10_000, max_value=10_000_000).map(lambda n: Decimal(n) * CENT)


def _split(draw: st.DrawFn, total: int) -> list[int]:
    """A level's weight shared among one to three indicators, in whole points."""
    count = draw(st.integers(min_value=1, max_value=3))
    cuts = sorted(draw(st.lists(st.integers(min_value=1, max_value=total - 1), min_size=count - 1, max_size=count - 1, unique=True)))
    bounds = [0, *cuts, total]
    return [b - a for a, b in pairwise(bounds)]


@st.composite
def consistent(draw: st.DrawFn) -> dict[str, Any]:
    fiscal, other = draw(amounts), draw(amounts)
    adjusted = fiscal + other
    spent_fiscal = draw(st.integers(min_value=0, max_value=int(fiscal / CENT))) * CENT
    executed = spent_fiscal + other
    rate = round_half_up(executed * 100 / adjusted)
    execution_score = round_half_up(min(executed / adjusted, Decimal(1)) * 10)
    indicators: list[dict[str, Any]] = []
    for level in PROJECT_RULES.weights.level1:
        for n, weight in enumerate(_split(draw, int(level.weight))):
            target = draw(st.integers(min_value=10, max_value=1000))
            actual = draw(st.integers(min_value=target // 2, max_value=target * 12 // 10))
            met = actual >= target
            points = Decimal(weight) if met else round_half_up(Decimal(actual) / target * weight)
            indicators.append(
                {
                    "level1": level.name,
                    "name": f"{level.name}{n}",
                    "target": {"text": f"≥{target}个", "comparator": ">=", "value": Decimal(target), "unit": "个"},
                    "actual": {"text": f"{actual}个", "value": Decimal(actual), "unit": "个"},
                    "weight": Decimal(weight),
                    "score": points,
                    "deviation": None if met else "受客观因素影响未完成，下一年度加强调度",
                }
            )
    total = sum((ind["score"] for ind in indicators), execution_score)
    return {
        "kind": "项目支出",
        "unit": {"name": "青山县测试学校"},
        "fiscal_year": 2024,
        "project": {
            "name": "测试项目",
            "funds": [
                {"source": "财政拨款", "adjusted": fiscal, "executed": spent_fiscal},
                {"source": "其他资金", "adjusted": other, "executed": other},
            ],
            "received": adjusted,
            "received_rate": Decimal("100.00"),
        },
        "budget": {"adjusted": adjusted, "executed": executed, "execution_rate": rate},
        "performance": {"indicators": indicators},
        "self_assessment": {
            "execution_weight": Decimal(10),
            "execution_score": execution_score,
            "weight_total": Decimal(100),
            "score": total,
            "grade": grade_for(PROJECT_RULES, total),
        },
    }


def _errors(data: dict[str, Any]) -> list[Any]:
    return [f for f in run_checks(Evaluation.model_validate(data)).findings if f.severity == "error"]


@given(consistent())
def test_a_consistent_project_evaluation_gives_no_error(data: dict[str, Any]) -> None:
    assert _errors(data) == []


# (where the figure is, how to change it): each one takes part in at least one stated relation
CHANGES = [
    ("budget.executed", lambda d: d["budget"]),
    ("budget.adjusted", lambda d: d["budget"]),
    ("budget.execution_rate", lambda d: d["budget"]),
    ("project.funds[0].adjusted", lambda d: d["project"]["funds"][0]),
    ("project.funds[1].executed", lambda d: d["project"]["funds"][1]),
    ("project.received_rate", lambda d: d["project"]),
    ("self_assessment.execution_score", lambda d: d["self_assessment"]),
    ("self_assessment.score", lambda d: d["self_assessment"]),
    ("self_assessment.weight_total", lambda d: d["self_assessment"]),
    ("performance.indicators[0].score", lambda d: d["performance"]["indicators"][0]),
    ("performance.indicators[0].weight", lambda d: d["performance"]["indicators"][0]),
]


@given(consistent(), st.sampled_from(range(len(CHANGES))), st.sampled_from([Decimal("-1.37"), Decimal("2.50")]))
def test_changing_one_figure_of_a_relation_gives_an_error_naming_it(data: dict[str, Any], which: int, by: Decimal) -> None:
    path, node_of = CHANGES[which]
    field = path.rsplit(".", 1)[1]
    node = node_of(data)
    changed = node[field] + by
    if changed < 0:
        changed = node[field] + abs(by)
    node[field] = changed
    errors = _errors(data)
    written = format(changed, "f")
    assert any(f.location.field == path or written in f.message for f in errors), (path, written, [f.message for f in errors])

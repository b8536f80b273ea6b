"""Property tests of the checker: consistent figures give no error; one figure changed beyond its tolerance
in a stated relation gives a finding that names that figure and both values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from jixiao.checks import run_checks
from jixiao.core.findings import Finding
from jixiao.core.model import Evaluation
from jixiao.core.money import round_half_up

CENT = Decimal("0.01")
# from 100.00 万元 up: below that, the rounding of two-decimal amounts alone can move a share by a point
amounts = st.integers(min_value=10_000, max_value=10_000_000).map(lambda n: Decimal(n) * CENT)
heads = st.integers(min_value=0, max_value=300)


def _share(part: Decimal, whole: Decimal) -> Decimal:
    return round_half_up(part * 100 / whole, 2)


@st.composite
def consistent(draw: st.DrawFn) -> dict[str, Any]:
    """An evaluation's figures where every stated relation holds exactly (shares rounded half up)."""
    fiscal, business, operating, other = (draw(amounts) for _ in range(4))
    income = fiscal + business + operating + other
    basic, project = draw(amounts), draw(amounts)
    spent = basic + project
    economic = [draw(amounts) for _ in range(draw(st.integers(1, 4)))]
    acquisitions = [draw(amounts) for _ in range(draw(st.integers(1, 3)))]
    acquired = sum(acquisitions, Decimal(0))
    admin, service = draw(heads), draw(heads)
    return {
        "fiscal_year": 2023,
        "unit": {"name": "青山县测试局"},
        "staffing": {
            "authorized_total": admin + service,
            "authorized_by_kind": [{"kind": "行政", "count": admin}, {"kind": "事业", "count": service}],
        },
        "budget": {
            "income": {
                "total": income,
                "fiscal": fiscal,
                "fiscal_share": _share(fiscal, income),
                "business": business,
                "business_share": _share(business, income),
                "operating": operating,
                "other": other,
            },
            "expenditure": {
                "total": spent,
                "basic": basic,
                "basic_share": _share(basic, spent),
                "project": project,
                "project_share": _share(project, spent),
                "carried_forward": income - spent if income >= spent else None,
            },
            "fiscal_expenditure": {
                "total": sum(economic, Decimal(0)),
                "by_economic": [{"name": f"经济分类{n}", "amount": a} for n, a in enumerate(economic)],
            },
        },
        "assets": {
            "acquired": acquired,
            "acquisitions": [
                {"name": f"类别{n}", "amount": a, "share": _share(a, acquired)} for n, a in enumerate(acquisitions)
            ],
        },
    }


def _errors(data: dict[str, Any]) -> list[Finding]:
    report = run_checks(Evaluation.model_validate(data))
    return [f for f in report.findings if f.severity == "error"]


@given(consistent())
def test_consistent_figures_give_no_error(data: dict[str, Any]) -> None:
    if data["budget"]["expenditure"]["carried_forward"] is None:
        data["budget"]["income"]["carried_over"] = data["budget"]["expenditure"]["total"] - data["budget"]["income"]["total"]
    assert _errors(data) == []


# (path into the data, whether every part of its relation is stated: then any change is an error; in an open
# list a total above its parts is only a warning, since the text may list part of it)
MUTABLE = [
    (("budget", "income", "total"), True),
    (("budget", "income", "fiscal"), True),
    (("budget", "income", "other"), True),
    (("budget", "income", "fiscal_share"), True),
    (("budget", "expenditure", "total"), True),
    (("budget", "expenditure", "basic"), True),
    (("budget", "expenditure", "project_share"), True),
    (("budget", "fiscal_expenditure", "by_economic", 0, "amount"), False),
    (("assets", "acquisitions", 0, "amount"), False),
    (("assets", "acquisitions", 0, "share"), True),
]


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _set(data: Any, path: tuple[Any, ...], new: Any) -> None:
    _get(data, path[:-1])[path[-1]] = new


@given(consistent(), st.sampled_from(MUTABLE), st.sampled_from([Decimal("-1"), Decimal("1")]), amounts)
def test_changing_one_figure_beyond_tolerance_is_reported_with_both_values(
    data: dict[str, Any], target: tuple[tuple[Any, ...], bool], sign: Decimal, change: Decimal
) -> None:
    path, closed = target
    old = _get(data, path)
    # beyond any tolerance here: amounts of two decimals are off by at most 0.005 each, which moves a share
    # of wholes ≥ 100 by at most 0.01 point
    change = max(change, Decimal("0.05"))
    new = old + sign * change
    if new < 0:
        new = old + change
    _set(data, path, new)
    findings = [f for f in run_checks(Evaluation.model_validate(data)).findings if f.severity != "info"]
    shown = format(new, "f")
    named = [f for f in findings if shown in f.message or shown in f.evidence.values()]
    assert named, f"changing {'.'.join(map(str, path))} from {old} to {new} went unreported: {findings}"
    finding = named[0]
    # both values: the changed figure and what the relation computes for it or from it
    assert (finding.evidence.get("stated") is not None and finding.evidence.get("computed") is not None) or (
        "income" in finding.evidence and "expenditure" in finding.evidence
    )
    if closed:
        assert any(f.severity == "error" for f in named), named

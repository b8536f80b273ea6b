"""The demo region: a fictional county (青山县) with a finance bureau and a dozen budget units of
different kinds, two fiscal years, evaluations in every workflow state, some with findings, and a
small second county to show that tenants do not see each other.

Every evaluation is made from our own example report (`examples/qingshan_nongye_2024.txt`), imported by
the importer and varied here: the unit's name, the year, the money scaled, the budget's execution, an
indicator missed, a total that does not add up. Nothing comes from a real report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from jixiao.core.model import Evaluation as CoreEvaluation
from jixiao.io import canonical
from jixiao.io.extract_performance import parse_measure
from jixiao.io.load import load_report
from jixiao.web.accounts.models import Membership, Organisation, Region, Role, YearSettings
from jixiao.web.evaluations import store, workflow
from jixiao.web.evaluations.models import Evaluation, Explanation, State

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "qingshan_nongye_2024.txt"
EXAMPLE_UNIT = "青山县农业农村局"
EXAMPLE_YEAR = 2024
PASSWORD = "jixiao-demo"
MONEY_PARTS = ("budget", "assets", "three_public")
NOT_MONEY = ("share", "execution_rate", "code", "name", "text", "purpose")


@dataclass(frozen=True)
class DemoUnit:
    code: str  # login prefix
    name: str
    category: str
    factor: str  # money scaled by this
    states: tuple[str, str]  # the state of its evaluation in the last year, and the year before ("" none)
    executed: str = "1"  # the share of the budget executed, against the example's
    missed: tuple[int, ...] = ()  # indicators whose actual falls short
    shortfall: str = "0.9"  # of their target (less short the year before)
    error: bool = False  # a total that does not add up


UNITS = [
    DemoUnit("nongye", EXAMPLE_UNIT, "行政单位", "1", (State.DRAFT, State.PUBLISHED), error=True),
    DemoUnit("xwb", "中共青山县委办公室", "党委部门", "0.42", (State.UNIT_REVIEW, State.PUBLISHED), missed=(0, 1), shortfall="0.8"),
    DemoUnit("yizhong", "青山县第一中学", "学校", "2.15", (State.SUBMITTED, State.PUBLISHED), missed=(0, 3, 4, 7), shortfall="0.6"),
    DemoUnit("baisha", "青山县白沙镇人民政府", "乡镇", "1.33", (State.IN_REVIEW, State.PUBLISHED), executed="0.72", missed=(2,), shortfall="0.5"),
    DemoUnit("jiaoyu", "青山县教育局", "行政单位", "3.80", (State.RETURNED, State.PUBLISHED), missed=(1, 2, 3), shortfall="0.7", error=True),
    DemoUnit("weijian", "青山县卫生健康局", "行政单位", "1.72", (State.APPROVED, State.PUBLISHED), missed=(1,)),
    DemoUnit("jiaotong", "青山县交通运输局", "行政单位", "2.46", (State.PUBLISHED, State.PUBLISHED)),
    DemoUnit("shuili", "青山县水利局", "行政单位", "1.18", (State.PUBLISHED, State.APPROVED), executed="0.65", missed=(2, 6, 10), shortfall="0.5"),
    DemoUnit("zzb", "中共青山县委组织部", "党委部门", "0.57", (State.PUBLISHED, State.PUBLISHED), missed=(4,)),
    DemoUnit("shimen", "青山县石门乡人民政府", "乡镇", "0.93", (State.SUBMITTED, State.PUBLISHED), executed="0.85", missed=(0, 1, 2, 3, 4), shortfall="0.55"),
    DemoUnit("ziran", "青山县自然资源局", "行政单位", "1.41", (State.UNIT_REVIEW, ""), missed=(10, 17), shortfall="0.8"),
    DemoUnit("minzheng", "青山县民政局", "行政单位", "1.05", ("", State.PUBLISHED)),
]  # fmt: skip
OTHER_REGION_UNITS = [
    DemoUnit("yunxi_nongye", "云溪县农业农村局", "行政单位", "0.87", (State.PUBLISHED, "")),
    DemoUnit("yunxi_jiaoyu", "云溪县教育局", "行政单位", "2.90", (State.SUBMITTED, "")),
]
# the path a state is reached by, from 草稿
ROUTE = {
    State.DRAFT: [],
    State.UNIT_REVIEW: ["submit"],
    State.SUBMITTED: ["submit", "report"],
    State.IN_REVIEW: ["submit", "report", "start-review"],
    State.RETURNED: ["submit", "report", "start-review", "return"],
    State.APPROVED: ["submit", "report", "start-review", "approve"],
    State.PUBLISHED: ["submit", "report", "start-review", "approve", "publish"],
}
REASONS = {"return": "请核对收入合计与各项收入之和，并补充未完成指标的原因分析。", "send-back": "请补充说明。"}


@cache
def example_data() -> dict[str, Any]:
    """The example report as the importer reads it, as plain data (read once)."""
    return canonical.to_plain(load_report(EXAMPLE), full=False)


def _replace(node: Any, pairs: list[tuple[str, str]]) -> Any:
    if isinstance(node, dict):
        return {k: _replace(v, pairs) for k, v in node.items()}
    if isinstance(node, list):
        return [_replace(v, pairs) for v in node]
    if isinstance(node, str):
        for old, new in pairs:
            node = node.replace(old, new)
    return node


def _scale(node: Any, factor: Decimal, key: str = "") -> Any:
    """Money scaled, kept to the places written (a scaled sum may then differ from its parts by rounding)."""
    if isinstance(node, dict):
        return {k: _scale(v, factor, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_scale(v, factor, key) for v in node]
    if isinstance(node, str) and key and not key.endswith(NOT_MONEY):
        try:
            value = Decimal(node)
        except ArithmeticError:
            return node
        return str((value * factor).quantize(value))
    return node


def varied(unit: DemoUnit, year: int) -> CoreEvaluation:
    data = example_data()
    short = unit.name.removeprefix("青山县").removeprefix("云溪县").removeprefix("中共青山县委")
    pairs = [(EXAMPLE_UNIT, unit.name), ("农业农村局", short)]
    if unit.name.startswith("云溪县"):
        pairs.append(("青山县", "云溪县"))
    shift = EXAMPLE_YEAR - year
    if shift:
        pairs += [(str(EXAMPLE_YEAR), str(year)), (str(EXAMPLE_YEAR + 1), str(year + 1))]
    data = _replace(data, pairs)
    factor = Decimal(unit.factor) * (Decimal("0.94") if shift else 1)
    for part in MONEY_PARTS:
        data[part] = _scale(data[part], factor)
    budget = data["budget"]
    if unit.executed != "1" and budget.get("adjusted"):
        adjusted = Decimal(budget["adjusted"])
        budget["adjusted"] = str((adjusted / Decimal(unit.executed)).quantize(adjusted))
    indicators = data["performance"]["indicators"]
    shortfall = min(Decimal(unit.shortfall) + (Decimal("0.15") if shift else 0), Decimal("0.95"))
    for n in unit.missed:
        target = indicators[n].get("target") or {}
        if target.get("value"):
            short_of = (Decimal(target["value"]) * shortfall).quantize(Decimal(target["value"]))
            indicators[n]["actual"] = parse_measure(f"{short_of}{target.get('unit') or ''}")
    if unit.error and not shift:
        income = budget["income"]
        income["total"] = str(Decimal(income["total"]) + 10)
    data["fiscal_year"] = year
    if data.get("report_date"):
        data["report_date"] = dt.date(year + 1, 3, 20).isoformat()
    return CoreEvaluation.model_validate(data)


def _user(username: str, full_name: str, organisation: Organisation, role: Role) -> Any:
    user = get_user_model().objects.create_user(username, password=PASSWORD, first_name=full_name)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def _walk(evaluation: Evaluation, target: str, people: dict[Role, Any]) -> None:
    """Take the evaluation to `target` by the workflow's own steps, explaining errors where needed."""
    for name in ROUTE[State(target)]:
        if workflow.STEPS[name].needs_explained_errors:
            for finding in workflow.unexplained_errors(evaluation):
                Explanation.objects.update_or_create(
                    evaluation=evaluation, rule=finding["rule"], field=finding["location"].get("field") or "",
                    defaults={"text": "该数据以决算报表为准，报告中的合计系录入时笔误，已在决算中核实。",
                              "author": people[Role.PREPARER]},
                )  # fmt: skip
        role = workflow.STEPS[name].roles[0]
        workflow.take(evaluation, name, people[role], REASONS.get(name, ""))
    if target == State.RETURNED:
        from jixiao.web.review.models import Comment

        Comment.objects.create(evaluation=evaluation, field="budget.income.total", author=people[Role.REVIEWER],
                               text="收入合计与财政拨款收入、其他收入之和不一致，请核实后修改。")  # fmt: skip


def _region(name: str, code: str, units: list[DemoUnit], years: tuple[int, int], bureau_code: str) -> None:
    region = Region.objects.create(name=name, code=code)
    bureau = Organisation.objects.create(region=region, name=f"{name}财政局", kind=Organisation.BUREAU)
    people = {
        Role.REVIEWER: _user(f"{bureau_code}_shenhe", "李审核", bureau, Role.REVIEWER),
        Role.ADMIN: _user(f"{bureau_code}_admin", "王管理", bureau, Role.ADMIN),
    }
    for n, year in enumerate(years):
        YearSettings.objects.create(region=region, fiscal_year=year, deadline=dt.date(year + 1, 4, 30 if n == 0 else 15))
    for unit in units:
        org = Organisation.objects.create(region=region, name=unit.name, category=unit.category)
        people[Role.PREPARER] = _user(f"{unit.code}_tianbao", "张填报", org, Role.PREPARER)
        people[Role.HEAD] = _user(f"{unit.code}_fuze", "赵负责", org, Role.HEAD)
        for year, state in sorted(zip(years, unit.states, strict=True)):
            if not state:
                continue
            evaluation = store.create_evaluation(org, varied(unit, year), people[Role.PREPARER], "导入示例报告")
            _walk(evaluation, state, people)


@transaction.atomic
def load_demo() -> None:
    """Make the demo regions (password of every account: PASSWORD; LOGINS to try first)."""
    _region("青山县", "qingshan", UNITS, (EXAMPLE_YEAR, EXAMPLE_YEAR - 1), "czj")
    _region("云溪县", "yunxi", OTHER_REGION_UNITS, (EXAMPLE_YEAR, EXAMPLE_YEAR - 1), "yxczj")


def is_empty() -> bool:
    return not Region.objects.exists()


# the accounts to try first (made by load_demo)
LOGINS = [
    ("nongye_tianbao", "青山县农业农村局 填报人：上传、填写、检查、提交"),
    ("nongye_fuze", "青山县农业农村局 单位负责人：单位内审核、报送"),
    ("czj_shenhe", "青山县财政局 财政审核：报送情况、审核、统计分析、公开"),
    ("czj_admin", "青山县财政局 管理员：年度设置、用户"),
]


def demo_present() -> bool:
    return get_user_model().objects.filter(username=LOGINS[0][0]).exists()


def bulk_region(name: str, code: str, units: int, years: list[int]) -> Region:
    """A region at scale, for the query-count tests and the benchmark: `units` units, each with an
    evaluation per year in a state the bureau sees, from a few demo variants checked and scored once.

    Inserted in bulk; a version keeps the figures but not the sources or the outline (a 100 KB import's
    bulk), since nothing measured at scale reads them."""
    region = Region.objects.create(name=name, code=code)
    Organisation.objects.create(region=region, name=f"{name}财政局", kind=Organisation.BUREAU)
    orgs = Organisation.objects.bulk_create(
        Organisation(region=region, name=f"{name}第{n:04d}号预算单位", category=UNITS[n % len(UNITS)].category)
        for n in range(units)
    )
    variants = {}
    for year in years:
        for n, unit in enumerate(UNITS[:6]):
            ev = varied(unit, year)
            analysis = store.analyse(ev, store.rulebook_id(region.pk, year))
            data = {k: v for k, v in canonical.to_plain(ev, full=True).items() if k not in ("sources", "outline")}
            variants[year, n] = (ev, analysis, data)
    states = [State.SUBMITTED, State.IN_REVIEW, State.RETURNED, State.APPROVED, State.PUBLISHED]
    made: list[tuple[Evaluation, tuple[Any, Any, dict[str, Any]]]] = []
    for n, org in enumerate(orgs):
        for year in years:
            ev, analysis, data = variant = variants[year, n % 6]
            evaluation = Evaluation(unit=org, fiscal_year=year, state=states[n % len(states)], revision=1)
            store.denormalise(evaluation, ev, analysis, analysis.card.rulebook)
            made.append((evaluation, variant))
    Evaluation.objects.bulk_create([e for e, _ in made], batch_size=500)
    from jixiao.web.evaluations.models import Finding, Version

    Version.objects.bulk_create(
        (Version(evaluation=e, number=1, data=v[2], findings=v[1].findings, scorecard=v[1].card.model_dump(mode="json"))
         for e, v in made),
        batch_size=200,
    )  # fmt: skip
    Finding.objects.bulk_create(
        (Finding(evaluation=e, rule=f["rule"], category=f["category"], severity=f["severity"],
                 field=f["location"].get("field") or "", message=f["message"])
         for e, v in made for f in v[1].findings),
        batch_size=1000,
    )  # fmt: skip
    return region

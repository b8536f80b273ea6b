"""Our example project evaluation (`examples/qingshan_yizhong_shengjun_2024.txt`): it imports to the figures it
states, passes every rule, and each planted variant (one figure changed) is found by the rule it plants for.

The example is written by us: a fictional school's 生均公用经费 for 2024, in Hunan's seven-part outline with
the 项目支出绩效自评表 appended as rows of "|" cells, every figure reconciled. The variants are made here by
replacing one passage of the text, so each stands beside what it changes.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest

from jixiao.checks import run_checks
from jixiao.checks.runner import CheckReport
from jixiao.core.model import Evaluation
from jixiao.io import load_report
from jixiao.scoring.engine import score
from jixiao.scoring.rulebook import load_rulebook
from tests.support import ROOT, import_text

EXAMPLE = ROOT / "examples" / "qingshan_yizhong_shengjun_2024.txt"
TEXT = EXAMPLE.read_text(encoding="utf-8")

# the figures as written, and the relations between them (held by the last test of the first part)
PUPILS, PER_PUPIL_YUAN = 612, 800
INITIAL, ADJUSTED, EXECUTED, RATE = "48.00", "48.96", "48.47", "99.00"
UPPER, LOCAL = "39.17", "9.79"
USES = ("12.30", "9.85", "15.60", "3.12", "7.60")
CARRIED = "0.49"
# (三级指标, 分值, 得分)
SCORES = [
    ("保障在校学生人数", "20", "20"),
    ("校舍维修项目完成率", "10", "9.60"),
    ("资金拨付及时率", "10", "10"),
    ("生均公用经费标准", "10", "10"),
    ("学校正常运转保障", "20", "19"),
    ("办学条件持续改善", "10", "10"),
    ("师生满意度", "10", "10"),
]
EXECUTION_SCORE, TOTAL, GRADE = "9.90", "98.50", "优"


@cache
def example() -> Evaluation:
    return load_report(EXAMPLE)


@cache
def checked() -> CheckReport:
    return run_checks(example())


def test_the_example_imports_as_a_project_evaluation_of_the_school() -> None:
    ev = example()
    assert (ev.kind, ev.fiscal_year, ev.unit.name) == ("项目支出", 2024, "青山县第一中学")
    assert (ev.project.name, ev.project.department, ev.project.implementer) == (
        "义务教育生均公用经费", "青山县教育局", "青山县第一中学",
    )  # fmt: skip
    assert ev.project.period == "2024年1月至12月"
    assert ev.outline.kind == "hunan-project-7"


def test_the_example_s_funds_read_as_written() -> None:
    ev = example()
    assert [str(v) for v in (ev.budget.initial, ev.budget.adjusted, ev.budget.executed, ev.budget.execution_rate)] == [
        INITIAL, ADJUSTED, EXECUTED, RATE,
    ]  # fmt: skip
    funds = {line.source: (str(line.adjusted), str(line.executed)) for line in ev.project.funds}
    assert funds == {
        "财政拨款": (ADJUSTED, EXECUTED),
        "上年结转": ("0.00", "0.00"),
        "其他资金": ("0.00", "0.00"),
        "上级补助": (UPPER, "None"),
        "本级安排": (LOCAL, "None"),
    }
    assert (str(ev.project.received), str(ev.project.received_rate)) == (ADJUSTED, "100")
    assert str(ev.budget.expenditure.carried_forward) == CARRIED


def test_the_example_s_table_reads_its_weights_scores_and_total() -> None:
    ev = example()
    assert [(i.name, str(i.weight), str(i.score)) for i in ev.performance.indicators] == SCORES
    s = ev.self_assessment
    assert (str(s.execution_weight), str(s.execution_score), str(s.weight_total), str(s.score), s.grade) == (
        "10", EXECUTION_SCORE, "100", TOTAL, GRADE,
    )  # fmt: skip
    assert ev.restated == []  # the prose and the table state every figure alike


def test_the_example_s_own_figures_are_consistent() -> None:
    assert Decimal(PUPILS * PER_PUPIL_YUAN).scaleb(-4) == Decimal(ADJUSTED)
    assert Decimal(UPPER) + Decimal(LOCAL) == Decimal(ADJUSTED)
    assert sum(map(Decimal, USES)) == Decimal(EXECUTED)
    assert Decimal(EXECUTED) + Decimal(CARRIED) == Decimal(ADJUSTED)
    assert round(Decimal(EXECUTED) / Decimal(ADJUSTED) * 100, 2) == Decimal(RATE)
    assert sum(Decimal(w) for _, w, _ in SCORES) + 10 == 100
    assert sum(Decimal(s) for _, _, s in SCORES) + Decimal(EXECUTION_SCORE) == Decimal(TOTAL)


def test_the_example_gives_no_error_and_no_warning() -> None:
    assert [f for f in checked().findings if f.severity != "info"] == []


NEW_RULES = [
    "project-funds-by-source",
    "funds-received-rate",
    "stated-parts-sum",
    "document-amount-differs",
    "unit-price-times-count",
    "weights-total",
    "level-weights",
    "indicator-score-by-rule",
    "execution-score-stated",
    "deviation-reason-missing",
    "self-score-not-sum",
    "self-grade-out-of-band",
]


@pytest.mark.parametrize("rule", NEW_RULES)
def test_the_example_passes_every_rule_of_a_project_s_figures(rule: str) -> None:
    assert checked().outcomes[rule] == "pass"


def test_the_example_scores_as_it_says_under_the_national_project_rules() -> None:
    card = score(example(), load_rulebook("mof-2020-project"))
    assert (str(card.total), card.grade, card.provisional) == (TOTAL, GRADE, False)
    assert str(card.execution.score) == EXECUTION_SCORE


# ---------------------------------------------------------------------------------------------- planted variants

# (the rule that finds it, its severity, the passage(s) replaced: old → new, what the finding says)
VARIANTS = [
    ("project-funds-by-source", "error", [("| 其中：当年财政拨款 | 48.00 | 48.96 | 48.47 |", "| 其中：当年财政拨款 | 48.00 | 48.96 | 48.37 |")], "48.37万元"),
    ("funds-received-rate", "error", [("资金到位率100%", "资金到位率98%")], "98%"),
    ("stated-parts-sum", "error", [("培训费3.12万元", "培训费3.21万元")], "培训费 3.21万元"),
    ("document-amount-differs", "warning", [("3号文件下达的资金48.96万元", "3号文件下达的资金46.96万元")], "46.96万元"),
    ("unit-price-times-count", "error", [("生均公用经费标准800元，合计48.96万元", "生均公用经费标准800元，合计49.96万元")], "49.96万元"),
    ("weights-total", "error", [("| 612人 | 20 | 20 |", "| 612人 | 25 | 20 |")], "共 105 分"),
    (
        "level-weights",
        "warning",
        [("| 612人 | 20 | 20 |", "| 612人 | 10 | 10 |"), ("| 96% | 10 | 10 |", "| 96% | 20 | 20 |")],
        "产出指标下各项分值之和为 40 分",
    ),
    ("indicator-score-by-rule", "error", [("| 96% | 10 | 9.60 |", "| 96% | 10 | 9.80 |")], "应得 9.60 分"),
    ("execution-score-stated", "error", [("| 99.00% | 9.90 |", "| 99.00% | 9.50 |")], "应为 9.90"),
    ("deviation-reason-missing", "warning", [("| 两处屋面防水工程因雨季延至次年施工，今后安排在旱季 |", "| |")], "校舍维修项目完成率"),
    ("self-score-not-sum", "error", [("98.50", "97.50")], "自评总分 97.50"),
    ("self-grade-out-of-band", "error", [("自评等级为“优”", "自评等级为“良”"), ("| 自评等级 | 优 |", "| 自评等级 | 良 |")], "应为“优”"),
    ("figure-stated-twice", "error", [("全年执行数48.47万元，预算执行率", "全年执行数48.57万元，预算执行率")], "全年执行数（自评表）"),
    ("full-marks-for-missed-target", "error", [("| 96% | 10 | 9.60 |", "| 96% | 10 | 10 |")], "应得 9.60 分"),
    ("qualitative-score-out-of-band", "error", [("| 20 | 19 |", "| 20 | 15 |")], "[16.00, 20.00]"),
]


@pytest.mark.parametrize(("rule", "severity", "replaced", "said"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_each_planted_variant_is_found_by_its_rule(rule: str, severity: str, replaced: list[tuple[str, str]], said: str) -> None:
    text = TEXT
    for old, new in replaced:
        assert old in text, old
        text = text.replace(old, new)
    report = run_checks(import_text(text, "variant.txt"))
    found = [f for f in report.findings if f.rule == rule and f.severity == severity]
    assert found, [(f.rule, f.severity, f.message) for f in report.findings]
    assert any(said in f.message for f in found), [f.message for f in found]

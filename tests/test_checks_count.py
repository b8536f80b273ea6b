"""Count rules (a stated number of bodies, units or projects against the items listed) on tiny reports of our
own, on evaluations built by hand, and on the corpus."""

from __future__ import annotations

from functools import partial
from typing import Any

from jixiao.checks import run_checks
from jixiao.checks.runner import CheckReport
from jixiao.core.model import Evaluation
from tests import support

COUNT = support.rules_of("count")


def _report(text: str) -> CheckReport:
    return run_checks(support.import_text(text), rules=COUNT)


def _built(data: dict[str, Any]) -> CheckReport:
    return run_checks(Evaluation.model_validate(data), rules=COUNT)


_corpus = partial(support.corpus_checks, rules=COUNT)


_of = support.findings_of


def _report_with(line: str) -> str:
    return f"2023年度示例县档案馆部门整体支出绩效自评报告\n一、部门基本情况\n{line}\n"


# --- tiny reports and evaluations built by hand ------------------------------------------------------------


def test_as_many_internal_bodies_named_as_stated_pass() -> None:
    report = _report(_report_with("本馆内设办公室、保管股、利用股、编研股4个股室。"))
    assert report.outcomes["count-internal-bodies"] == "pass"


def test_it_flags_a_stated_number_of_internal_bodies_the_list_does_not_match() -> None:
    found = _of(_report(_report_with("本馆内设办公室、保管股、利用股5个股室。")), "count-internal-bodies")
    assert [(f.severity, f.evidence["stated"], f.evidence["listed"]) for f in found] == [("error", "5", "3")]
    assert "少 2 个" in found[0].message


def test_a_list_ending_with_deng_may_name_fewer_than_stated() -> None:
    report = _report(_report_with("本馆内设办公室、保管股、利用股等5个股室。"))
    assert report.outcomes["count-internal-bodies"] == "pass"


def test_a_list_of_names_ends_where_its_clause_ends() -> None:
    ev = support.import_text(_report_with("本馆内设3个股室：办公室、保管股、利用股，下属事业单位2个：县档案服务中心、县档案修复中心。"))
    assert ev.unit.internal_bodies == ["办公室", "保管股", "利用股"]
    assert ev.unit.subordinate_units == ["县档案服务中心", "县档案修复中心"]
    assert run_checks(ev, rules=COUNT).outcomes["count-internal-bodies"] == "pass"


def test_a_list_of_names_does_not_run_on_into_the_next_sentence() -> None:
    ev = support.import_text(_report_with("本馆内设股室分别是办公室、保管股，均为股级。馆长1名，副馆长2名。"))
    assert ev.unit.internal_bodies == ["办公室", "保管股"]


def test_the_count_that_closes_a_list_is_the_stated_count() -> None:
    report = _report(_report_with("本馆内设办公室、保管股、利用股，3个股室。"))
    assert report.outcomes["count-internal-bodies"] == "pass"


def test_a_count_in_one_sentence_and_the_names_in_the_next_are_compared() -> None:
    report = _report(_report_with("本馆内设股室3个，均为正股级。内设股室分别是办公室、保管股、利用股。"))
    assert report.outcomes["count-internal-bodies"] == "pass"


def test_the_count_tells_when_he_joins_two_names() -> None:
    # "和" is part of many a name ("文秘和档案室"): only a count one above the names split tells it joins two
    two = support.import_text(_report_with("本馆内设2个股室：办公室和保管股。"))
    assert two.unit.internal_bodies == ["办公室", "保管股"]
    one = support.import_text(_report_with("本馆内设2个股室：办公室、文秘和档案室。"))
    assert one.unit.internal_bodies == ["办公室", "文秘和档案室"]


def test_it_flags_a_project_count_that_differs_from_the_projects_listed() -> None:
    report = _built(
        {"budget": {"projects_stated": 3, "projects": [{"name": "档案数字化"}, {"name": "库房改造"}]}}
    )
    found = _of(report, "count-projects")
    assert [(f.evidence["stated"], f.evidence["listed"]) for f in found] == [("3", "2")]


def test_a_name_listed_twice_without_a_stated_count_is_a_warning() -> None:
    report = _built({"unit": {"internal_bodies": ["办公室", "保管股", "办公室"]}})
    found = _of(report, "count-internal-bodies")
    assert [(f.severity, f.evidence["listed"], f.evidence["distinct"]) for f in found] == [
        ("warning", "3", "2")
    ]


def test_nothing_is_compared_when_the_text_states_no_count() -> None:
    assert _built({"unit": {"internal_bodies": ["办公室", "保管股"]}}).outcomes["count-internal-bodies"] == (
        "not_applicable"
    )


def test_a_common_word_at_the_end_of_two_names_is_not_the_same_body() -> None:
    report = _built({"unit": {"internal_bodies": ["办公室", "保管股"], "subordinate_units": ["县委办公室"]}})
    assert report.outcomes["count-listed-in-both"] == "pass"


def test_a_body_named_with_and_without_its_county_is_the_same_body() -> None:
    report = _built(
        {"unit": {"internal_bodies": ["南县档案服务中心", "办公室"], "subordinate_units": ["县档案服务中心"]}}
    )
    found = _of(report, "count-listed-in-both")
    assert [(f.severity, f.evidence["subordinate"]) for f in found] == [("warning", "县档案服务中心")]


# --- the corpus -------------------------------------------------------------------------------------------


def test_008_states_ten_subordinate_units_but_lists_nine() -> None:
    found = _of(_corpus("008_nanxian_czj_2020.txt"), "count-subordinate-units")
    assert [(f.severity, f.evidence["stated"], f.evidence["listed"], f.location.line) for f in found] == [
        ("error", "10", "9", 6)
    ]


def test_008_lists_the_payment_centre_both_as_internal_and_as_subordinate() -> None:
    found = _of(_corpus("008_nanxian_czj_2020.txt"), "count-listed-in-both")
    assert [(f.severity, f.evidence["subordinate"]) for f in found] == [("warning", "县国库集中支付中心")]


def test_025_states_eight_internal_bodies_but_lists_nine_with_the_office_twice() -> None:
    found = _of(_corpus("025_pingquan_jcy_2023.txt"), "count-internal-bodies")
    assert [
        (f.evidence["stated"], f.evidence["listed"], f.evidence["distinct"], f.evidence["repeated"])
        for f in found
    ] == [("8", "9", "8", "办公室")]
    assert "列出 9 个" in found[0].message and "去重后为 8 个" in found[0].message


def test_007_names_as_many_bodies_and_units_as_it_states() -> None:
    # 11 股室 and 6 二级机构, each named
    outcomes = _corpus("007_nanxian_zrzyj_2024.txt").outcomes
    assert (outcomes["count-internal-bodies"], outcomes["count-subordinate-units"]) == ("pass", "pass")


def test_021_states_counts_without_names_so_nothing_is_compared() -> None:
    # "内设一个办学机构,八个内部机构": two counts, which name nothing, so the importer lists no names
    assert _corpus("021_kaiyuan_12zhong_2024.txt").outcomes["count-internal-bodies"] == "not_applicable"

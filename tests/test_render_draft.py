"""Drafting the report from the figures: the ten sections, sentences written from the data, tables, cover."""

from decimal import Decimal

import pytest

from jixiao.core.model import Evaluation
from jixiao.io.load import load_report
from jixiao.render.document import Heading, Paragraph, Table
from jixiao.render.draft import draft, scorecard_blocks, widen
from jixiao.scoring.engine import score
from jixiao.scoring.rulebook import load_rulebook
from tests import support

TOP = support.HUNAN_HEADINGS


def _ev(**data: object) -> Evaluation:
    return Evaluation.model_validate({"fiscal_year": 2023, "unit": {"name": "青山县测试局"}, **data})


def _texts(ev: Evaluation) -> list[str]:
    return [b.text for b in draft(ev).blocks if isinstance(b, Paragraph)]


def _section(ev: Evaluation, numbering: str) -> list[str]:
    """The paragraph texts under one first-level heading."""
    out: list[str] = []
    inside = False
    for block in draft(ev).blocks:
        if isinstance(block, Heading) and block.level == 1:
            inside = block.numbering == numbering
        elif inside and isinstance(block, Paragraph):
            out.append(block.text)
    return out


@pytest.fixture(scope="module")
def seed_ev(seed_path):
    return load_report(seed_path)


def test_the_draft_follows_the_ten_sections_of_the_hunan_outline_in_order():
    headings = [f"{b.numbering}{b.text}" for b in draft(_ev()).blocks if isinstance(b, Heading) and b.level == 1]
    assert headings == TOP


def test_section_one_opens_with_functions_then_organisation_and_staff():
    second = [f"{b.numbering}{b.text}" for b in draft(_ev()).blocks if isinstance(b, Heading) and b.level == 2]
    assert second[:3] == ["（一）部门职能", "（二）机构设置和人员情况", "（三）年度总体工作任务和重点工作任务"]


def test_the_income_sentence_states_each_source_with_its_share_computed_not_the_stored_one():
    ev = _ev(budget={"income": {"total": "180.40", "fiscal": "180.40", "fiscal_share": "99", "other": "0"}})
    assert "2023年度共取得收入合计180.40万元，其中：财政拨款收入180.40万元，占100.00%；其他收入0万元，占0.00%。" in _texts(ev)


def test_a_part_that_is_not_stated_is_left_out_of_the_sentence_not_written_as_zero():
    ev = _ev(budget={"income": {"total": "100.00", "fiscal": "80.00", "other": "20.00"}})
    sentence = next(t for t in _texts(ev) if "收入合计" in t)
    assert "事业收入" not in sentence
    assert "经营收入" not in sentence
    assert "其他收入20.00万元，占20.00%" in sentence


def test_shares_are_left_out_when_the_whole_is_not_stated():
    ev = _ev(budget={"expenditure": {"basic": "60.00", "project": "40.00"}})
    sentence = next(t for t in _texts(ev) if "基本支出" in t)
    assert "基本支出60.00万元" in sentence
    assert "占" not in sentence


def test_a_share_stated_without_its_whole_is_kept_as_written():
    # nothing the report says is dropped: with no whole to compute from, the stated share stands
    ev = _ev(
        budget={"expenditure": {"basic": "60.00", "basic_share": "60.00", "project": "40.00"}},
        assets={"self_used": "48.60", "self_used_share": "100.00"},
    )
    spending = next(t for t in _texts(ev) if "基本支出" in t)
    assert "基本支出60.00万元，占60.00%" in spending and "项目支出40.00万元。" in spending
    assert any("自用固定资产48.60万元，占账面固定资产总额的100.00%" in t for t in _texts(ev))


def test_fiscal_expenditure_is_written_by_functional_and_economic_class():
    ev = _ev(
        budget={
            "fiscal_expenditure": {
                "total": "200.00",
                "basic": "150.00",
                "project": "50.00",
                "by_function": [{"name": "农林水支出", "amount": "150.00"}, {"name": "住房保障支出", "amount": "50.00"}],
                "by_economic": [{"name": "工资福利支出", "amount": "120.00"}, {"name": "商品和服务支出", "amount": "80.00"}],
            }
        }
    )
    sentence = next(t for t in _texts(ev) if "财政拨款支出" in t)
    assert "其中基本支出150.00万元，占财政拨款支出的75.00%" in sentence
    assert "主要用于以下方面：农林水（类）支出150.00万元，占75.00%；住房保障（类）支出50.00万元，占25.00%。" in sentence
    assert "按经济分类：工资福利支出120.00万元，占60.00%；商品和服务支出80.00万元，占40.00%。" in sentence


def test_amounts_are_printed_at_their_written_precision():
    ev = _ev(assets={"total": "52.9", "current": "0", "fixed_net": "36.000"})
    assert "截至2023年12月31日，本部门资产总额52.9万元，其中：流动资产0万元；固定资产净值36.000万元。" in _texts(ev)


def test_acquisitions_are_shared_out_of_the_year_s_acquired_assets():
    ev = _ev(
        assets={
            "acquired": "30.00",
            "acquisitions": [{"name": "通用设备", "amount": "24.00", "share": "50"}, {"name": "家具、用具、装具及动植物", "amount": "6.00"}],
        }
    )
    assert (
        "2023年度，本部门配置固定资产30.00万元，按资产类别分：通用设备24.00万元，占80.00%；家具、用具、装具及动植物6.00万元，占20.00%。"
        in _texts(ev)
    )


def test_a_budget_stated_as_none_says_so_in_the_usual_form():
    ev = _ev(budget={"government_fund": {"stated_none": True}})
    assert _section(ev, "三、") == ["本年度无政府性基金预算支出。"]


def test_a_budget_the_report_says_nothing_of_gets_a_note_that_it_is_not_stated():
    blocks = draft(_ev()).blocks
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.numbering == "四、")
    note = blocks[start + 1]
    assert isinstance(note, Paragraph) and note.kind == "note"
    assert note.text == "（报告未说明本年度国有资本经营预算支出情况。）"


def test_a_budget_with_an_amount_states_the_amount():
    ev = _ev(budget={"social_insurance": {"amount": "12.30"}})
    assert _section(ev, "五、") == ["2023年度社会保险基金预算支出12.30万元。"]


def test_budget_execution_rate_is_computed_from_the_year_s_budget_and_spending():
    ev = _ev(budget={"initial": "1598.40", "adjusted": "1812.60", "executed": "1762.15"})
    assert (
        "2023年度部门整体支出年初预算数1598.40万元，全年预算数（调整后）1812.60万元，全年执行数1762.15万元，预算执行率97.22%。"
        in _texts(ev)
    )


def test_indicators_are_written_under_their_first_and_second_level_headings():
    ev = _ev(
        performance={
            "indicators": [
                {"level1": "产出指标", "level2": "数量指标", "name": "培训场次", "target": {"text": "12次"}, "actual": {"text": "14次"}},
                {"level1": "满意度指标", "name": "服务对象满意度", "actual": {"text": "95.60%"}},
            ]
        }
    )
    blocks = draft(ev).blocks
    texts = [f"{b.numbering}{b.text}" if isinstance(b, Heading) else getattr(b, "text", None) for b in blocks]
    i = texts.index("1、产出指标完成情况")
    assert texts[i : i + 3] == ["1、产出指标完成情况", "（1）数量指标", "培训场次：年度指标值12次，实际完成14次。"]
    j = texts.index("2、满意度指标完成情况")
    assert texts[j + 1] == "服务对象满意度：实际完成95.60%。"


def test_narrative_fields_are_the_unit_s_own_text(seed_ev):
    problems = _section(seed_ev, "七、")
    assert [p.split("、", 1)[1] for p in problems] == [
        p.replace(",", "，").replace(";", "；") for p in seed_ev.problems
    ]
    assert len(seed_ev.measures) == 1  # the seed's one measure, as its unit wrote it (full-width again)
    assert _section(seed_ev, "八、") == [widen(seed_ev.measures[0])]


def test_an_empty_narrative_section_is_marked_for_the_unit_to_fill():
    assert _section(_ev(), "七、") == ["（本部分内容待单位填写。）"]


def test_the_draft_has_tables_for_the_budget_the_classes_the_assets_and_the_indicators(seed_ev):
    captions = [b.caption for b in draft(seed_ev).blocks if isinstance(b, Table)]
    assert captions == [
        "表1 2023年度收入支出情况",
        "表2 2023年度财政拨款支出（按功能分类）",
        "表3 2023年度财政拨款支出（按经济分类）",
        "表4 2023年度资产情况",
        "表5 绩效指标完成情况",
    ]
    economic = next(b for b in draft(seed_ev).blocks if isinstance(b, Table) and "经济分类" in b.caption)
    assert economic.rows[0] == ["工资福利支出", "76.82", "32.05%"]
    assert economic.rows[-1] == ["合计", "239.67", ""]


def test_the_cover_has_attachment_number_year_title_unit_and_date(seed_ev):
    cover = draft(seed_ev).cover
    assert cover.attachment == "附件4"
    assert cover.year == 2023
    assert cover.unit == "中共辰溪县委网信办"
    assert cover.title == "中共辰溪县委网信办部门整体支出绩效自评报告"
    assert cover.date == "2024年3月14日"


def test_without_a_scorecard_there_is_no_appendix(seed_ev):
    doc = draft(seed_ev)
    assert doc.appendix == []
    assert doc.appendix_title is None


def test_with_a_provisional_scorecard_the_appendix_holds_the_form_and_says_it_is_provisional(seed_ev):
    card = score(seed_ev, load_rulebook("hunan-2023"))
    assert card.provisional
    doc = draft(seed_ev, card)
    assert doc.provisional
    assert doc.appendix_title == "部门整体支出绩效自评表"
    captions = [b.caption for b in doc.appendix if isinstance(b, Table)]
    assert captions == ["一、预算执行情况", "二、年度总体目标", "三、绩效指标", "四、总分与等级"]
    first = doc.appendix[0]
    assert isinstance(first, Paragraph) and first.text.startswith("【暂定评分】")
    totals = next(b for b in doc.appendix if isinstance(b, Table) and b.caption == "四、总分与等级")
    assert totals.rows[0] == ["总分", format(card.total, "f")]
    assert totals.rows[-1][0] == "按评分规则计算的等级（hunan-2023，暂定）"


def test_assumed_weights_are_starred_in_the_appendix(seed_ev):
    card = score(seed_ev, load_rulebook("hunan-2023"))
    table = next(b for b in scorecard_blocks(card, seed_ev) if isinstance(b, Table) and b.caption == "三、绩效指标")
    assumed = [s for s in card.indicators if s.weight_assumed and s.weight is not None]
    assert assumed
    assert sum(row[5].endswith("*") for row in table.rows) == len(assumed)


def test_the_self_assessment_is_stated_when_the_unit_s_text_does_not_state_it():
    ev = _ev(self_assessment={"grade": "优", "score": Decimal("95.50")}, results_use="拟在门户网站公开。")
    assert _section(ev, "九、") == [
        "经对照部门整体支出绩效自评表逐项打分，本部门2023年度部门整体支出绩效自评得分95.50分，自评等级为“优”。",
        "拟在门户网站公开。",
    ]

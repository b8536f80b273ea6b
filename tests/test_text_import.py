"""The text importer copes with how real reports are written: tiny inline reports as fixtures.

Encodings, full-width characters, spaces inside numbers, traditional characters with pinyin glosses,
lines run together by PDF extraction, forms rendered one cell per line, amounts in 元 and 亿元.
"""

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from jixiao.io import load_report
from jixiao.io.document import SourceDocument
from jixiao.io.load import import_document
from jixiao.io.normalize import squeeze
from tests import support

SMALL_REPORT = """2023年度示例县档案馆部门整体支出绩效自评报告
一、部门基本情况
核定编制8人，实有人数7人。
二、一般公共预算支出情况
2023年度共取得收入合计120.50万元，其中：财政拨款收入120.50万元，占100%。
2023年度共发生支出118.00万元，其中：基本支出100.00万元，占84.75%；项目支出18.00万元，占15.25%。
"""


def _import(text: str):
    return import_document(SourceDocument.from_text("inline.txt", "txt", text))


def test_it_reads_utf8_with_bom_and_gb18030_alike(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + SMALL_REPORT.encode("utf-8"))
    (tmp_path / "gbk.txt").write_bytes(SMALL_REPORT.encode("gb18030"))
    for name in ("bom.txt", "gbk.txt"):
        evaluation = load_report(tmp_path / name)
        assert evaluation.unit.name == "示例县档案馆"
        assert str(evaluation.budget.income.total) == "120.50"


def test_it_reads_full_width_digits_and_spaces_inside_numbers() -> None:
    text = SMALL_REPORT.replace("收入合计120.50万元", "收入合计１２０.５０ 万元").replace("占100%", "占 100 ％")
    evaluation = _import(text)
    assert str(evaluation.budget.income.total) == "120.50"
    assert str(evaluation.budget.income.fiscal_share) == "100"


def test_it_converts_yuan_and_yi_yuan_to_wanyuan_and_remembers_the_unit() -> None:
    text = SMALL_REPORT.replace("收入合计120.50万元", "收入合计1205000元").replace(
        "共发生支出118.00万元", "共发生支出0.0118亿元"
    )
    evaluation = _import(text)
    assert str(evaluation.budget.income.total) == "120.5000"
    assert evaluation.sources["budget.income.total"].original_unit == "元"
    assert str(evaluation.budget.expenditure.total) == "118"  # 0.0118亿元 is written to the 万元
    assert evaluation.sources["budget.expenditure.total"].original_unit == "亿元"


def test_it_converts_traditional_characters_and_drops_pinyin_glosses() -> None:
    text = "2022年度縣檔案館整體支出績效自評報告\n一、部門基本概況\n人員編(biān)制\n9\n實有人數(shù)\n8\n"
    evaluation = _import(text)
    assert evaluation.unit.name == "县档案馆"
    assert evaluation.staffing.authorized_total == 9
    assert evaluation.staffing.actual_total == 8


def test_it_splits_headings_out_of_lines_a_pdf_ran_together() -> None:
    body = "我馆负责全县档案的收集和保管工作,指导全县档案业务。" * 4
    text = (
        "2023 年示例县档案馆整体支出 绩效自评报告 现将情况报告如下: 一、部门基本情况 (一)部门职能 "
        f"{body} (二)机构设置及人员情况 我馆实有编制数 8 人,2023 年末在职人数 7 人。"
    )
    evaluation = _import(text)
    keys = [s.key for s in evaluation.outline.sections]
    assert keys[:3] == ["basic_info", "functions", "org"]
    assert evaluation.staffing.authorized_total == 8
    assert evaluation.staffing.actual_total == 7


def test_it_reads_a_table_rendered_as_bar_separated_cells() -> None:
    text = "一、部门基本情况 | (一)部门概况 | 人员情况,本馆实有人员编制9人,其中:行政编制9人。 |\n"
    evaluation = _import(text)
    assert evaluation.staffing.authorized_total == 9
    assert [(k.kind, k.count) for k in evaluation.staffing.authorized_by_kind] == [("行政", 9)]


def test_it_keeps_text_it_cannot_place() -> None:
    evaluation = _import(SMALL_REPORT + "三、存在的问题\n暂无。\n十一、附表\n附表说明：见另册\n")
    assert evaluation.problems == []
    problems = next(s for s in evaluation.outline.sections if s.key == "problems")
    assert problems.text == "暂无。"
    assert evaluation.outline.unplaced == ["附表说明:见另册"]


def test_a_difference_between_two_figures_is_neither_of_them() -> None:
    evaluation = _import(SMALL_REPORT + "六、部门整体支出绩效情况\n年初预算数与全年预算数相差20.50万元，主要是追加了档案数字化经费。\n")
    assert evaluation.budget.initial is None and evaluation.budget.adjusted is None


def test_the_words_before_an_amount_that_run_over_many_cells_are_no_label() -> None:
    # cells run together without breaks: the "label" of the last amount is the whole row and the next heading
    line = "本年财政拨款 90 89.97 89.97 上年结转资金 其他资金 年度总体目标 预期目标 实际完成情况 本项目共申请拨款资金90万元。"
    evaluation = _import("青石县档案馆2023年度部门整体支出绩效自评报告\n六、部门整体支出绩效情况\n" + line + "\n")
    assert evaluation.budget.income.total is None


def test_a_blank_is_never_a_zero() -> None:
    evaluation = _import(SMALL_REPORT)
    assert evaluation.budget.expenditure.operating is None
    assert evaluation.budget.adjusted is None
    assert evaluation.self_assessment.score is None


def test_squeeze_keeps_a_space_only_between_ascii_words() -> None:
    assert squeeze(" 2023    5  31 ") == "2023 5 31"
    assert squeeze("239.67 万元，占 100 %") == "239.67万元，占100%"


@given(st.text(max_size=400))
def test_importing_any_text_never_raises(text: str) -> None:
    evaluation = _import(text)
    assert evaluation.outline is not None


@given(
    st.lists(
        st.sampled_from(
            ["一、部门基本情况", "(一)", "1、", "收入合计", "12.5万元", "占", "100%", "编制", "8人", "实有", "|",
             "绩效自评报告", "2023年度", "无。", "①", "三)", "目录", "\n", " ", "：", "，", "。", "≥", "实际完成"]
        ),
        max_size=60,
    )
)
def test_importing_report_like_fragments_never_raises(parts: list[str]) -> None:
    _import("".join(parts))


def test_a_heading_with_a_template_word_limit_left_in_is_still_a_heading() -> None:
    evaluation = _import("一、摘要（1000字以内）\n本年度工作概述。\n二、部门概况\n本局内设3个股室。\n")
    titles = [(s.numbering, s.title) for s in evaluation.outline.sections]
    assert titles[:2] == [("一、", "摘要(1000字以内)"), ("二、", "部门概况")]


def test_an_appendix_after_the_body_is_kept_apart_from_the_sections() -> None:
    text = "附件2\n" + SMALL_REPORT + "三、其他需要说明的情况\n无。\n附件\n部门整体支出绩效自评表\n一、预算执行情况\n全年预算数 120.50\n"
    evaluation = _import(text)
    outline = evaluation.outline
    assert [s.numbering for s in outline.sections if s.level == 1] == ["一、", "二、", "三、"]
    assert outline.sections[-1].text == "无。"
    assert outline.appendix.split("\n") == ["附件", "部门整体支出绩效自评表", "一、预算执行情况", "全年预算数120.50"]
    assert len(outline.appendix_lines) == 4 and outline.unplaced == []
    assert "附件2" in outline.preamble  # a cover's label is no appendix: the body has not begun


def test_the_reference_reports_have_no_appendix() -> None:
    # the seed's cover "附件4" and the tables of contents listing "附件1 …" (044, 046) come before the body
    for path in [support.seed_path(), *support.corpus_files()]:
        evaluation = _import(support.strip_corpus_header(path.read_text(encoding="utf-8")))
        assert evaluation.outline.appendix == "", path.name


def test_a_cited_title_naming_internal_bodies_is_no_list_of_them() -> None:
    text = (
        SMALL_REPORT.split("二、")[0]
        + "根据《关于印发〈示例县档案馆职能配置、内设机构、人员编制规定〉的通知》精神，本馆承担以下职责：\n"
        + "本馆内设办公室、保管股、利用股3个股室。\n"
    )
    unit = _import(text).unit
    assert unit.internal_bodies == ["办公室", "保管股", "利用股"]
    assert unit.internal_bodies_stated == 3

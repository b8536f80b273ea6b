"""Project reports (项目支出绩效自评) import in the outlines and table layouts they are written in.

Tiny inline reports, one behaviour each: the kind told from the title, the outline or the form, or forced;
Hunan's seven-part outline and a free form numbered 1. / 1.1; the 项目支出绩效自评表 flattened one cell per
line, as rows of tabs, or in 元; a figure the prose states otherwise than the table.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.io import load_report
from tests.support import import_text

HUNAN_SEVEN = """\
2024年度青山县第一中学生均公用经费项目支出绩效自评报告
一、项目基本情况
本项目保障学校日常运转，年度预算48.00万元。
二、项目资金使用及管理情况
项目资金实行专账核算，全年执行数47.52万元。
三、项目组织实施情况
学校成立了自评工作小组。
四、项目绩效情况
（一）产出指标
在校学生人数：年度指标值≥600人，实际完成612人。
五、存在的问题及原因分析
无。
六、下一步改进措施
加强预算执行监控。
七、其他需要说明的情况
无。
"""


def test_a_report_in_hunan_s_seven_parts_is_a_project_evaluation_with_its_parts_placed() -> None:
    ev = import_text(HUNAN_SEVEN)
    assert ev.kind == "项目支出"
    assert ev.outline.kind == "hunan-project-7"
    assert [s.key for s in ev.outline.sections if s.level == 1] == [
        "basic_info", "project_funds", "implementation", "performance", "problems", "measures", "other",
    ]  # fmt: skip
    assert ev.project.name == "生均公用经费"
    assert ev.project.fund_management == "项目资金实行专账核算,全年执行数47.52万元。"  # as normalised: ASCII commas
    assert ev.project.overview == "本项目保障学校日常运转,年度预算48.00万元。"
    assert ev.project.implementation == "学校成立了自评工作小组。"
    assert (str(ev.budget.adjusted), str(ev.budget.executed)) == ("48.00", "47.52")


def test_the_outline_alone_tells_a_project_report_whose_title_names_no_project() -> None:
    ev = import_text("青山县教育局2024年度自评报告\n一、项目概况\n本年度预算10.00万元。\n")
    assert ev.kind == "项目支出"


def test_the_kind_can_be_forced_where_the_title_would_tell_another() -> None:
    assert import_text(HUNAN_SEVEN).kind == "项目支出"
    from jixiao.io.document import SourceDocument
    from jixiao.io.load import import_document

    forced = import_document(SourceDocument.from_text("t.txt", "txt", HUNAN_SEVEN), "部门整体")
    assert forced.kind == "部门整体"
    assert forced.project.fund_management is None  # a department's report has no project part


def test_the_import_command_takes_the_kind_to_read_a_report_as(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(HUNAN_SEVEN, encoding="utf-8")
    result = CliRunner().invoke(app, ["import", "--kind", "部门整体", "-f", "json", str(path)])
    assert result.exit_code == 0
    assert '"kind": "部门整体"' in result.stdout
    assert load_report(path, "部门整体").kind == "部门整体"


DECIMAL = """\
青山县农技推广项目绩效自评报告
1. 项目概况
1.1 立项依据
依据县政府常务会议纪要立项。
1.2 资金情况
项目预算20.00万元，实际支出19.80万元。
2. 存在的问题
无。
"""


def test_a_free_form_numbered_1_and_1_1_nests_its_sections() -> None:
    ev = import_text(DECIMAL)
    levels = [(s.numbering, s.level) for s in ev.outline.sections]
    assert levels == [("1.", 1), ("1.1", 2), ("1.2", 2), ("2.", 1)]
    assert ev.outline.sections[0].key == "basic_info"
    assert ev.outline.sections[3].key == "problems"


def test_a_figure_with_a_decimal_point_is_not_read_as_a_decimal_heading() -> None:
    ev = import_text("某项目绩效自评报告\n一、项目基本情况\n1.5 万元用于购置设备。\n")
    assert [s.title for s in ev.outline.sections] == ["项目基本情况"]


FORM_CELLS = """\
项目支出绩效自评表
（2024年度）
项目名称 |
学生资助补助经费 |
主管部门 |
青山县教育局 |
实施单位 |
青山县第一中学 |
项目资金（元） |
年初预算数 |
全年预算数 |
全年执行数 |
分值 |
执行率 |
得分 |
年度资金总额 |
480000.00 |
480000.00 |
475200.00 |
10 |
99.00% |
9.9 |
其中：当年财政拨款 |
480000.00 |
480000.00 |
475200.00 |
总分 |
100 |
96.9 |
优 |
"""


def test_a_form_one_cell_per_line_in_yuan_reads_in_wanyuan_exactly_with_its_unit_kept() -> None:
    ev = import_text(FORM_CELLS)
    assert (ev.kind, ev.fiscal_year) == ("项目支出", 2024)
    assert (ev.project.name, ev.project.department, ev.project.implementer) == (
        "学生资助补助经费", "青山县教育局", "青山县第一中学",
    )  # fmt: skip
    assert ev.unit.name == "青山县第一中学"
    assert [str(v) for v in (ev.budget.initial, ev.budget.adjusted, ev.budget.executed)] == ["48.000000", "48.000000", "47.520000"]
    assert ev.sources["budget.executed"].original_unit == "元"
    assert ev.sources["budget.executed"].text == "475200.00"
    assert [str(ev.budget.execution_rate), str(ev.self_assessment.execution_weight), str(ev.self_assessment.execution_score)] == ["99.00", "10", "9.9"]
    [line] = ev.project.funds
    assert (line.source, line.label, str(line.executed)) == ("财政拨款", "当年财政拨款", "47.520000")
    assert (str(ev.self_assessment.weight_total), str(ev.self_assessment.score), ev.self_assessment.grade) == ("100", "96.9", "优")


FORM_TABS = (
    "项目支出绩效自评表\n"
    "项目名称\t校舍维修项目\t\t\n"
    "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
    "年度资金总额\t30.00\t32.00\t30.40\t10\t95.00%\t9.5\n"
    "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "\t产出指标\t数量指标\t维修校舍面积\t≥1200平方米\t1250平方米\t20\t20\t\n"
    "\t\t时效指标\t完工时间\t10月31日前\t10月20日\t10\t10\t\n"
    "\t效益指标\t社会效益指标\t校舍安全隐患消除率\t100%\t96%\t30\t28\t两处屋面待明年修缮\n"
    "\t满意度指标\t服务对象满意度指标\t师生满意度\t≥90%\t95%\t30\t30\t\n"
    "总分\t100\t97.5\n"
)


def test_a_form_as_rows_of_tabs_reads_its_indicators_with_weights_scores_and_deviation() -> None:
    ev = import_text(FORM_TABS)
    assert ev.project.name == "校舍维修项目"
    assert [str(v) for v in (ev.budget.initial, ev.budget.adjusted, ev.budget.executed)] == ["30.00", "32.00", "30.40"]
    rows = [(i.level1, i.level2, i.name, i.target.text if i.target else None, str(i.score)) for i in ev.performance.indicators]
    assert rows == [
        ("产出指标", "数量指标", "维修校舍面积", "≥1200平方米", "20"),
        ("产出指标", "时效指标", "完工时间", "10月31日前", "10"),
        ("效益指标", "社会效益指标", "校舍安全隐患消除率", "100%", "28"),
        ("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "30"),
    ]
    assert ev.performance.indicators[2].deviation == "两处屋面待明年修缮"
    assert (str(ev.self_assessment.weight_total), str(ev.self_assessment.score)) == ("100", "97.5")


def test_a_figure_the_prose_states_otherwise_than_the_table_is_kept_as_a_restatement() -> None:
    prose = "某中学2024年度学生资助补助经费项目支出绩效自评报告\n一、项目基本情况\n全年执行数47.00万元。\n"
    ev = import_text(prose + FORM_CELLS.replace("项目支出绩效自评表\n", "附：项目支出绩效自评表\n"))
    assert str(ev.budget.executed) == "47.00"  # the prose comes first
    [again] = [r for r in ev.restated if r.field == "budget.executed"]
    assert (str(again.value), again.label, again.source.text) == ("47.520000", "全年执行数（自评表）", "475200.00")

"""A project evaluation rendered: its report in Hunan's seven parts (docx, pdf, html, md) and its 项目支出绩效自评表
in Excel; and imported back, the same figures.

Round trips use our example project evaluation. A docx drafted with its scorecard reads back every figure,
the appended 自评表 included. The PDF reads back every figure its text states: the importer does not rebuild
a PDF's tables, so the sources written 0.00 in the 自评表 alone, and the 总分's 分值, are left out of the
comparison there. The example's own text, as a docx and printed to PDF by LibreOffice (as
test_format_fidelity makes them), reads as the text does, its flattened 自评表 included. The xlsx reads back to the same
scorecard.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from jixiao.core.model import Evaluation
from jixiao.io import load_report
from jixiao.io.xlsx_reader import read_scorecard_xlsx
from jixiao.render.docx import render_docx
from jixiao.render.draft import draft
from jixiao.render.html import render_html
from jixiao.render.markdown import render_markdown
from jixiao.render.pdf import pdf_bytes
from jixiao.render.xlsx import write_scorecard_xlsx
from jixiao.scoring.engine import score
from jixiao.scoring.rulebook import load_rulebook
from jixiao.scoring.scorecard import Scorecard
from jixiao.tools.libreoffice import convert_all
from tests.support import ROOT

EXAMPLE = ROOT / "examples" / "qingshan_yizhong_shengjun_2024.txt"
RULES = load_rulebook("mof-2020-project")


@cache
def example() -> Evaluation:
    return load_report(EXAMPLE)


@cache
def card() -> Scorecard:
    return score(example(), RULES)


def figures(ev: Evaluation, appendix: bool = True) -> dict[str, Any]:
    """What a reader compares: the project, its funds (without the sources written 0 when `appendix` is not
    read), the indicators with weights and scores, the total and grade."""
    funds = sorted(
        (line.source, line.label, line.initial, line.adjusted, line.executed)
        for line in ev.project.funds
        if appendix or any(v not in (None, Decimal(0)) for v in (line.initial, line.adjusted, line.executed))
    )
    s = ev.self_assessment
    return {
        "kind": ev.kind,
        "unit": ev.unit.name,
        "year": ev.fiscal_year,
        "project": (ev.project.name, ev.project.department, ev.project.implementer, ev.project.period),
        "budget": (ev.budget.initial, ev.budget.adjusted, ev.budget.executed, ev.budget.execution_rate),
        "carried_forward": ev.budget.expenditure.carried_forward,
        "funds": funds,
        "received": (ev.project.received, ev.project.received_rate),
        "indicators": [
            (i.level1, i.level2, i.name, i.target and i.target.text, i.actual and i.actual.text, i.weight, i.score, i.deviation)
            for i in ev.performance.indicators
        ],
        "scores": (s.score, s.grade, s.execution_score, s.execution_weight, s.weight_total if appendix else None),
        "goals": (ev.performance.targets, ev.performance.achievements),
        "narrative": (ev.problems, ev.measures),
    }


def test_the_draft_follows_hunan_s_seven_parts_with_the_form_appended() -> None:
    doc = draft(example(), card())
    top = [(b.numbering, b.text) for b in doc.blocks if getattr(b, "level", 0) == 1]
    assert top == [
        ("一、", "项目基本情况"),
        ("二、", "项目资金使用及管理情况"),
        ("三、", "项目组织实施情况"),
        ("四、", "项目绩效情况"),
        ("五、", "存在的问题及原因分析"),
        ("六、", "下一步改进措施"),
        ("七、", "其他需要说明的情况"),
    ]
    assert doc.title == "青山县第一中学2024年度义务教育生均公用经费项目支出绩效自评报告"
    assert doc.appendix_title == "项目支出绩效自评表"
    funds = next(b for b in doc.appendix if getattr(b, "caption", "") == "二、项目资金")
    assert funds.header[0] == "项目资金（万元）"
    assert [row[0] for row in funds.rows] == [
        "年度资金总额", "其中：当年财政拨款", "其中：中央和省级补助资金", "其中：县级配套资金", "上年结转资金", "其他资金",
    ]  # fmt: skip


def test_the_docx_drafted_with_its_form_reads_back_every_figure(tmp_path: Path) -> None:
    back = load_report(render_docx(draft(example(), card()), card(), tmp_path / "project.docx"))
    assert figures(back) == figures(example())
    assert back.restated == []


def test_the_docx_drafted_alone_states_every_figure_of_the_text(tmp_path: Path) -> None:
    back = load_report(render_docx(draft(example()), None, tmp_path / "alone.docx"))
    assert figures(back, appendix=False) == figures(example(), appendix=False)


def test_the_pdf_reads_back_every_figure_its_text_states(tmp_path: Path) -> None:
    path = tmp_path / "project.pdf"
    path.write_bytes(pdf_bytes(draft(example(), card())))
    back = load_report(path)
    assert figures(back, appendix=False) == figures(example(), appendix=False)


def test_the_example_printed_through_word_and_libreoffice_reads_as_its_text_does(tmp_path: Path) -> None:
    # as test_format_fidelity makes them: one paragraph per line of the text, the default template, LibreOffice
    document = docx.Document()
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    written = tmp_path / "example.docx"
    document.save(str(written))
    [printed] = convert_all([written], "pdf", tmp_path / "pdf")
    for other in (written, printed):
        back = load_report(other)
        assert figures(back) == figures(example()), other.suffix
        assert back.model_dump(mode="json", exclude={"sources", "outline"}) == example().model_dump(
            mode="json", exclude={"sources", "outline"}
        ), other.suffix


def test_the_html_and_markdown_carry_the_project_and_its_form() -> None:
    doc = draft(example(), card())
    html = render_html(doc, card())
    markdown = render_markdown(doc, card())
    for text in (html, markdown):
        assert "义务教育生均公用经费项目支出绩效自评报告" in text
        assert "项目支出绩效自评表" in text and "年度资金总额" in text and "偏差原因分析及措施" in text
    assert "四、项目绩效情况" in markdown


# ---------------------------------------------------------------------------------------------- the xlsx


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_scorecard_xlsx(example(), card(), tmp_path_factory.mktemp("xlsx") / "project.xlsx")


def _cells(path: Path) -> dict[str, Any]:
    sheet = openpyxl.load_workbook(path)["自评表"]
    return {cell.coordinate: cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None}


def test_the_form_is_the_national_project_layout_on_a4_landscape(workbook: Path) -> None:
    sheet = openpyxl.load_workbook(workbook)["自评表"]
    values = list(_cells(workbook).values())
    assert values[0] == "项目支出绩效自评表"
    for label in ("项目名称", "主管部门", "实施单位", "项目资金（万元）", "年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金", "总分"):
        assert label in values, label
    assert sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    options = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    assert len(options) == 2 and "达成年度指标" in options[0].formula1  # the two qualitative indicators
    formulas = [v for v in values if isinstance(v, str) and v.startswith("=")]
    assert any("SUM(" in f for f in formulas) and any("MIN(" in f for f in formulas)


def test_the_form_reads_back_to_the_same_scorecard_and_funds(workbook: Path) -> None:
    back = read_scorecard_xlsx(workbook)
    assert back.kind == "项目支出"
    again = score(back, RULES)
    assert again.model_dump(exclude={"file"}) == card().model_dump(exclude={"file"})
    assert figures(back)["funds"] == figures(example())["funds"]
    assert figures(back)["project"][:3] == figures(example())["project"][:3]
    assert back.sources["project.funds[0].adjusted"].sheet == "自评表"

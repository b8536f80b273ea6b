"""The 自评表 as LibreOffice sees it: converted headless to PDF it shows the table with its formulas computed,
and saved again by LibreOffice (formulas now with cached values) it still reads back the same."""

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from jixiao.io.xlsx_reader import read_scorecard_xlsx
from jixiao.render.xlsx import write_scorecard_xlsx
from jixiao.tools import libreoffice
from tests.test_xlsx_scorecard import compared, hand_evaluation, hand_scorecard


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ev = hand_evaluation()
    return write_scorecard_xlsx(ev, hand_scorecard(ev), tmp_path_factory.mktemp("xlsx") / "自评表.xlsx")


@pytest.fixture(scope="module")
def pdf_text(form: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, tuple[float, float], str]:
    pdf = libreoffice.convert(form, "pdf", tmp_path_factory.mktemp("pdf"))
    document = pdfium.PdfDocument(pdf)
    try:
        text = "\n".join(page.get_textpage().get_text_range() for page in document)
        return len(document), document[0].get_size(), text
    finally:
        document.close()


def test_libreoffice_prints_the_form_on_one_landscape_a4_page(
    pdf_text: tuple[int, tuple[float, float], str],
) -> None:
    pages, (width, height), _ = pdf_text
    assert pages == 1
    assert (round(width), round(height)) == (842, 595)  # A4 landscape in points


def test_the_pdf_shows_the_tables_chinese_headings(pdf_text: tuple[int, tuple[float, float], str]) -> None:
    text = pdf_text[2]
    for heading in (
        "部门整体支出绩效自评表",
        "部门（单位）名称",
        "一、预算执行情况（单位：万元）",
        "年初预算数",
        "全年预算数（A）",
        "全年执行数（B）",
        "执行率",
        "二、年度总体目标",
        "预期目标",
        "实际完成情况",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "偏差原因分析及改进措施",
        "总分",
        "自评等级",
    ):
        assert heading in text, heading


def test_the_pdf_shows_the_figures_and_the_formulas_computed_by_libreoffice(
    pdf_text: tuple[int, tuple[float, float], str],
) -> None:
    text = pdf_text[2]
    assert "年度资金总额 120.00 145.00 125.00 10.00 86.21% 8.62" in text  # 执行率 and its score: formulas
    assert "网络安全培训人次 20.00 19.20" in text
    assert "总分 100.00 87.82" in text  # Σ 分值 and Σ 得分: formulas
    assert "≥500人次" in text and "部分达成年度指标并具有一定" in text


def test_a_form_saved_again_by_libreoffice_reads_back_the_same(form: Path, tmp_path: Path) -> None:
    resaved = libreoffice.convert(form, "xlsx:Calc MS Excel 2007 XML", tmp_path)
    assert compared(read_scorecard_xlsx(resaved)) == compared(hand_evaluation())

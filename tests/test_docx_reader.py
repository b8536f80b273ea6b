"""The docx reader: body paragraphs and table rows in document order, one line each, numbered from 1."""

import copy
import io
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from jixiao.io.docx_reader import read_docx
from jixiao.io.readers import read_document


def _save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def report() -> bytes:
    """A short report: paragraphs, an empty paragraph, a table with merged and multi-paragraph cells."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "页眉：某某单位"
    document.sections[0].footer.paragraphs[0].text = "页脚：第 1 页"
    document.add_paragraph("2023年度某某县财政局部门整体支出绩效自评报告")
    document.add_paragraph("一、部门基本情况")
    document.add_paragraph("")
    document.add_paragraph("本部门2023年预算执行率为98.5%。")

    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    for column, text in enumerate(["项目", "年初预算数", "执行数"]):
        table.cell(0, column).text = text
    table.cell(1, 0).text = "基本支出"
    table.cell(1, 1).text = "100.00"
    table.cell(1, 2).text = "98.00"
    table.cell(2, 0).text = "项目支出"
    table.cell(2, 1).text = "50.00"
    note = table.cell(2, 2)
    note.text = "45.00"
    note.add_paragraph("（含追加）")
    merged = table.cell(3, 0).merge(table.cell(3, 1))
    merged.text = "合计"
    table.cell(3, 2).text = "143.00"

    document.add_paragraph("二、绩效目标完成情况")
    inner_host = document.add_table(rows=1, cols=2)
    inner_host.cell(0, 0).text = "指标"
    nested = inner_host.cell(0, 1).add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "数量指标"
    nested.cell(0, 1).text = "完成"
    paragraph = document.add_paragraph("三、存在的问题")
    paragraph.add_run().add_break()
    paragraph.add_run("资金支付进度偏慢。")
    return _save(document)


@pytest.fixture(scope="module")
def texts(report: bytes) -> list[str]:
    return [line.text for line in read_docx("报告.docx", report).lines]


def test_it_reads_paragraphs_and_tables_in_document_order(texts: list[str]) -> None:
    assert texts == [
        "2023年度某某县财政局部门整体支出绩效自评报告",
        "一、部门基本情况",
        "",
        "本部门2023年预算执行率为98.5%。",
        "项目 | 年初预算数 | 执行数",
        "基本支出 | 100.00 | 98.00",
        "项目支出 | 50.00 | 45.00 （含追加）",
        "合计 | 143.00",
        "二、绩效目标完成情况",
        "指标 | 数量指标 完成",
        "三、存在的问题 资金支付进度偏慢。",
    ]


def test_it_numbers_lines_from_one_without_gaps(report: bytes) -> None:
    document = read_docx("报告.docx", report)
    assert document.kind == "docx"
    assert document.path == "报告.docx"
    assert [line.no for line in document.lines] == list(range(1, len(document.lines) + 1))
    assert all(line.page is None for line in document.lines)


def test_it_reads_table_rows_as_cells_joined_by_bars(texts: list[str]) -> None:
    assert "项目 | 年初预算数 | 执行数" in texts
    assert "基本支出 | 100.00 | 98.00" in texts


def test_it_gives_a_horizontally_merged_cell_once(texts: list[str]) -> None:
    assert "合计 | 143.00" in texts
    assert not any("合计 | 合计" in text for text in texts)


def test_it_joins_the_paragraphs_of_a_cell_with_a_space(texts: list[str]) -> None:
    assert "项目支出 | 50.00 | 45.00 （含追加）" in texts


def test_it_flattens_a_nested_table_into_its_cell(texts: list[str]) -> None:
    assert "指标 | 数量指标 完成" in texts


def test_it_keeps_an_empty_paragraph_as_an_empty_line(report: bytes) -> None:
    lines = read_docx("报告.docx", report).lines
    assert lines[2].text == ""
    assert lines[3].no == 4
    assert lines[3].text.startswith("本部门")


def test_it_keeps_a_soft_line_break_inside_its_paragraph_line(texts: list[str]) -> None:
    assert texts[-1] == "三、存在的问题 资金支付进度偏慢。"


def test_it_leaves_out_headers_and_footers(texts: list[str]) -> None:
    assert not any("页眉" in text or "页脚" in text for text in texts)


def test_a_vertically_merged_cell_leaves_its_lower_part_empty() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "一般公共预算"
    table.cell(0, 1).text = "80.00"
    table.cell(1, 1).text = "20.00"
    texts = [line.text for line in read_docx("v.docx", _save(document)).lines]
    assert texts == ["一般公共预算 | 80.00", " | 20.00"]


def test_it_reads_paragraphs_inside_a_content_control() -> None:
    document = docx.Document()
    document.add_paragraph("前言")
    wrapped = document.add_paragraph("目录：一、部门基本情况")
    document.add_paragraph("正文")
    # Wrap the middle paragraph in <w:sdt><w:sdtContent>, as Word does for a table of contents.
    sdt = wrapped._p.makeelement(qn("w:sdt"), {})
    content = sdt.makeelement(qn("w:sdtContent"), {})
    sdt.append(content)
    wrapped._p.addprevious(sdt)
    content.append(wrapped._p)
    texts = [line.text for line in read_docx("sdt.docx", _save(document)).lines]
    assert texts == ["前言", "目录：一、部门基本情况", "正文"]


def test_it_leaves_out_text_deleted_in_tracked_changes() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("预算执行率为")
    kept = paragraph.add_run("98%")
    # <w:del><w:r><w:delText>95%</w:delText></w:r></w:del> before the kept run
    deleted = kept._r.makeelement(qn("w:del"), {qn("w:id"): "1", qn("w:author"): "审核人"})
    run = copy.deepcopy(kept._r)
    for text in run.findall(qn("w:t")):
        run.remove(text)
    del_text = run.makeelement(qn("w:delText"), {})
    del_text.text = "95%"
    run.append(del_text)
    deleted.append(run)
    kept._r.addprevious(deleted)
    texts = [line.text for line in read_docx("del.docx", _save(document)).lines]
    assert texts == ["预算执行率为98%"]


def test_read_document_dispatches_a_docx_file_to_the_docx_reader(tmp_path: Path, report: bytes) -> None:
    path = tmp_path / "自评报告.docx"
    path.write_bytes(report)
    document = read_document(path)
    assert document.kind == "docx"
    assert document.path == str(path)
    assert document.lines[0].text == "2023年度某某县财政局部门整体支出绩效自评报告"

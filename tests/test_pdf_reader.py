"""The pdf reader and the LibreOffice helper, on PDFs that LibreOffice makes from docx files built here.

Rebuilt table rows are also checked on variants of the same page made with pdfium: text turned a quarter
turn, borders drawn as thin filled rectangles, the page placed inside a form XObject.
"""

import io
import os
import threading
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from jixiao.core.errors import InputError
from jixiao.io.pdf_reader import MSG_NO_TEXT, _CharBoxes, read_pdf, read_pdf_tables
from jixiao.io.readers import read_document
from jixiao.tools import libreoffice

WRAPPED = "这是一段很长很长的绩效说明文字，需要在单元格里换行显示才能放得下，因此会占用多行"


def _report_docx(path: Path) -> Path:
    """Page 1: text and a ruled table (merged cell, wrapped cell); page 2: text and an unruled table."""
    document = docx.Document()
    document.add_paragraph("2023年度某某县财政局部门整体支出绩效自评报告")
    document.add_paragraph("一、部门基本情况")
    document.add_paragraph("本部门2023年预算执行率为98.5%。")
    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    for column, text in enumerate(["项目", "年初预算数", "执行数"]):
        table.cell(0, column).text = text
    for column, text in enumerate(["基本支出", "100.00", "98.00"]):
        table.cell(1, column).text = text
    for column, text in enumerate(["项目支出", WRAPPED, "45.00"]):
        table.cell(2, column).text = text
    table.cell(3, 0).merge(table.cell(3, 1)).text = "合计"
    table.cell(3, 2).text = "143.00"
    document.add_paragraph("说明：以上数据单位为万元。")
    document.add_page_break()
    document.add_paragraph("二、绩效目标完成情况")
    plain = document.add_table(rows=3, cols=3)  # the default style draws no borders
    for row, texts in enumerate(
        [["指标", "目标值", "实际值"], ["培训人次", "500", "520"], ["满意度", "90%", "95%"]]
    ):
        for column, text in enumerate(texts):
            plain.cell(row, column).text = text
    document.add_paragraph("三、存在的问题")
    document.save(path)
    return path


@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdf")


@pytest.fixture(scope="module")
def report_pdf(pdf_dir: Path) -> bytes:
    source = _report_docx(pdf_dir / "report.docx")
    return libreoffice.convert(source, "pdf", pdf_dir / "out").read_bytes()


@pytest.fixture(scope="module")
def two_page_pdf(pdf_dir: Path) -> bytes:
    document = docx.Document()
    document.add_paragraph("第一页：部门基本情况")
    document.add_page_break()
    document.add_paragraph("第二页：绩效自评结论")
    source = pdf_dir / "two_pages.docx"
    document.save(source)
    return libreoffice.convert(source, "pdf", pdf_dir / "out").read_bytes()


def _save(pdf: pdfium.PdfDocument) -> bytes:
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def _first_page_tables(data: bytes) -> list[list[str]]:
    return read_pdf_tables("t.pdf", data)[0]


# --- plain text ------------------------------------------------------------------------------------------


def test_it_reads_the_chinese_text_with_page_numbers(report_pdf: bytes) -> None:
    document = read_pdf("报告.pdf", report_pdf)
    assert document.kind == "pdf"
    pages = {line.text: line.page for line in document.lines}
    # LibreOffice spaces CJK apart from digits and Latin letters, and pdfium reports that gap as a space
    assert pages["2023 年度某某县财政局部门整体支出绩效自评报告"] == 1
    assert pages["一、部门基本情况"] == 1
    assert pages["二、绩效目标完成情况"] == 2
    assert pages["三、存在的问题"] == 2
    assert "本部门 2023 年预算执行率为 98.5%。" in pages


def test_line_numbers_run_on_across_pages(report_pdf: bytes) -> None:
    lines = read_pdf("报告.pdf", report_pdf).lines
    assert [line.no for line in lines] == list(range(1, len(lines) + 1))
    assert [line.page for line in lines] == sorted(line.page for line in lines)
    assert {line.page for line in lines} == {1, 2}


def test_a_two_page_pdf_gives_pages_one_and_two(two_page_pdf: bytes) -> None:
    lines = read_pdf("two.pdf", two_page_pdf).lines
    assert [(line.no, line.text, line.page) for line in lines] == [
        (1, "第一页：部门基本情况", 1),
        (2, "第二页：绩效自评结论", 2),
    ]


def test_no_line_keeps_a_carriage_return_or_newline(report_pdf: bytes) -> None:
    assert not any("\r" in line.text or "\n" in line.text for line in read_pdf("r.pdf", report_pdf).lines)


def test_read_document_dispatches_a_pdf_file_to_the_pdf_reader(tmp_path: Path, two_page_pdf: bytes) -> None:
    path = tmp_path / "报告.pdf"
    path.write_bytes(two_page_pdf)
    document = read_document(path)
    assert document.kind == "pdf"
    assert document.lines[1].page == 2


def test_a_pdf_without_any_text_is_refused_as_a_scan() -> None:
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    data = _save(pdf)
    with pytest.raises(InputError) as caught:
        read_pdf("scan.pdf", data)
    assert caught.value.message == MSG_NO_TEXT
    with pytest.raises(InputError):
        read_pdf_tables("scan.pdf", data)


# --- rebuilt table rows ----------------------------------------------------------------------------------


def test_it_rebuilds_the_rows_of_a_ruled_table_as_cells(report_pdf: bytes) -> None:
    rows = _first_page_tables(report_pdf)
    assert ["项目", "年初预算数", "执行数"] in rows
    assert ["基本支出", "100.00", "98.00"] in rows


def test_it_rejoins_a_wrapped_cell_into_one_cell(report_pdf: bytes) -> None:
    rows = _first_page_tables(report_pdf)
    assert ["项目支出", WRAPPED, "45.00"] in rows


def test_it_gives_a_merged_grid_cell_once(report_pdf: bytes) -> None:
    assert ["合计", "143.00"] in _first_page_tables(report_pdf)


def test_ordinary_lines_are_one_cell_rows_in_page_order(report_pdf: bytes) -> None:
    rows = _first_page_tables(report_pdf)
    assert rows[0] == ["2023 年度某某县财政局部门整体支出绩效自评报告"]
    assert rows[1] == ["一、部门基本情况"]
    assert rows[-1] == ["说明：以上数据单位为万元。"]
    assert rows.index(["项目", "年初预算数", "执行数"]) < rows.index(["合计", "143.00"])


def test_it_splits_an_unruled_table_at_wide_gaps(report_pdf: bytes) -> None:
    page_two = read_pdf_tables("r.pdf", report_pdf)[1]
    assert page_two == [
        ["二、绩效目标完成情况"],
        ["指标", "目标值", "实际值"],
        ["培训人次", "500", "520"],
        ["满意度", "90%", "95%"],
        ["三、存在的问题"],
    ]


def test_read_pdf_with_tables_joins_table_cells_with_bars(report_pdf: bytes) -> None:
    texts = [line.text for line in read_pdf("r.pdf", report_pdf, tables=True).lines]
    assert "项目 | 年初预算数 | 执行数" in texts
    assert f"项目支出 | {WRAPPED} | 45.00" in texts
    assert "合计 | 143.00" in texts
    assert "培训人次 | 500 | 520" in texts
    assert "一、部门基本情况" in texts


def test_read_pdf_with_tables_keeps_plain_text_on_pages_without_a_table(two_page_pdf: bytes) -> None:
    plain = read_pdf("two.pdf", two_page_pdf)
    rebuilt = read_pdf("two.pdf", two_page_pdf, tables=True)
    assert rebuilt.lines == plain.lines


def _turned(data: bytes, ccw: bool, shift: tuple[float, float]) -> bytes:
    pdf = pdfium.PdfDocument(data)
    page = pdf[0]
    for obj in list(page.get_objects()):
        obj.transform(pdfium.PdfMatrix().rotate(90, ccw=ccw).translate(*shift))
    page.gen_content()
    return _save(pdf)


@pytest.mark.parametrize(("ccw", "shift"), [(True, (800.0, 0.0)), (False, (-300.0, 842.0))])
def test_it_finds_the_rows_of_text_turned_a_quarter(
    report_pdf: bytes, ccw: bool, shift: tuple[float, float]
) -> None:
    upright = _first_page_tables(report_pdf)
    assert _first_page_tables(_turned(report_pdf, ccw, shift)) == upright


def test_it_finds_borders_drawn_as_thin_filled_rectangles(report_pdf: bytes) -> None:
    pdf = pdfium.PdfDocument(report_pdf)
    page = pdf[0]
    boxes = []
    for obj in list(page.get_objects()):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            boxes.append(obj.get_bounds())
            page.remove_obj(obj)
    assert len(boxes) > 4
    # All borders in one filled path of rectangles, as some PDF writers draw them.
    path = pdfium_c.FPDFPageObj_CreateNewPath(boxes[0][0], boxes[0][1])
    for left, bottom, right, top in boxes:
        pdfium_c.FPDFPath_MoveTo(path, left, bottom)
        pdfium_c.FPDFPath_LineTo(path, right, bottom)
        pdfium_c.FPDFPath_LineTo(path, right, top)
        pdfium_c.FPDFPath_LineTo(path, left, top)
        pdfium_c.FPDFPath_Close(path)
    pdfium_c.FPDFPath_SetDrawMode(path, pdfium_c.FPDF_FILLMODE_WINDING, False)
    pdfium_c.FPDFPage_InsertObject(page, path)
    page.gen_content()
    rows = _first_page_tables(_save(pdf))
    assert ["项目支出", WRAPPED, "45.00"] in rows
    assert ["合计", "143.00"] in rows


def test_it_finds_borders_inside_a_scaled_form_xobject(report_pdf: bytes) -> None:
    source = pdfium.PdfDocument(report_pdf)
    target = pdfium.PdfDocument.new()
    form = source.page_as_xobject(0, target).as_pageobject()
    form.transform(pdfium.PdfMatrix().scale(0.7, 0.7).translate(100, 50))
    page = target.new_page(595, 842)
    page.insert_obj(form)
    page.gen_content()
    rows = _first_page_tables(_save(target))
    assert ["项目支出", WRAPPED, "45.00"] in rows


# --- glyphs drawn out of reading order ------------------------------------------------------------------


class _DrawnBoxes(_CharBoxes):
    """Character boxes as a page draws them, given per character: no PDF needed to test the reordering."""

    def __init__(self, boxes: list[tuple[float, float, float, float] | None], made_up: set[int]) -> None:
        self.boxes = boxes  # (left, right, bottom, top) per character of the text; None for a space
        self.made_up = made_up

    def box(self, index: int) -> tuple[float, float, float, float]:
        box = self.boxes[index]
        assert box is not None, f"no box asked for a space ({index})"
        return box

    def generated(self, index: int) -> bool:
        return index in self.made_up


def _cell(x: float, y: float = 0.0, width: float = 10.0) -> tuple[float, float, float, float]:
    return (x, x + width, y, y + 10.0)


def test_a_quote_drawn_after_the_line_is_put_back_where_it_stands() -> None:
    text = "等级为 优 。“ ”"  # pdfium's order: the quotes come last, with made-up spaces at the jumps
    boxes = [
        _cell(0),
        _cell(10),
        _cell(20),
        None,
        _cell(34),
        None,
        _cell(48),
        _cell(31, 5, 3),
        None,
        _cell(44.5, 5, 3),
    ]
    drawn = _DrawnBoxes(boxes, made_up={3, 5, 8})
    assert drawn.steps_back(text, 3, 0, len(text)) is False  # 为 → 优 runs on to the right
    assert drawn.steps_back(text, 8, 0, len(text)) is True  # 。 → “ steps back left
    assert drawn.in_order(text, 0, len(text)) == "等级为“优”。"


def test_a_typed_space_stays_after_its_character_wherever_pdfium_puts_its_box() -> None:
    text = "ab cd “"
    boxes = [
        _cell(0, width=5),
        _cell(5, width=5),
        None,
        _cell(20, width=5),
        _cell(25, width=5),
        None,
        _cell(16.5, 5, 3),
    ]
    drawn = _DrawnBoxes(boxes, made_up={5})
    assert drawn.in_order(text, 0, len(text)) == "ab “cd"


def test_a_line_holding_two_printed_lines_is_left_as_drawn() -> None:
    text = "上一行 下行"
    boxes = [_cell(0), _cell(10), _cell(20), None, _cell(5, y=-30), _cell(15, y=-30)]
    drawn = _DrawnBoxes(boxes, made_up={3})
    assert drawn.in_order(text, 0, len(text)) == text


def test_latin_words_put_back_in_order_keep_the_gap_between_them() -> None:
    text = "NET ABC"  # drawn second word first
    boxes = [
        _cell(40, width=5),
        _cell(45, width=5),
        _cell(50, width=5),
        None,
        _cell(0, width=5),
        _cell(5, width=5),
        _cell(10, width=5),
    ]
    drawn = _DrawnBoxes(boxes, made_up={3})
    assert drawn.in_order(text, 0, len(text)) == "ABC NET"


def test_cjk_words_put_back_in_order_keep_the_gap_between_them_but_not_beside_a_quote() -> None:
    # a table's cells run together on one line: "影响 效果 “好”", drawn with the quotes last
    text = "影响 效果 “ ”好"
    boxes = [
        _cell(0),
        _cell(11),
        None,
        _cell(25),
        _cell(36),
        None,
        _cell(48.9, 5, 4),  # “ 2.9 after 果: less than the gap between words
        None,
        _cell(64, 5, 4),
        _cell(53),
    ]
    drawn = _DrawnBoxes(boxes, made_up={2, 5, 7})
    assert drawn.in_order(text, 0, len(text)) == "影响 效果“好”"


# --- the LibreOffice helper ------------------------------------------------------------------------------


def test_convert_runs_conversions_in_parallel_with_separate_profiles(tmp_path: Path) -> None:
    sources = []
    for i in range(2):
        document = docx.Document()
        document.add_paragraph(f"并行转换第{'一二'[i]}份")
        sources.append(tmp_path / f"parallel{i}.docx")
        document.save(sources[-1])
    results: dict[int, Path | BaseException] = {}

    def run(i: int) -> None:
        try:
            results[i] = libreoffice.convert(sources[i], "pdf", tmp_path / f"out{i}")
        except BaseException as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for i in range(2):
        output = results[i]
        assert isinstance(output, Path), output
        assert read_pdf(output.name, output.read_bytes()).lines[0].text == f"并行转换第{'一二'[i]}份"


def test_convert_reports_a_missing_source_file(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="no such file"):
        libreoffice.convert(tmp_path / "missing.docx", "pdf", tmp_path)


def test_convert_all_refuses_two_sources_of_one_name(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text("文字", encoding="utf-8")
    with pytest.raises(RuntimeError, match="two files of one name"):
        libreoffice.convert_all(
            [tmp_path / "a" / "report.txt", tmp_path / "b" / "report.txt"], "pdf", tmp_path
        )


def test_convert_all_names_the_file_it_could_not_convert_and_keeps_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("一份能转换的文字", encoding="utf-8")
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip at all")
    with pytest.raises(RuntimeError, match="did not convert") as raised:
        libreoffice.convert_all([good, bad], "pdf", tmp_path / "out")
    named = str(raised.value).split("(exit code")[0]  # what follows is LibreOffice's own output
    assert "bad.docx" in named and "good.txt" not in named
    written = tmp_path / "out" / "good.pdf"
    assert read_pdf(written.name, written.read_bytes()).lines[0].text == "一份能转换的文字"


def test_convert_reports_that_libreoffice_is_not_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "a.txt"
    source.write_text("文字", encoding="utf-8")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(RuntimeError, match="LibreOffice not found"):
        libreoffice.convert(source, "pdf", tmp_path)


def test_convert_gives_up_after_its_timeout(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("文字", encoding="utf-8")
    with pytest.raises(RuntimeError, match="timed out"):
        libreoffice.convert(source, "pdf", tmp_path, timeout=0.05)
    assert not (tmp_path / "a.pdf").exists()


@pytest.mark.skipif(os.name != "posix", reason="process groups are POSIX")
def test_convert_leaves_no_soffice_process_behind_after_a_timeout(tmp_path: Path) -> None:
    source = tmp_path / "b.txt"
    source.write_text("文字", encoding="utf-8")
    with pytest.raises(RuntimeError):
        libreoffice.convert(source, "pdf", tmp_path / "out", timeout=0.5)
    # Every process of the killed group had the throw-away profile on its command line.
    leftovers = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmdline = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            if b"jixiao-lo-profile-" in cmdline and str(tmp_path).encode() in cmdline:
                leftovers.append(proc.name)
    assert leftovers == []

"""Scanned PDFs: pages without a text layer are read by OCR, and every value read from them says so.

The scans are our own example: rendered to PDF by jixiao, the pages that state its key figures rasterised by
poppler's pdftoppm at 150 dpi in grey, as an office scanner would, and wrapped back into an image-only PDF
with Pillow. OCR costs seconds a page, so the pages are chosen by what they state, and the scanned example
is imported once per module. Without an OCR engine (the package made unimportable) the text pages still
import and the scanned ones are named once per file; a PDF of scans alone cannot be read (exit 3).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from typer.testing import CliRunner

from jixiao.checks import run_checks
from jixiao.checks.output import text_lines
from jixiao.cli import app
from jixiao.core.errors import InputError
from jixiao.core.model import Evaluation
from jixiao.io import canonical, ocr
from jixiao.io.document import SourceDocument
from jixiao.io.load import import_document, load_report
from jixiao.io.pdf_reader import MSG_NEEDS_OCR, MSG_OCR_FOUND_NOTHING, read_pdf
from jixiao.render.draft import draft
from jixiao.render.pdf import render_pdf
from jixiao.scoring.engine import score
from jixiao.scoring.rulebook import load_rulebook
from tests import support

EXAMPLE = support.ROOT / "examples" / "qingshan_nongye_2024.txt"
# what the pages to scan state, one phrase per page: the cover, staffing, income and spending, the budget, the grade
KEY_PAGES = ("部门（单位）名称", "核定人员编制", "收入合计", "年初预算数", "自评等级")

runner = CliRunner()


# --- making scans ---------------------------------------------------------------------------------------


def _page_texts(pdf: Path) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [document[i].get_textpage().get_text_bounded().replace("\r\n", "") for i in range(len(document))]
    finally:
        document.close()


def _pages_stating(pdf: Path, phrases: tuple[str, ...]) -> list[int]:
    """The first page (1-based) on which each phrase is printed, in page order."""
    texts = _page_texts(pdf)
    return sorted({next(n for n, text in enumerate(texts, start=1) if phrase in text) for phrase in phrases})


def _scanned(pdf: Path, pages: list[int], folder: Path) -> bytes:
    """Those pages as a scanner gives them: pdftoppm at 150 dpi in grey, wrapped into a PDF of images only."""
    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) is needed: run scripts/setup-system.sh"
    images = []
    for page in pages:
        prefix = folder / f"scan-{page}"
        subprocess.run(
            ["pdftoppm", "-gray", "-png", "-r", "150", "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
             str(prefix)],
            check=True,
        )
        images.append(Image.open(f"{prefix}.png"))
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=150)
    return buffer.getvalue()


def _joined(*parts: tuple[bytes, int]) -> bytes:
    """One PDF of the given (pdf, 1-based page) pages, in order."""
    joined = pdfium.PdfDocument.new()
    for data, page in parts:
        source = pdfium.PdfDocument(data)
        joined.import_pages(source, [page - 1])
        source.close()
    buffer = io.BytesIO()
    joined.save(buffer)
    joined.close()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ev = load_report(EXAMPLE)
    folder = tmp_path_factory.mktemp("ocr")
    return render_pdf(draft(ev, score(ev, load_rulebook("hunan-2023"))), None, folder / "example.pdf")


@pytest.fixture(scope="module")
def scanned_example(example_pdf: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scan")
    pages = _pages_stating(example_pdf, KEY_PAGES)
    assert len(pages) == len(KEY_PAGES), f"the rendered example states two key figures on one page: {pages}"
    path = folder / "扫描件.pdf"
    path.write_bytes(_scanned(example_pdf, pages, folder))
    return path


@pytest.fixture(scope="module")
def scanned_import(scanned_example: Path) -> Evaluation:
    return load_report(scanned_example)


@pytest.fixture(scope="module")
def mixed_pdf(example_pdf: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Page 1 the staffing page as text, page 2 the income and spending page as a scan."""
    staffing, income = (_pages_stating(example_pdf, (phrase,))[0] for phrase in ("核定人员编制", "收入合计"))
    assert staffing != income
    folder = tmp_path_factory.mktemp("mixed")
    scan = _scanned(example_pdf, [income], folder)
    path = folder / "混合.pdf"
    path.write_bytes(_joined((example_pdf.read_bytes(), staffing), (scan, 1)))
    return path


@pytest.fixture
def without_ocr(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """No OCR engine: its package cannot be imported, as on a machine that never installed it."""
    monkeypatch.setitem(sys.modules, "rapidocr", None)
    ocr.engine.cache_clear()
    yield
    monkeypatch.undo()
    ocr.engine.cache_clear()


# --- a scanned report -----------------------------------------------------------------------------------


def test_the_scan_has_no_text_layer_left(scanned_example: Path) -> None:
    assert not any(text.strip() for text in _page_texts(scanned_example))


def test_a_scanned_example_gives_its_key_figures(scanned_import: Evaluation) -> None:
    ev = scanned_import
    assert ev.unit.name == "青山县农业农村局"
    assert ev.fiscal_year == 2024
    assert (ev.staffing.authorized_total, ev.staffing.actual_total) == (38, 35)
    assert (ev.budget.initial, ev.budget.adjusted) == (Decimal("1598.40"), Decimal("1812.60"))
    assert ev.budget.income.total == Decimal("1784.88")
    expenditure = ev.budget.expenditure
    assert (expenditure.total, expenditure.basic, expenditure.project) == (
        Decimal("1762.15"), Decimal("986.42"), Decimal("775.73")
    )
    assert ev.self_assessment.grade == "优"
    assert ev.self_assessment.score == Decimal("99.39")


def test_every_value_of_the_scan_is_noted_as_read_by_ocr(scanned_import: Evaluation) -> None:
    sources = scanned_import.sources
    for path in ("unit.name", "fiscal_year", "staffing.authorized_total", "budget.income.total",
                 "budget.expenditure.total", "self_assessment.grade"):
        assert sources[path].ocr == ocr.ENGINE_NAME, path
    assert all(source.ocr == ocr.ENGINE_NAME for source in sources.values())
    assert scanned_import.outline.ocr_pages == [1, 2, 3, 4, 5]
    assert sources["self_assessment.grade"].page == 5


def test_the_ocr_note_is_kept_in_canonical_yaml_and_json(scanned_import: Evaluation) -> None:
    yaml = canonical.dumps_yaml(scanned_import)
    assert f"ocr: {ocr.ENGINE_NAME}" in yaml
    assert canonical.loads_yaml(yaml) == scanned_import
    json_text = canonical.dumps_json(scanned_import)
    assert canonical.loads_json(json_text).sources["budget.income.total"].ocr == ocr.ENGINE_NAME


def test_check_says_once_which_pages_were_read_by_ocr(scanned_import: Evaluation) -> None:
    report = run_checks(scanned_import)
    [note] = support.findings_of(report, "pages-read-by-ocr")
    assert note.severity == "info"
    assert "第1–5页没有文字层（扫描件）" in note.message and ocr.ENGINE_NAME in note.message
    assert note.evidence["pages"] == "1–5"
    assert not support.findings_of(report, "pages-not-read")


def test_a_finding_on_a_scanned_figure_says_it_was_read_by_ocr(scanned_import: Evaluation) -> None:
    report = run_checks(scanned_import)
    on_scans = [f for f in report.findings if f.location.ocr and f.severity != "info"]
    assert on_scans, "the five pages alone leave sections missing: some finding quotes a scanned line"
    assert all("OCR 从扫描页识别" in f.message for f in on_scans)
    lines = [line for line, _ in text_lines("扫描件.pdf", scanned_import, report)]
    assert any("页，OCR 识别）" in line for line in lines)


# --- text and scanned pages in one file -----------------------------------------------------------------


@pytest.fixture(scope="module")
def mixed_document(mixed_pdf: Path) -> SourceDocument:
    return read_pdf(mixed_pdf.name, mixed_pdf.read_bytes())


def test_only_the_page_without_a_text_layer_is_read_by_ocr(mixed_document: SourceDocument) -> None:
    lines = mixed_document.lines
    assert {line.page for line in lines if line.ocr} == {2}
    assert {line.page for line in lines if not line.ocr} == {1}
    assert (mixed_document.ocr_pages, mixed_document.unread_pages) == ([2], [])


def test_a_pdf_of_a_text_page_and_a_scanned_page_reads_both(mixed_document: SourceDocument) -> None:
    ev = import_document(mixed_document)
    assert ev.staffing.authorized_total == 38
    assert ev.sources["staffing.authorized_total"].ocr is None
    assert ev.sources["staffing.authorized_total"].page == 1
    assert ev.budget.income.total == Decimal("1784.88")
    assert ev.sources["budget.income.total"].ocr == ocr.ENGINE_NAME
    assert ev.sources["budget.income.total"].page == 2
    assert (ev.outline.ocr_pages, ev.outline.unread_pages) == ([2], [])


# --- no OCR engine --------------------------------------------------------------------------------------


@pytest.mark.usefixtures("without_ocr")
def test_without_ocr_the_text_pages_import_and_the_scan_is_named_unread(mixed_pdf: Path) -> None:
    assert ocr.engine() is None
    ev = load_report(mixed_pdf)
    assert ev.staffing.authorized_total == 38
    assert ev.budget.income.total is None
    assert (ev.outline.ocr_pages, ev.outline.unread_pages) == ([], [2])
    [finding] = support.findings_of(run_checks(ev), "pages-not-read")
    assert finding.severity == "warning"
    assert "第2页没有文字层（扫描件），本机未安装文字识别（OCR）引擎" in finding.message
    assert ocr.INSTALL_HINT in finding.message


@pytest.mark.usefixtures("without_ocr")
def test_without_ocr_import_says_so_once_per_file(mixed_pdf: Path) -> None:
    result = runner.invoke(app, ["import", str(mixed_pdf), str(mixed_pdf), "--format", "json"])
    assert result.exit_code == 0
    assert result.stderr.count("本机未安装文字识别（OCR）引擎") == 2  # two files, one note each
    assert result.stderr.count("第2页没有文字层") == 2


@pytest.mark.usefixtures("without_ocr")
def test_without_ocr_check_gives_one_finding_and_no_second_note(mixed_pdf: Path) -> None:
    result = runner.invoke(app, ["check", str(mixed_pdf)])
    assert result.stdout.count("pages-not-read") == 1
    assert "本机未安装文字识别（OCR）引擎" not in result.stderr


@pytest.mark.usefixtures("without_ocr")
def test_without_ocr_a_pdf_of_scans_alone_cannot_be_read(scanned_example: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_report(scanned_example)
    assert caught.value.message == MSG_NEEDS_OCR
    result = runner.invoke(app, ["import", str(scanned_example)])
    assert result.exit_code == 3
    assert "需要文字识别（OCR）" in result.stderr and ocr.INSTALL_HINT in result.stderr
    assert result.stdout == ""


# --- the pieces -----------------------------------------------------------------------------------------

_OFFLINE = """
import sys

def refuse(event, args):
    if event.startswith("socket.") or event == "urllib.Request":
        raise RuntimeError(f"the OCR engine reached for the network: {event} {args}")

sys.addaudithook(refuse)
import pypdfium2 as pdfium
from PIL import Image
from jixiao.io import ocr

engine = ocr.engine()
assert engine is not None, "no OCR engine"
pdf = pdfium.PdfDocument.new()
page = pdf.new_page(595, 842)
image = pdfium.PdfImage.new(pdf)
image.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("L", (100, 100), 255)))
image.set_matrix(pdfium.PdfMatrix().scale(500, 500))
page.insert_obj(image)
page.gen_content()
print(engine.read(page))
"""


def test_the_ocr_engine_loads_its_models_and_reads_without_the_network() -> None:
    done = subprocess.run([sys.executable, "-c", _OFFLINE], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"  # a blank page: nothing read, nothing fetched


def _page_with(draw: str) -> pdfium.PdfPage:
    """A page of a new PDF holding nothing, or an image over half of it."""
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    if draw == "image":
        image = pdfium.PdfImage.new(pdf)
        image.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("L", (100, 100), 255)))
        image.set_matrix(pdfium.PdfMatrix().scale(500, 500))
        page.insert_obj(image)
        page.gen_content()
    return page


def test_a_scan_of_a_blank_sheet_is_refused_as_unreadable() -> None:
    page = _page_with("image")
    buffer = io.BytesIO()
    page.pdf.save(buffer)
    with pytest.raises(InputError) as caught:
        read_pdf("空白扫描.pdf", buffer.getvalue())
    assert caught.value.message == MSG_OCR_FOUND_NOTHING


def test_a_blank_page_is_not_a_scan() -> None:
    assert not ocr.is_scanned(_page_with("nothing"), "")


def test_a_page_covered_by_an_image_without_text_is_a_scan() -> None:
    page = _page_with("image")
    assert ocr.is_scanned(page, "")
    assert ocr.is_scanned(page, "— 3 —")  # a page number stamped on a scan is almost no text
    assert not ocr.is_scanned(page, "这一页有文字层：一张插图配有一段足够长的说明文字。")


def test_boxes_side_by_side_are_one_line_and_a_wide_gap_is_a_space() -> None:
    box = ocr._Box
    lines = ocr._lines([
        box("其中行", 500, 560, 100, 120),  # a line the engine found in two pieces, close together
        box("截至2024年12月31日，核定编制38人，", 100, 495, 101, 121),
        box("合计", 100, 140, 200, 220),  # a table row: its cells far apart
        box("1721.36", 400, 470, 202, 222),
    ])
    assert lines == ["截至2024年12月31日，核定编制38人，其中行", "合计 1721.36"]


@pytest.mark.parametrize("read", ["-1一", "一12-", "- 3 -", "—4—"])
def test_a_page_number_whose_dashes_were_misread_is_written_as_one(read: str) -> None:
    number = read.strip("-—一 ")
    assert ocr._page_number(read) == f"— {number} —"


@pytest.mark.parametrize("read", ["一、部门基本情况", "-12.5%", "1-2月"])
def test_other_lines_are_left_as_read(read: str) -> None:
    assert ocr._page_number(read) == read

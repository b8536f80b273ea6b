"""The PDF: real Chinese text (not boxes or blanks), A4 pages, numbered, a page that is not blank, figures back.

Rendered once per module with WeasyPrint from the drafted example and seed; read back with pypdfium2 and
poppler's pdftoppm, and imported again with `load_report`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from jixiao.core.model import Evaluation
from jixiao.io import canonical
from jixiao.io.load import load_report
from jixiao.render.draft import draft
from jixiao.render.pdf import fast_subsetting, render_pdf
from jixiao.scoring.engine import score
from jixiao.scoring.rulebook import load_rulebook
from tests import support

EXAMPLE = support.ROOT / "examples" / "qingshan_nongye_2024.txt"
A4 = (595.28, 841.89)  # points
TOLERANCE = 1.0


def _render(source: Path, folder: Path) -> tuple[Evaluation, Path]:
    ev = load_report(source)
    path = render_pdf(draft(ev, score(ev, load_rulebook("hunan-2023"))), None, folder / f"{source.stem}.pdf")
    return ev, path


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Evaluation, Path]:
    return _render(EXAMPLE, tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Evaluation, Path]:
    return _render(support.seed_path(), tmp_path_factory.mktemp("pdf"))


def _pages_text(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(path)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def test_the_text_extracts_as_the_chinese_of_the_report(example_pdf: tuple[Evaluation, Path]) -> None:
    text = "".join(_pages_text(example_pdf[1])).replace("\r\n", "").replace("\n", "")
    assert "青山县农业农村局部门整体支出绩效自评报告" in text
    assert "一、部门基本情况" in text and "部门整体支出绩效自评表" in text
    for figure in ("1784.88万元", "1762.15万元", "97.22%"):
        assert figure in text
    assert "\ufffd" not in text and "□" not in text


def test_the_fonts_are_embedded_noto_cjk_subsets(example_pdf: tuple[Evaluation, Path]) -> None:
    listing = subprocess.run(["pdffonts", str(example_pdf[1])], capture_output=True, text=True, check=True).stdout
    assert "Noto-Serif-CJK-SC" in listing and "Noto-Sans-CJK-SC" in listing
    rows = [line.split() for line in listing.splitlines()[2:]]
    assert rows and all(row[-5:-2] == ["yes", "yes", "yes"] for row in rows)  # embedded, subset, unicode map


def test_body_pages_are_a4_portrait_and_the_appendix_a4_landscape(example_pdf: tuple[Evaluation, Path]) -> None:
    pdf = pdfium.PdfDocument(example_pdf[1])
    try:
        sizes = [pdf[i].get_size() for i in range(len(pdf))]
        texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
    appendix = next(i for i, text in enumerate(texts) if "部门整体支出绩效自评表" in text and "预算执行情况" in text)
    assert appendix >= 4
    for i, (width, height) in enumerate(sizes):
        expected = A4 if i < appendix else A4[::-1]
        assert abs(width - expected[0]) < TOLERANCE and abs(height - expected[1]) < TOLERANCE, (i, width, height)


def test_pages_after_the_cover_are_numbered_from_one(example_pdf: tuple[Evaluation, Path]) -> None:
    pages = _pages_text(example_pdf[1])
    assert "— 1 —" not in pages[0]
    for n, text in enumerate(pages[1:], 1):
        assert f"— {n} —" in text


def test_a_long_table_repeats_its_header_on_the_next_page(tmp_path: Path) -> None:
    from jixiao.render.document import Cover, Document, Table

    rows = [[f"项目{n}", f"{n}.00"] for n in range(1, 80)]
    doc = Document(Cover(title="长表"), title="长表", blocks=[Table("表1 长表", ["项目名称", "金额"], rows, numeric=[False, True])])
    pages = _pages_text(render_pdf(doc, None, tmp_path / "long.pdf"))
    with_rows = [text for text in pages if re.search(r"项目\d", text)]
    assert len(with_rows) >= 2
    assert all("项目名称" in text for text in with_rows)


def test_page_one_as_png_is_not_blank(example_pdf: tuple[Evaluation, Path], tmp_path: Path) -> None:
    from PIL import Image

    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) is needed: run scripts/setup-system.sh"
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "2", "-l", "2", str(example_pdf[1]), str(prefix)], check=True)
    (png,) = tmp_path.glob("page*.png")
    with Image.open(png) as image:
        grey = image.convert("L")
        dark = sum(count for level, count in enumerate(grey.histogram()) if level < 128)
        share = dark / (grey.width * grey.height)
    assert 0.01 < share < 0.5  # text covers part of the page: neither blank nor a black box


def test_fonts_are_subset_with_harfbuzz_so_rendering_is_fast() -> None:
    assert fast_subsetting(), "install libharfbuzz-subset0 (scripts/setup-system.sh): without it a PDF takes ~12 s"


@pytest.mark.parametrize("which", ["example_pdf", "seed_pdf"])
def test_importing_the_pdf_gives_back_the_ten_sections_and_the_form_apart(
    which: str, request: pytest.FixtureRequest
) -> None:
    # a long heading (九、…拟应用和公开情况) ends its line, and the form after 十 is the appendix
    ev, path = request.getfixturevalue(which)
    back = load_report(path)
    assert [s.numbering for s in back.outline.sections if s.level == 1] == [f"{n}、" for n in "一二三四五六七八九十"]
    assert back.other_matters == ev.other_matters and back.outline.unplaced == []
    assert back.outline.appendix.startswith("附件\n")


@pytest.mark.parametrize("which", ["example_pdf", "seed_pdf"])
def test_importing_the_pdf_gives_back_the_key_figures(which: str, request: pytest.FixtureRequest) -> None:
    ev, path = request.getfixturevalue(which)
    expected = canonical.to_plain(ev, full=True)
    got = canonical.to_plain(load_report(path), full=True)
    for dotted in [p for p in support.DESIGN_PATHS if p != "unit.name"] + ["budget.income.fiscal"]:
        assert support.lookup(got, dotted) == support.lookup(expected, dotted), dotted

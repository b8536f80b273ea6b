"""`jixiao render FILE… --to docx|pdf|html|md|xlsx [-o DIR] [--rulebook ID]`: files written, shared exit codes."""

from __future__ import annotations

from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao.cli import app
from tests import support

EXAMPLE = support.ROOT / "examples" / "qingshan_nongye_2024.txt"
runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["render", *args])
    return result.exit_code, result.output


def test_docx_is_written_and_opens_with_the_title(tmp_path: Path) -> None:
    code, output = _run(str(EXAMPLE), "--to", "docx", "-o", str(tmp_path))
    target = tmp_path / "qingshan_nongye_2024.docx"
    assert code == 0 and f"已写入 {target}" in output
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "青山县农业农村局" in text and "1784.88" in text


def test_pdf_is_written_with_chinese_text(tmp_path: Path) -> None:
    code, _ = _run(str(EXAMPLE), "--to", "pdf", "-o", str(tmp_path))
    pdf = pdfium.PdfDocument(tmp_path / "qingshan_nongye_2024.pdf")
    try:
        text = pdf[1].get_textpage().get_text_range()
    finally:
        pdf.close()
    assert code == 0 and "部门基本情况" in text


@pytest.mark.parametrize(("to", "needle"), [("html", "<h2>一、部门基本情况</h2>"), ("md", "## 一、部门基本情况")])
def test_html_and_markdown_are_written_as_utf8_text(to: str, needle: str, tmp_path: Path) -> None:
    code, _ = _run(str(EXAMPLE), "--to", to, "-o", str(tmp_path))
    assert code == 0 and needle in (tmp_path / f"qingshan_nongye_2024.{to}").read_text(encoding="utf-8")


def test_xlsx_is_the_scorecard_under_the_chosen_rulebook(tmp_path: Path) -> None:
    code, _ = _run(str(EXAMPLE), "--to", "xlsx", "-o", str(tmp_path), "--rulebook", "mof-2020")
    workbook = load_workbook(tmp_path / "qingshan_nongye_2024.自评表.xlsx")
    assert code == 0 and "部门整体支出绩效自评表" in str(workbook.active["A1"].value)


def test_several_files_give_one_output_each(tmp_path: Path) -> None:
    code, _ = _run(str(EXAMPLE), str(support.seed_path()), "--to", "md", "-o", str(tmp_path))
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["000_f37ac31af9afc1da.md", "qingshan_nongye_2024.md"]


def test_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    code, _ = _run(str(EXAMPLE), "--to", "odt", "-o", str(tmp_path))
    assert code == 2 and not any(tmp_path.iterdir())


def test_a_missing_to_is_a_usage_error(tmp_path: Path) -> None:
    code, _ = _run(str(EXAMPLE), "-o", str(tmp_path))
    assert code == 2


def test_an_output_that_would_overwrite_its_input_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "report.md"
    source.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    before = source.read_bytes()
    code, output = _run(str(source), "--to", "md", "-o", str(tmp_path))
    assert code == 2 and "不能覆盖" in output and source.read_bytes() == before


def test_an_unreadable_file_exits_3_in_chinese_and_the_others_are_still_written(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip file")
    out = tmp_path / "out"
    code, output = _run(str(broken), str(EXAMPLE), "--to", "html", "-o", str(out))
    assert code == 3 and "错误" in output and "Traceback" not in output
    assert [p.name for p in out.iterdir()] == ["qingshan_nongye_2024.html"]


def test_an_unknown_rulebook_exits_3_and_writes_nothing(tmp_path: Path) -> None:
    code, output = _run(str(EXAMPLE), "--to", "xlsx", "-o", str(tmp_path), "--rulebook", "no-such-book")
    assert code == 3 and "no-such-book" in output and not any(tmp_path.iterdir())

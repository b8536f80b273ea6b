"""A report imported from a PDF, or from a docx, gives what the same report gives as text: every value and
every finding.

For the seed, every corpus report and our example, a docx is written with python-docx (one paragraph per
line, the default template) and all are turned into PDFs by one headless LibreOffice, as a unit prints its
report. The default template sets a Western font, so LibreOffice draws “ ” ≤ apart from the CJK text around
them and pdfium returns them out of order: the reader must put them back. Long paragraphs wrap over several
printed lines: the reader must join them again.

Compared per report: the evaluation (every field but the places values came from), the outline's headings,
and the checker's findings (rule, severity, message; not their line numbers, which differ between the two).
"""

import re
from collections import Counter
from pathlib import Path

import pytest
from docx import Document

from jixiao.checks import run_checks
from jixiao.core.model import Evaluation
from jixiao.io import load_report
from jixiao.tools.libreoffice import convert_all
from tests import support

_LINE_CITED = re.compile(r"第 \d+ 行")
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "qingshan_nongye_2024.txt"


def _reports() -> dict[str, str]:
    texts = {"seed": support.seed_path().read_text(encoding="utf-8")}
    for path in support.corpus_files():
        texts[path.stem] = support.strip_corpus_header(path.read_text(encoding="utf-8"))
    texts["example"] = EXAMPLE.read_text(encoding="utf-8")
    return texts


REPORTS = _reports()


@pytest.fixture(scope="module")
def docxs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("fidelity")
    written = {}
    for name, text in REPORTS.items():
        document = Document()
        for line in text.splitlines():
            document.add_paragraph(line)
        written[name] = folder / f"{name}.docx"
        document.save(str(written[name]))
    return written


@pytest.fixture(scope="module")
def pdfs(docxs: dict[str, Path]) -> dict[str, Path]:
    folder = next(iter(docxs.values())).parent / "pdf"
    return {path.stem: path for path in convert_all(list(docxs.values()), "pdf", folder)}


def _values(evaluation: Evaluation) -> dict[str, object]:
    return evaluation.model_dump(mode="json", exclude={"sources", "outline"})


def _headings(evaluation: Evaluation) -> list[tuple[int, str | None, str]]:
    return [(s.level, s.numbering, s.title) for s in evaluation.outline.sections]


def _findings(evaluation: Evaluation) -> Counter[tuple[str, str, str]]:
    # a message citing another line ("与第 37 行的“(一)”同级同号") cites it by the file's own numbering
    return Counter(
        (f.rule, f.severity, _LINE_CITED.sub("第 … 行", f.message)) for f in run_checks(evaluation).findings
    )


def _same_as_text(name: str, other: Evaluation) -> None:
    text = support.import_text(REPORTS[name], f"{name}.txt")
    assert _values(other) == _values(text)
    assert _headings(other) == _headings(text)
    assert _findings(other) == _findings(text)


@pytest.mark.parametrize("name", list(REPORTS))
def test_the_pdf_of_a_report_imports_as_its_text_does(name: str, pdfs: dict[str, Path]) -> None:
    _same_as_text(name, load_report(pdfs[name]))


@pytest.mark.parametrize("name", list(REPORTS))
def test_the_docx_of_a_report_imports_as_its_text_does(name: str, docxs: dict[str, Path]) -> None:
    _same_as_text(name, load_report(docxs[name]))


def test_quotes_drawn_apart_are_read_back_in_place(pdfs: dict[str, Path]) -> None:
    seed = load_report(pdfs["seed"])
    assert seed.performance.indicators[2].name == "“三公经费”变动率"
    assert seed.performance.indicators[2].actual is not None
    assert seed.performance.indicators[2].actual.text == "≤0"
    assert load_report(pdfs["example"]).self_assessment.grade == "优"

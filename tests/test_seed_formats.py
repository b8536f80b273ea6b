"""The same values come out of the seed as txt, as a docx made from its text, and as a PDF of that docx.

The docx is written here with python-docx (one paragraph per line), the PDF converted from it by a
headless LibreOffice: the formats a unit actually has on its desk.
"""

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from jixiao.core.model import Evaluation
from jixiao.io import canonical, load_report
from jixiao.tools.libreoffice import convert
from tests import support

# the values the foundation issue lists, as JSON paths of the import
PATHS = [
    "unit.name", "unit.short_name", "fiscal_year", "report_date", "unit.internal_bodies",
    "staffing", "budget.income", "budget.expenditure", "budget.fiscal_expenditure",
    "budget.government_fund.stated_none", "budget.social_insurance.stated_none", "budget.state_capital",
    "assets", "performance", "problems", "measures", "self_assessment",
]  # fmt: skip


def _values(evaluation: Evaluation) -> dict[str, object]:
    plain = canonical.to_plain(evaluation, full=True)
    return {path: support.lookup(plain, path) for path in PATHS}


def test_a_wrapped_pdf_paragraph_is_one_statement_again(seed_docx: Path, tmp_path: Path) -> None:
    evaluation = load_report(convert(seed_docx, "pdf", tmp_path))
    # the income sentence wraps after "占" in the PDF; its share is on the next printed line
    assert str(evaluation.budget.income.fiscal_share) == "100"
    assert len(evaluation.performance.targets) == 4


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    document = Document()
    # one CJK font for every character, as a unit's template sets it (test_format_fidelity reads PDFs of the
    # default template, where LibreOffice draws “ ” ≤ in a Western font apart from the CJK text)
    style = document.styles["Normal"]
    style.font.name = "Noto Serif CJK SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    for line in support.seed_path().read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path_factory.mktemp("seed") / "seed.docx"
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def txt_values() -> dict[str, object]:
    return _values(load_report(support.seed_path()))


def test_the_docx_gives_the_same_values_as_the_text(seed_docx: Path, txt_values: dict[str, object]) -> None:
    evaluation = load_report(seed_docx)
    assert _values(evaluation) == txt_values
    assert evaluation.sources["budget.income.total"].file == str(seed_docx)


def test_the_pdf_gives_the_same_values_as_the_text(
    seed_docx: Path, txt_values: dict[str, object], tmp_path: Path
) -> None:
    pdf = convert(seed_docx, "pdf", tmp_path)
    evaluation = load_report(pdf)
    assert _values(evaluation) == txt_values
    source = evaluation.sources["assets.total"]
    assert source.page is not None and source.page >= 1
    assert source.text is not None and "52.90" in source.text

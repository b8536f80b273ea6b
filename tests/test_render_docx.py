"""The report in Word: GB/T 9704 layout read back from the file, and the figures read back by jixiao's importer."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from jixiao.core.model import Evaluation
from jixiao.core.money import percent
from jixiao.io.load import load_report
from jixiao.render.docx import CHAR_SPACE, LINE_PITCH, render_docx
from jixiao.render.draft import draft
from jixiao.scoring.engine import score
from jixiao.scoring.rulebook import load_rulebook
from jixiao.tools.libreoffice import convert
from tests.support import ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EXAMPLE = ROOT / "examples" / "qingshan_nongye_2024.txt"
OFFICIAL_FONTS = {"方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体"}


@pytest.fixture(scope="module")
def seed_ev(seed_path: Path) -> Evaluation:
    return load_report(seed_path)


@pytest.fixture(scope="module")
def rendered(seed_ev: Evaluation, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed's report with its (provisional) 自评表, written once for the layout tests."""
    card = score(seed_ev, load_rulebook("hunan-2023"))
    return render_docx(draft(seed_ev, card), card, tmp_path_factory.mktemp("docx") / "seed.docx")


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def _parts(path: Path, prefix: str) -> list[etree._Element]:
    with zipfile.ZipFile(path) as archive:
        return [etree.fromstring(archive.read(n)) for n in archive.namelist() if n.startswith(prefix)]


# ---------------------------------------------------------------------------------------------- page and grid


def _mm(*lengths: Any) -> tuple[float, ...]:
    return tuple(round(length.mm, 1) for length in lengths)


def test_every_portrait_section_is_a4_with_the_gb9704_margins(rendered: Path) -> None:
    sections = docx.Document(str(rendered)).sections
    for section in sections[:2]:  # the cover and the body
        # stored in twips: a millimetre is 56.7 of them, so compare to a tenth of a millimetre
        assert _mm(section.page_width, section.page_height) == (210, 297)
        assert _mm(section.top_margin, section.bottom_margin) == (37, 35)
        assert _mm(section.left_margin, section.right_margin) == (28, 26)


def test_the_body_has_a_document_grid_of_22_lines_and_28_characters(rendered: Path) -> None:
    body = docx.Document(str(rendered)).sections[1]._sectPr
    grid = body.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert grid.get(qn("w:linePitch")) == "579" == str(LINE_PITCH)
    assert grid.get(qn("w:charSpace")) == "-848" == str(CHAR_SPACE)
    # 22 lines fit the 225 mm text height, 23 do not; 28 characters of 16 pt fit the 156 mm line, 29 do not
    height = (297 - 37 - 35) / 25.4 * 1440
    assert 22 * LINE_PITCH <= height < 23 * LINE_PITCH
    pitch = 16 + CHAR_SPACE / 4096
    assert 28 * pitch <= (210 - 28 - 26) / 25.4 * 72 < 29 * pitch


def test_the_cover_is_a_section_of_its_own_without_a_page_number(rendered: Path) -> None:
    document = docx.Document(str(rendered))
    cover = document.sections[0]._sectPr
    assert cover.findall(qn("w:footerReference")) == []
    texts = [p.text for p in document.paragraphs[:20]]
    assert "附件4" in texts
    assert "2023年度" in texts
    assert "部门（单位）名称：中共辰溪县委网信办" in texts
    assert "2024年3月14日" in texts
    body = document.sections[1]._sectPr
    assert body.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert {r.get(qn("w:type")) for r in body.findall(qn("w:footerReference"))} == {"default", "even"}


def test_the_appendix_is_a_landscape_section_holding_the_form(rendered: Path) -> None:
    document = docx.Document(str(rendered))
    appendix = document.sections[-1]
    assert len(document.sections) == 3
    assert _mm(appendix.page_width, appendix.page_height) == (297, 210)
    assert appendix._sectPr.find(qn("w:pgSz")).get(qn("w:orient")) == "landscape"
    texts = [p.text for p in document.paragraphs]
    assert "部门整体支出绩效自评表（暂定评分）" in texts
    assert any(t.startswith("【暂定评分】") for t in texts)
    headers = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert ["项目", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"] in headers
    assert any(h[:5] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"] for h in headers)
    totals = document.tables[-1]
    assert totals.rows[1].cells[0].text == "总分"


# ---------------------------------------------------------------------------------------------- fonts and sizes


def _fonts(element: etree._Element) -> etree._Element | None:
    return element.find(f"{W}rPr/{W}rFonts")


def test_every_run_names_an_official_font_for_east_asian_text(rendered: Path) -> None:
    runs = 0
    for root in [_part(rendered, "word/document.xml"), *_parts(rendered, "word/footer")]:
        for run in root.iter(f"{W}r"):
            fonts = _fonts(run)
            assert fonts is not None, etree.tostring(run, encoding="unicode")
            assert fonts.get(f"{W}eastAsia") in OFFICIAL_FONTS
            runs += 1
    assert runs > 100


def test_the_styles_carry_the_official_fonts_with_east_asia_set(rendered: Path) -> None:
    styles = docx.Document(str(rendered)).styles
    expected = {"Normal": "仿宋_GB2312", "Title": "方正小标宋简体", "Heading 1": "黑体", "Heading 2": "楷体_GB2312", "Footer": "宋体"}
    for name, font in expected.items():
        fonts = styles[name].element.find(f"{W}rPr/{W}rFonts")
        assert fonts.get(f"{W}eastAsia") == font, name
        assert fonts.get(f"{W}asciiTheme") is None  # a theme font would override the name
    defaults = _part(rendered, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(f"{W}eastAsia") == "仿宋_GB2312"


def test_title_headings_and_body_have_their_gb9704_sizes(rendered: Path) -> None:
    document = docx.Document(str(rendered))
    paragraphs = document.paragraphs
    title = next(p for p in paragraphs if p.text.startswith("2023年度中共辰溪县委"))
    heading = next(p for p in paragraphs if p.text == "一、部门基本情况")
    second = next(p for p in paragraphs if p.text == "（一）部门职能")
    body = next(p for p in paragraphs if p.text.startswith("2023年度共取得收入合计"))
    assert {r.font.size.pt for r in title.runs} == {22}
    assert title.runs[0]._r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "方正小标宋简体"
    assert {r.font.size.pt for r in heading.runs} == {16}
    assert heading.runs[0]._r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "黑体"
    assert {r.font.size.pt for r in second.runs} == {16}
    assert second.runs[0]._r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "楷体_GB2312"
    assert {r.font.size.pt for r in body.runs} == {16}
    assert body.runs[0]._r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "仿宋_GB2312"


# ---------------------------------------------------------------------------------------------- page numbers


def test_page_numbers_are_a_page_field_between_dashes_in_14_point_song(rendered: Path) -> None:
    body = docx.Document(str(rendered)).sections[1]
    for footer in (body.footer, body.even_page_footer):
        paragraph = footer.paragraphs[0]._p
        instructions = "".join(t.text for t in paragraph.iter(f"{W}instrText"))
        assert instructions.strip() == "PAGE"
        assert [f.get(f"{W}fldCharType") for f in paragraph.iter(f"{W}fldChar")] == ["begin", "separate", "end"]
        text = "".join(t.text for t in paragraph.iter(f"{W}t"))
        assert text == "— 1 —"
        for run in paragraph.iter(f"{W}r"):
            assert run.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "宋体"
            assert run.find(f"{W}rPr/{W}sz").get(f"{W}val") == "28"


def test_odd_page_numbers_sit_right_and_even_ones_left(rendered: Path) -> None:
    settings_xml = _part(rendered, "word/settings.xml")
    assert settings_xml.find(f"{W}evenAndOddHeaders") is not None
    body = docx.Document(str(rendered)).sections[1]
    odd = body.footer.paragraphs[0]._p.find(f"{W}pPr/{W}jc").get(f"{W}val")
    even = body.even_page_footer.paragraphs[0]._p.find(f"{W}pPr/{W}jc").get(f"{W}val")
    assert (odd, even) == ("right", "left")


# ---------------------------------------------------------------------------------------------- tables


def test_every_table_repeats_its_header_row_on_each_page(rendered: Path) -> None:
    tables = docx.Document(str(rendered)).tables
    assert len(tables) >= 8
    for table in tables:
        first = table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader")
        assert first is not None and first.get(f"{W}val") in (None, "1", "true")
        assert all(row._tr.find(f"{W}trPr/{W}tblHeader") is None for row in table.rows[1:])


def test_libreoffice_converts_the_report_to_pdf(rendered: Path, tmp_path: Path) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(convert(rendered, "pdf", tmp_path))
    assert len(pdf) >= 5
    first, last = pdf[0].get_size(), pdf[len(pdf) - 1].get_size()
    assert [round(x / 72 * 25.4) for x in first] == [210, 297]
    assert [round(x / 72 * 25.4) for x in last] == [297, 210]  # the landscape 自评表
    text = pdf[1].get_textpage().get_text_range().replace(" ", "").replace("\n", "").replace("\r", "")
    assert "部门基本情况" in text


# ---------------------------------------------------------------------------------------------- round trip


def figures(ev: Evaluation) -> dict[str, Any]:
    """Every figure the draft states, as strings (so "0.50" is not "0.5"), with the parts the draft leaves out
    (None amounts) left out here too."""
    b, a, s = ev.budget, ev.assets, ev.staffing

    def amounts(model: Any, names: str) -> dict[str, str | None]:
        return {n: None if getattr(model, n) is None else str(getattr(model, n)) for n in names.split()}

    def classes(items: list[Any]) -> list[tuple[str, str]]:
        return [(c.name, str(c.amount)) for c in items if c.amount is not None]

    def other(value: Any) -> tuple[bool, str | None] | None:
        if value is None or (not value.stated_none and value.amount is None):
            return None
        return (value.amount is None, None if value.amount is None else str(value.amount))

    return {
        "unit": ev.unit.name,
        "year": ev.fiscal_year,
        "date": ev.report_date,
        "staff": (s.authorized_total, s.actual_total, s.funded, s.retired),
        "authorized": [(k.kind, k.count) for k in s.authorized_by_kind],
        "actual": [(k.kind, k.count) for k in s.actual_by_kind],
        "budget": amounts(b, "initial adjusted executed"),
        "income": amounts(b.income, "total fiscal business operating other carried_over"),
        "expenditure": amounts(b.expenditure, "total basic project operating personnel public carried_forward"),
        "fiscal": amounts(b.fiscal_expenditure, "total basic project"),
        "by_function": classes(b.fiscal_expenditure.by_function),
        "by_economic": classes(b.fiscal_expenditure.by_economic),
        "projects": [(p.name, str(p.budget), str(p.spent)) for p in b.projects],
        "other_budgets": [other(b.government_fund), other(b.state_capital), other(b.social_insurance)],
        "assets": amounts(a, "total current fixed_net fixed_book acquired self_used in_use disposed"),
        "acquisitions": classes(a.acquisitions),
        "three_public": amounts(ev.three_public, "total budget overseas vehicles reception"),
        "indicators": [
            (i.level1, i.level2, i.name, i.target and i.target.text, i.actual and i.actual.text, i.not_applicable)
            for i in ev.performance.indicators
        ],
        "self_assessment": (ev.self_assessment.grade, ev.self_assessment.score),
    }


def _shares_are_computed(ev: Evaluation) -> None:
    income = ev.budget.income
    for part, share in ((income.fiscal, income.fiscal_share), (income.other, income.other_share)):
        if part is not None and income.total:
            assert share == percent(part, income.total)


def test_importing_the_rendered_seed_gives_back_its_figures_and_text(seed_ev: Evaluation, tmp_path: Path) -> None:
    back = load_report(render_docx(draft(seed_ev), None, tmp_path / "seed.docx"))
    assert figures(back) == figures(seed_ev)
    for field in ("functions", "overall_task", "key_tasks", "problems", "measures", "results_use", "other_matters"):
        assert getattr(back, field) == getattr(seed_ev, field), field
    assert back.performance.targets == seed_ev.performance.targets
    assert back.performance.achievements == seed_ev.performance.achievements
    _shares_are_computed(back)


def test_importing_our_rendered_example_gives_back_its_figures(tmp_path: Path) -> None:
    ev = load_report(EXAMPLE)
    back = load_report(render_docx(draft(ev), None, tmp_path / "example.docx"))
    assert figures(back) == figures(ev)
    assert back.problems == ev.problems and back.measures == ev.measures


def test_the_appendix_leaves_the_budget_figures_as_they_were(tmp_path: Path) -> None:
    ev = load_report(EXAMPLE)
    card = score(ev, load_rulebook("hunan-2023"))
    back = load_report(render_docx(draft(ev, card), card, tmp_path / "with-card.docx"))
    expected, got = figures(ev), figures(back)
    for key in ("unit", "year", "staff", "budget", "income", "expenditure", "fiscal", "by_economic", "assets"):
        assert got[key] == expected[key], key


def test_the_form_appended_reads_back_as_the_appendix_not_as_more_sections(tmp_path: Path) -> None:
    ev = load_report(EXAMPLE)
    card = score(ev, load_rulebook("hunan-2023"))
    back = load_report(render_docx(draft(ev, card), card, tmp_path / "with-card.docx"))
    top = [s.numbering for s in back.outline.sections if s.level == 1]
    assert top == [s.numbering for s in ev.outline.sections if s.level == 1] and len(top) == 10
    assert back.other_matters == ev.other_matters and back.outline.unplaced == []
    assert back.outline.appendix.startswith("附件\n部门整体支出绩效自评表")


# ---------------------------------------------------------------------------------------------- property

UNITS = ["青山县农业农村局", "青山县教育局", "青山县人民医院", "青山县图书馆", "青山县林业局综合服务中心"]
FUNCTIONS = ["一般公共服务支出", "教育支出", "农林水支出", "住房保障支出", "卫生健康支出", "社会保障和就业支出"]
ECONOMIC = ["工资福利支出", "商品和服务支出", "对个人和家庭的补助", "资本性支出"]
CATEGORIES = ["通用设备", "专用设备", "家具、用具、装具及动植物", "房屋和构筑物"]
KINDS = ["行政", "事业", "工勤"]


def _money(low: int = 0, high: int = 10**7) -> st.SearchStrategy[Decimal]:
    """Amounts in 万元 with two written decimals ("0.50" stays "0.50")."""
    return st.integers(low, high).map(lambda cents: Decimal(cents).scaleb(-2))


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def _split(total: Decimal, names: list[str], draw: Any) -> list[dict[str, Any]]:
    """`total` shared out over some of `names`: a classification that adds up."""
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True))
    cents = int(total * 100)
    cuts = sorted(draw(st.lists(st.integers(0, cents), min_size=len(chosen) - 1, max_size=len(chosen) - 1)))
    bounds = [0, *cuts, cents]
    return [
        {"name": name, "amount": str(Decimal(bounds[i + 1] - bounds[i]).scaleb(-2))} for i, name in enumerate(chosen)
    ]


@st.composite
def consistent_evaluations(draw: Any) -> Evaluation:
    year = draw(st.integers(2019, 2025))
    fiscal = draw(_money(1))
    other_income = draw(_maybe(_money()))
    income_total = fiscal + (other_income or 0)
    basic = draw(_money(0, int(fiscal * 100)))
    project = fiscal - basic
    authorized = draw(st.lists(st.integers(1, 60), min_size=0, max_size=3))
    actual = [draw(st.integers(0, n)) for n in authorized]
    acquired = draw(_maybe(_money(1, 10**6)))
    fixed_net = draw(_maybe(_money()))
    current = draw(_maybe(_money()))
    assets: dict[str, Any] = {"current": current, "fixed_net": fixed_net, "disposed": draw(_maybe(_money()))}
    if current is not None and fixed_net is not None:
        assets["total"] = current + fixed_net
    if acquired is not None:
        assets["acquired"] = acquired
        assets["acquisitions"] = _split(acquired, CATEGORIES, draw)
    book = draw(_maybe(_money(1)))
    if book is not None:
        assets["fixed_book"] = book
        assets["self_used"] = book
        assets["in_use"] = draw(_money(0, int(book * 100)))
    data = {
        "fiscal_year": year,
        "unit": {"name": draw(st.sampled_from(UNITS))},
        "report_date": f"{year + 1}-0{draw(st.integers(1, 9))}-1{draw(st.integers(0, 9))}",
        "staffing": {
            "authorized_total": sum(authorized) if authorized else draw(_maybe(st.integers(1, 99))),
            "authorized_by_kind": [{"kind": k, "count": n} for k, n in zip(KINDS, authorized, strict=False)],
            "actual_total": sum(actual) if actual else None,
            "actual_by_kind": [{"kind": k, "count": n} for k, n in zip(KINDS, actual, strict=False)],
            "funded": draw(_maybe(st.integers(0, 99))),
            "retired": draw(_maybe(st.integers(0, 99))),
        },
        "budget": {
            "income": {"total": income_total, "fiscal": fiscal, "other": other_income},
            "expenditure": {"total": fiscal, "basic": basic, "project": project},
            "fiscal_expenditure": {
                "total": fiscal,
                "basic": basic,
                "project": project,
                "by_function": _split(fiscal, FUNCTIONS, draw),
                "by_economic": _split(fiscal, ECONOMIC, draw),
            },
            "government_fund": draw(st.sampled_from([None, {"stated_none": True}])),
            "state_capital": draw(st.sampled_from([None, {"stated_none": True}])),
            "social_insurance": draw(_maybe(st.builds(lambda m: {"amount": m}, _money(1)))),
        },
        "assets": assets,
    }
    return Evaluation.model_validate(data)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(ev=consistent_evaluations())
def test_importing_a_rendered_report_gives_back_the_figures_it_was_drafted_from(ev: Evaluation, tmp_path: Path) -> None:
    back = load_report(render_docx(draft(ev), None, tmp_path / "generated.docx"))
    assert figures(back) == figures(ev)
    _shares_are_computed(back)


def test_the_shipped_reference_template_holds_the_styles_the_code_defines() -> None:
    from jixiao.render.docx import TEMPLATE, reference_document

    shipped = docx.Document(str(TEMPLATE))
    assert shipped.styles.element.xml == reference_document().styles.element.xml, (
        "run scripts/make_reference_docx.py"
    )
    defaults = shipped.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"

"""The HTML page: one self-contained file, the outline as semantic headings, tables with thead, text escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from jixiao.io.load import load_report
from jixiao.render.document import Cover, Document, Heading, Paragraph, Table
from jixiao.render.draft import draft
from jixiao.render.html import render_html
from jixiao.scoring.engine import score
from jixiao.scoring.rulebook import load_rulebook
from tests import support

EXAMPLE = support.ROOT / "examples" / "qingshan_nongye_2024.txt"


class _Outline(HTMLParser):
    """Collects the tags, the attributes that could fetch something, and the text of each heading."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.fetching: list[tuple[str, str]] = []
        self.headings: list[tuple[str, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.fetching += [(tag, v or "") for k, v in attrs if k in ("src", "href", "srcset", "data")]
        if re.fullmatch(r"h[1-6]", tag):
            self._open, self.headings = tag, [*self.headings, (tag, "")]

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)


def _parse(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def example_html() -> str:
    ev = load_report(EXAMPLE)
    return render_html(draft(ev, score(ev, load_rulebook("hunan-2023"))))


def test_the_page_is_one_document_with_nothing_to_fetch(example_html: str) -> None:
    outline = _parse(example_html)
    assert example_html.startswith("<!DOCTYPE html>") and example_html.count("<html") == 1
    assert outline.tags.count("style") == 1
    assert outline.fetching == []
    assert not {"script", "link", "img", "iframe", "object"} & set(outline.tags)
    assert not re.search(r"url\(|@import|https?://", example_html)


def test_the_outline_is_semantic_headings_under_the_title(example_html: str) -> None:
    headings = _parse(example_html).headings
    assert headings[0] == ("h1", "2024年度青山县农业农村局部门整体支出绩效自评报告")
    assert ("h2", "一、部门基本情况") in headings and ("h2", "八、下一步改进措施") in headings
    assert ("h3", "（一）部门职能") in headings
    assert ("h2", "2024年度部门整体支出绩效自评表") in headings


def test_the_figures_of_the_evaluation_are_on_the_page(example_html: str) -> None:
    for figure in ("1784.88万元", "1762.15万元", "1812.60", "97.22"):
        assert figure in example_html


def test_every_table_has_a_header_row(example_html: str) -> None:
    assert example_html.count("<table>") >= 5
    assert example_html.count("<table>") == example_html.count("<thead>") == example_html.count("</tbody>")


def test_the_print_stylesheet_sets_a4_the_gbt_9704_margins_and_page_numbers(example_html: str) -> None:
    assert "size: A4;" in example_html and "margin: 37mm 26mm 35mm 28mm" in example_html
    assert '"— " counter(page) " —"' in example_html
    assert re.search(r'font-family: "仿宋_GB2312".*"Noto Serif CJK SC"', example_html)
    assert re.search(r'font-family: "黑体".*"Noto Sans CJK SC"', example_html)


def test_text_is_escaped() -> None:
    doc = Document(
        Cover(title="<b>报告</b>", unit="A&B局"),
        title="标题<script>alert(1)</script>",
        blocks=[
            Heading(1, "一、", "<i>情况</i>"),
            Paragraph("收入 < 支出 & “引号” '单引号'"),
            Table("表1 <x>", ["项目", "金额"], [["<td>", "1.00"]], numeric=[False, True]),
        ],
    )
    html = render_html(doc)
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html and "<x>" not in html
    assert "标题&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "收入 &lt; 支出 &amp; “引号” &#x27;单引号&#x27;" in html
    assert "<td>&lt;td&gt;</td>" in html and '<td class="num">1.00</td>' in html


def test_a_provisional_scorecard_is_marked_in_the_appendix() -> None:
    ev = load_report(support.seed_path())
    card = score(ev, load_rulebook("hunan-2023"))
    assert card.provisional
    html = render_html(draft(ev, card))
    appendix = html[html.index('<section class="appendix">') :]
    assert "暂定评分" in appendix and "provisional" in appendix


def test_a_document_drafted_without_a_scorecard_gets_the_appendix_from_the_card() -> None:
    ev = load_report(EXAMPLE)
    card = score(ev, load_rulebook("hunan-2023"))
    doc = draft(ev)
    assert 'class="appendix"' not in render_html(doc)
    assert 'class="appendix"' in render_html(doc, card)

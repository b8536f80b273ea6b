"""Write a drafted `Document` as a Word report laid out to GB/T 9704-2012 (党政机关公文格式).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; 28 characters × 22 lines through a document
grid; title 2号 方正小标宋简体; headings 3号 黑体 (一、) and 楷体_GB2312 (（一）); body 3号 仿宋_GB2312; page
numbers 4号 宋体 "— 1 —", odd pages at the right, even pages at the left (the outer edge when printed on
both sides). The cover is a section of its own without page number; the 自评表 follows in a landscape
section.

Styles are built here in code, not shipped as a binary template: python-docx's default template carries
theme fonts (`w:asciiTheme`) that would override the official names, so every style and every run gets
explicit `w:rFonts` with `w:eastAsia` (python-docx sets only ascii/hAnsi). The official font names are
kept in the file; where they are not installed (servers, CI) the renderer substitutes a CJK font.
python-docx has no API for the document grid, the page-number field, repeated header rows or the grid
snapping of table text, so those are written as XML.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import BaseStyle
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from jixiao.io.scorecard_form import FORM_TITLE
from jixiao.render.document import Block, Document, Heading, Paragraph, Table
from jixiao.render.draft import scorecard_blocks
from jixiao.scoring.scorecard import Scorecard

# fonts by their official names (GB/T 9704-2012 §7)
TITLE_FONT = "方正小标宋简体"
HEI = "黑体"
KAI = "楷体_GB2312"
FANGSONG = "仿宋_GB2312"
SONG = "宋体"

# sizes in points: 2号 22, 3号 16, 4号 14, 小四 12
TITLE_SIZE = 22
BODY_SIZE = 16
PAGE_NUMBER_SIZE = 14
TABLE_SIZE = 12

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22

_TWIPS_PER_MM = 1440 / 25.4
# 225 mm of text height / 22 lines = 579.8 twips; 580 would leave room for 21 lines only
LINE_PITCH = int((297 - 37 - 35) * _TWIPS_PER_MM / LINES_PER_PAGE)
# the character pitch minus the 3号 font size, in 1/4096 pt, rounded down so 28 characters still fit in 156 mm
CHAR_SPACE = int(((210 - 28 - 26) / 25.4 * 72 / CHARS_PER_LINE - BODY_SIZE) * 4096) - 1
# the page number sits 7 mm below the text block (GB/T 9704-2012 §7.5): footer distance = 35 - 7 - one line
FOOTER_DISTANCE = Mm(35 - 7) - Pt(PAGE_NUMBER_SIZE)
PAGE_NUMBER_DASH = "—"  # 一字线

_HEADINGS = {
    1: ("Heading 1", HEI, False),
    2: ("Heading 2", KAI, False),
    3: ("Heading 3", FANGSONG, True),
    4: ("Heading 4", FANGSONG, False),
}


# ---------------------------------------------------------------------------------------------- XML helpers


def _fonts_element(font: str) -> OxmlElement:
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)
    fonts.set(qn("w:hint"), "eastAsia")
    return fonts


def set_run_properties(rpr_parent: OxmlElement, font: str, size: float, bold: bool = False) -> None:
    """Replace the fonts, size and weight in an element's `w:rPr` (a run, a style or the defaults)."""
    rpr = rpr_parent.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_parent.insert(0, rpr) if rpr_parent.tag == qn("w:r") else rpr_parent.append(rpr)
    for tag in ("w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:color", "w:sz", "w:szCs", "w:lang"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    children = [_fonts_element(font)]
    for tag in ("w:b", "w:bCs"):
        flag = OxmlElement(tag)
        flag.set(qn("w:val"), "1" if bold else "0")
        children.append(flag)
    for tag in ("w:sz", "w:szCs"):
        sz = OxmlElement(tag)
        sz.set(qn("w:val"), str(round(size * 2)))
        children.append(sz)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    children.append(lang)
    # schema order: rFonts … b bCs … sz szCs … lang; put ours first and move the rest after
    rest = list(rpr)
    for child in rest:
        rpr.remove(child)
    for child in children[:3]:
        rpr.append(child)
    for child in rest:
        rpr.append(child)
    for child in children[3:]:
        rpr.append(child)


def _ppr(element: OxmlElement) -> OxmlElement:
    ppr = element.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        element.insert(0, ppr) if element.tag == qn("w:p") else element.append(ppr)
    return ppr


def _replace(parent: OxmlElement, tag: str, attrs: dict[str, str]) -> OxmlElement:
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    child = OxmlElement(tag)
    for key, value in attrs.items():
        child.set(qn(key), value)
    parent.append(child)
    return child


def _indent(
    ppr: OxmlElement, first_chars: int = 0, left_chars: int = 0, right_chars: int = 0, size: float = BODY_SIZE
) -> None:
    """Indents in characters (w:*Chars, hundredths of a character) with their twips for older readers."""
    twips = round(size * 20)
    attrs = {"w:firstLineChars": str(first_chars * 100), "w:firstLine": str(first_chars * twips)}
    if left_chars:
        attrs |= {"w:leftChars": str(left_chars * 100), "w:left": str(left_chars * twips)}
    if right_chars:
        attrs |= {"w:rightChars": str(right_chars * 100), "w:right": str(right_chars * twips)}
    if not first_chars:
        attrs = {k: v for k, v in attrs.items() if not k.startswith("w:firstLine")} or {"w:firstLine": "0"}
    _replace(ppr, "w:ind", attrs)


def _order_ppr(ppr: OxmlElement) -> None:
    """Put `w:pPr` children in schema order (Word refuses a file whose elements are out of order)."""
    order = [
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "widowControl",
        "numPr",
        "pBdr",
        "shd",
        "tabs",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "jc",
        "outlineLvl",
        "rPr",
        "sectPr",
        "pPrChange",
    ]
    rank = {qn(f"w:{name}"): n for n, name in enumerate(order)}
    children = sorted(ppr, key=lambda c: rank.get(c.tag, len(order)))
    for child in children:
        ppr.remove(child)
    for child in children:
        ppr.append(child)


# ---------------------------------------------------------------------------------------------- styles


def _paragraph_style(
    style: BaseStyle,
    font: str,
    size: float,
    bold: bool = False,
    align: str | None = "both",
    first_chars: int = 0,
    outline: int | None = None,
    keep_next: bool = False,
    snap: bool = True,
) -> None:
    element = style.element
    old = element.find(qn("w:pPr"))
    if old is not None:
        element.remove(old)
    ppr = OxmlElement("w:pPr")
    if keep_next:
        ppr.append(OxmlElement("w:keepNext"))
    if not snap:
        _replace(ppr, "w:snapToGrid", {"w:val": "0"})
    _replace(ppr, "w:spacing", {"w:before": "0", "w:after": "0", "w:line": "240", "w:lineRule": "auto"})
    _indent(ppr, first_chars, size=size)
    if align:
        _replace(ppr, "w:jc", {"w:val": align})
    if outline is not None:
        _replace(ppr, "w:outlineLvl", {"w:val": str(outline)})
    rpr = element.find(qn("w:rPr"))
    if rpr is not None:
        element.insert(list(element).index(rpr), ppr)
    else:
        element.append(ppr)
    set_run_properties(element, font, size, bold)


def _styles(document: docx.document.Document) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = OxmlElement("w:rPrDefault")
            defaults.insert(0, rpr_default)
        set_run_properties(rpr_default, FANGSONG, BODY_SIZE)
    _paragraph_style(styles["Normal"], FANGSONG, BODY_SIZE, first_chars=2)
    _paragraph_style(styles["Title"], TITLE_FONT, TITLE_SIZE, align="center")
    for level, (name, font, bold) in _HEADINGS.items():
        _paragraph_style(
            styles[name], font, BODY_SIZE, bold, first_chars=2, outline=level - 1, keep_next=True
        )
    _paragraph_style(styles["Footer"], SONG, PAGE_NUMBER_SIZE, align=None)
    for name in ("Heading 1 Char", "Heading 2 Char", "Heading 3 Char", "Title Char", "Footer Char"):
        if name in [s.name for s in styles]:
            set_run_properties(styles[name].element, *_char_style_font(name))
    cell = styles.add_style("Table Text", 1)  # WD_STYLE_TYPE.PARAGRAPH
    cell.base_style = styles["Normal"]
    _paragraph_style(cell, FANGSONG, TABLE_SIZE, align="center", snap=False)
    caption = styles.add_style("Table Caption", 1)
    caption.base_style = styles["Normal"]
    _paragraph_style(caption, HEI, PAGE_NUMBER_SIZE, align="center", keep_next=True, snap=False)
    note = styles.add_style("Note", 1)
    note.base_style = styles["Normal"]
    _paragraph_style(note, KAI, BODY_SIZE, first_chars=2)


def _char_style_font(name: str) -> tuple[str, float, bool]:
    if name.startswith("Title"):
        return TITLE_FONT, TITLE_SIZE, False
    if name.startswith("Footer"):
        return SONG, PAGE_NUMBER_SIZE, False
    level = int(name.split()[1])
    _, font, bold = _HEADINGS[level]
    return font, BODY_SIZE, bold


# ---------------------------------------------------------------------------------------------- sections


def set_doc_grid(section_pr: OxmlElement, kind: str = "linesAndChars") -> None:
    """`w:docGrid` with 22 lines and 28 characters (GB/T 9704 §5.2.2); python-docx has no API for it."""
    attrs = {"w:type": kind, "w:linePitch": str(LINE_PITCH)}
    if kind == "linesAndChars":
        attrs["w:charSpace"] = str(CHAR_SPACE)
    grid = section_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section_pr.append(grid)
    for key in list(grid.attrib):
        del grid.attrib[key]
    for key, value in attrs.items():
        grid.set(qn(key), value)


def _page(section: docx.section.Section, landscape: bool = False, char_grid: bool = True) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (PAGE_HEIGHT, PAGE_WIDTH) if landscape else (PAGE_WIDTH, PAGE_HEIGHT)
    )
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = Mm(15)
    section.footer_distance = FOOTER_DISTANCE
    if landscape:
        # a form, not running text: no character grid, so its table keeps its own line heights
        set_doc_grid(section._sectPr, "default")
    else:
        set_doc_grid(section._sectPr, "linesAndChars" if char_grid else "lines")


def _page_number(paragraph: DocxParagraph, odd: bool) -> None:
    """ "— 1 —" with a PAGE field, at the outer edge one character in (GB/T 9704 §7.5)."""
    ppr = _ppr(paragraph._p)
    _replace(ppr, "w:jc", {"w:val": "right" if odd else "left"})
    if odd:
        _indent(ppr, right_chars=1, size=PAGE_NUMBER_SIZE)
    else:
        _indent(ppr, left_chars=1, size=PAGE_NUMBER_SIZE)
    _order_ppr(ppr)
    _text_run(paragraph, f"{PAGE_NUMBER_DASH} ", SONG, PAGE_NUMBER_SIZE)
    for kind, instruction in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, None),
        ("end", None),
    ):
        run = paragraph.add_run()
        set_run_properties(run._r, SONG, PAGE_NUMBER_SIZE)
        if kind is not None:
            _replace(run._r, "w:fldChar", {"w:fldCharType": kind})
        elif instruction is not None:
            text = _replace(run._r, "w:instrText", {})
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            text.text = instruction
        else:
            run._r.append(_t("1"))
    _text_run(paragraph, f" {PAGE_NUMBER_DASH}", SONG, PAGE_NUMBER_SIZE)


def _t(text: str) -> OxmlElement:
    t = OxmlElement("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    return t


def _footers(section: docx.section.Section) -> None:
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        paragraph = footer.paragraphs[0]
        paragraph.style = "Footer"
        _page_number(paragraph, odd)
    pg = section._sectPr.find(qn("w:pgNumType"))
    if pg is None:
        pg = OxmlElement("w:pgNumType")
        # schema order: pgNumType after pgMar (and pgBorders, lnNumType) and before cols
        cols = section._sectPr.find(qn("w:cols"))
        if cols is not None:
            cols.addprevious(pg)
        else:
            section._sectPr.append(pg)
    pg.set(qn("w:start"), "1")


# ---------------------------------------------------------------------------------------------- blocks


def _text_run(paragraph: DocxParagraph, text: str, font: str, size: float, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    set_run_properties(run._r, font, size, bold)


def _paragraph(
    document: docx.document.Document,
    text: str,
    style: str = "Normal",
    font: str = FANGSONG,
    size: float = BODY_SIZE,
    bold: bool = False,
) -> DocxParagraph:
    paragraph = document.add_paragraph(style=style)
    if text:
        _text_run(paragraph, text, font, size, bold)
    else:
        # an empty line still carries the fonts, so its height is a line of the grid
        set_run_properties(_ppr(paragraph._p), font, size, bold)
        _order_ppr(_ppr(paragraph._p))
    return paragraph


def _align(paragraph: DocxParagraph, align: str, first_chars: int = 0) -> None:
    ppr = _ppr(paragraph._p)
    _replace(ppr, "w:jc", {"w:val": align})
    _indent(ppr, first_chars)
    _order_ppr(ppr)


def _cover(document: docx.document.Document, doc: Document) -> None:
    cover = doc.cover
    attachment = _paragraph(document, cover.attachment or "", font=HEI)
    _align(attachment, "left")
    for _ in range(3):
        _paragraph(document, "")
    lines = [f"{cover.year}年度"] if cover.year is not None else []
    title = cover.title
    if title.endswith("绩效自评报告") and len(title) > len("绩效自评报告"):
        lines += [title.removesuffix("绩效自评报告"), "绩效自评报告"]
    else:
        lines.append(title)
    for line in lines:
        _paragraph(document, line, "Title", TITLE_FONT, TITLE_SIZE)
    for _ in range(6):
        _paragraph(document, "")
    unit = _paragraph(document, f"部门（单位）名称：{cover.unit or ''}")
    _align(unit, "center")
    if cover.date:
        date = _paragraph(document, cover.date)
        _align(date, "center")


def _heading(document: docx.document.Document, block: Heading) -> None:
    name, font, bold = _HEADINGS.get(block.level, _HEADINGS[4])
    _paragraph(document, f"{block.numbering}{block.text}", name, font, BODY_SIZE, bold)


def _body(document: docx.document.Document, block: Paragraph) -> None:
    if block.kind == "note":
        _paragraph(document, block.text, "Note", KAI)
        return
    for line in block.text.split("\n"):
        _paragraph(document, line)


def _repeat_header(table: DocxTable) -> None:
    for n, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if n == 0:
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "1")
            trpr.append(header)


def _cell_text(cell: docx.table._Cell, text: str, align: str, bold: bool) -> None:
    lines = text.split("\n") if text else [""]
    first = cell.paragraphs[0]
    first.style = "Table Text"
    for n, line in enumerate(lines):
        paragraph = first if n == 0 else cell.add_paragraph(style="Table Text")
        if line:
            _text_run(paragraph, line, FANGSONG, TABLE_SIZE, bold)
        else:
            set_run_properties(_ppr(paragraph._p), FANGSONG, TABLE_SIZE, bold)
        ppr = _ppr(paragraph._p)
        _replace(ppr, "w:jc", {"w:val": align})
        _order_ppr(ppr)


def _table(document: docx.document.Document, block: Table, width: int) -> None:
    _paragraph(document, block.caption, "Table Caption", HEI, PAGE_NUMBER_SIZE)
    if block.unit:
        unit = _paragraph(document, f"单位：{block.unit}", "Table Text", FANGSONG, TABLE_SIZE)
        _align(unit, "right")
        _replace(_ppr(unit._p), "w:keepNext", {})
        _order_ppr(_ppr(unit._p))
    table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    numeric = block.numeric or [False] * len(block.header)
    weights = _column_weights(block)
    for n, column in enumerate(table.columns):
        for cell in column.cells:
            cell.width = int(width * weights[n])
    for n, text in enumerate(block.header):
        _cell_text(table.rows[0].cells[n], text, "center", True)
    for r, row in enumerate(block.rows, start=1):
        for n, text in enumerate(row):
            align = "right" if n < len(numeric) and numeric[n] else ("left" if len(text) > 12 else "center")
            _cell_text(table.rows[r].cells[n], text, align, False)
    _repeat_header(table)
    # a little air between a table and the text after it
    _paragraph(document, "", "Table Text", FANGSONG, TABLE_SIZE)


def _column_weights(block: Table) -> list[float]:
    """Column widths by the longest text in each column, within bounds, as shares of the text width."""
    lengths = []
    for n, head in enumerate(block.header):
        texts = [head] + [row[n] for row in block.rows if n < len(row)]
        longest = max(max((len(line) for line in t.split("\n")), default=0) for t in texts)
        lengths.append(min(max(longest, 4), 24))
    total = sum(lengths)
    return [length / total for length in lengths]


def _blocks(document: docx.document.Document, blocks: list[Block], width: int) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            _heading(document, block)
        elif isinstance(block, Paragraph):
            _body(document, block)
        else:
            _table(document, block, width)


# ---------------------------------------------------------------------------------------------- the file


TEMPLATE = Path(__file__).resolve().parent / "templates" / "reference.docx"


def reference_document() -> docx.document.Document:
    """A blank document with our styles: the official font names with eastAsia set in docDefaults and every
    style, sizes, the title and heading styles, odd and even footers. The shipped reference template
    (`templates/reference.docx`, written by scripts/make_reference_docx.py) is this, saved; a test keeps the two equal."""
    document = docx.Document()
    _styles(document)
    document.settings.odd_and_even_pages_header_footer = True
    return document


def build_docx(
    doc: Document, card: Scorecard | None = None, char_grid: bool = True
) -> docx.document.Document:
    """The Word document of `doc`, with the 自评表 of `card` as a landscape appendix when given.

    `char_grid=False` keeps the 22-line grid but drops the 28-character one. Word fits 28 characters of 3号
    text on a line by narrowing the pitch to 15.79 pt; LibreOffice (7.4) instead gives every character wider
    than the pitch two cells, so a docx meant for LibreOffice (a PDF made with it) reads better without it.
    """
    document = docx.Document(str(TEMPLATE))
    cover_section = document.sections[0]
    _page(cover_section, char_grid=char_grid)
    _cover(document, doc)
    body = document.add_section(WD_SECTION.NEW_PAGE)
    _page(body, char_grid=char_grid)
    _footers(body)
    _paragraph(document, doc.title, "Title", TITLE_FONT, TITLE_SIZE)
    _paragraph(document, "")  # GB/T 9704: one blank line between the title and the text
    text_width = int(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
    _blocks(document, doc.blocks, text_width)
    appendix = doc.appendix or (scorecard_blocks(card) if card is not None else [])
    if appendix:
        landscape = document.add_section(WD_SECTION.NEW_PAGE)
        _page(landscape, landscape=True)
        label = _paragraph(document, "附件", font=HEI)
        _align(label, "left")
        title = doc.appendix_title or FORM_TITLE
        provisional = doc.provisional or bool(card and card.provisional)
        _paragraph(document, title + ("（暂定评分）" if provisional else ""), "Title", TITLE_FONT, TITLE_SIZE)
        _blocks(document, appendix, int(PAGE_HEIGHT - MARGIN_LEFT - MARGIN_RIGHT))
    return document


def render_docx(doc: Document, card: Scorecard | None, path: Path | str, char_grid: bool = True) -> Path:
    """Write `doc` as a GB/T 9704 Word file at `path`; with `card`, the 自评表 as a landscape appendix."""
    path = Path(path)
    build_docx(doc, card, char_grid).save(str(path))
    return path


__all__ = ["build_docx", "render_docx", "set_doc_grid", "set_run_properties"]

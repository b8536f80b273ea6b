"""The report as one self-contained HTML page: for the web application, for publication and as the PDF's source.

Everything is inline (one `<style>`, no script, no image, no link to fetch), text is escaped, headings are
semantic (`h1` the title, `h2`… the outline levels) and every table has a `thead`, so a browser, a screen
reader and WeasyPrint read the same structure. The print stylesheet lays the page out as GB/T 9704-2012
does: A4, margins 37/35/28/26 mm, body 3号 (16 pt) in 22 lines of 28 characters, page numbers "— 1 —" at
the outer bottom (CSS counters, where the engine has paged media), the cover without a number and the
自评表 appendix on landscape pages. Fonts are named as the standard names them (仿宋_GB2312, 黑体, 楷体_GB2312,
方正小标宋简体, 宋体), then the free Noto CJK faces a server has (Debian's fonts-noto-cjk).

The 自评表 appendix is the one drafted with the scorecard (`Document.appendix`, from
`draft.scorecard_blocks`), so its figures are the scoring engine's and a provisional card says so.
"""

from __future__ import annotations

from html import escape

from jixiao.io.scorecard_form import FORM_TITLE
from jixiao.render.document import Block, Document, Heading, Table
from jixiao.render.draft import scorecard_blocks
from jixiao.scoring.scorecard import Scorecard

# CSS font stacks: the official name first (kept, as in the docx), then common Windows/macOS names, then the
# Noto CJK faces of fonts-noto-cjk that a Linux server renders with.
SERIF = '"Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", serif'
SANS = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif'
FONTS = {
    "title": f'"方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", {SERIF}',
    "hei": f'"黑体", "SimHei", "STHeiti", {SANS}',
    "kai": f'"楷体_GB2312", "楷体", "KaiTi", "STKaiti", {SERIF}',
    "fang": f'"仿宋_GB2312", "仿宋", "FangSong", "STFangsong", {SERIF}',
    "song": f'"宋体", "SimSun", "STSong", {SERIF}',
}

# 3号 = 16 pt; 22 lines in the 225 mm text height (297 − 37 − 35) = 10.23 mm = 28.98 pt per line;
# 28 characters in the 156 mm text width (210 − 28 − 26) = 5.571 mm = 15.79 pt per character.
STYLE = f"""
:root {{ color: #000; background: #fff; }}
body {{ font-family: {FONTS["fang"]}; font-size: 16pt; line-height: 28.98pt; margin: 0 auto; max-width: 156mm;
  padding: 12mm 0; text-align: justify; }}
h1, h2, h3, h4, h5 {{ font-size: 16pt; font-weight: normal; margin: 0; line-height: 28.98pt; }}
h1 {{ font-family: {FONTS["title"]}; font-size: 22pt; line-height: 1.5; text-align: center; font-weight: bold;
  margin: 0 0 28.98pt; }}
h2 {{ font-family: {FONTS["hei"]}; text-indent: 2em; }}
h3 {{ font-family: {FONTS["kai"]}; text-indent: 2em; }}
h4 {{ font-family: {FONTS["fang"]}; font-weight: bold; text-indent: 2em; }}
h5 {{ font-family: {FONTS["fang"]}; text-indent: 2em; }}
p {{ margin: 0; text-indent: 2em; }}
p.note {{ color: #444; }}
.cover {{ text-align: center; min-height: 225mm; }}
.cover .attachment {{ font-family: {FONTS["hei"]}; text-align: left; text-indent: 0; }}
.cover .year, .cover .title {{ font-family: {FONTS["title"]}; font-size: 22pt; line-height: 1.6; text-indent: 0;
  font-weight: bold; }}
.cover .year {{ margin-top: 40mm; }}
.cover .unit, .cover .date {{ text-indent: 0; }}
.cover .unit {{ margin-top: 60mm; }}
figure.table {{ margin: 8pt 0 12pt; }}
figure.table figcaption {{ font-family: {FONTS["hei"]}; font-size: 14pt; text-align: center; line-height: 1.5; }}
figure.table .unit {{ font-size: 12pt; text-align: right; text-indent: 0; line-height: 1.5; }}
table {{ width: 100%; border-collapse: collapse; font-family: {FONTS["song"]}; font-size: 12pt; line-height: 1.4;
  text-align: left; }}
th, td {{ border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: middle; }}
th {{ font-family: {FONTS["hei"]}; font-weight: normal; text-align: center; background: #f2f2f2; }}
td.num {{ text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
.appendix h2 {{ text-indent: 0; }}
.appendix p.label {{ font-family: {FONTS["hei"]}; font-size: 16pt; text-indent: 0; text-align: left; }}
.appendix h2.form-title {{ font-family: {FONTS["title"]}; font-size: 18pt; text-align: center; font-weight: bold;
  text-indent: 0; line-height: 1.6; }}
.appendix table {{ font-size: 10.5pt; }}
.appendix p {{ font-size: 12pt; line-height: 1.6; }}
.provisional {{ color: #c00000; font-weight: bold; }}
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm; }}
@page :nth(2) {{ counter-reset: page 1; }}
@page :nth(2n) {{ margin: 37mm 26mm 35mm 28mm;
  @bottom-right {{ content: "— " counter(page) " —"; font-family: {FONTS["song"]}; font-size: 14pt;
    vertical-align: top; padding-top: 7mm; padding-right: 1em; }} }}
@page :nth(2n+3) {{ margin: 37mm 28mm 35mm 26mm;
  @bottom-left {{ content: "— " counter(page) " —"; font-family: {FONTS["song"]}; font-size: 14pt;
    vertical-align: top; padding-top: 7mm; padding-left: 1em; }} }}
@page cover {{ @bottom-left {{ content: none; }} @bottom-right {{ content: none; }} }}
@page appendix {{ size: A4 landscape; margin: 28mm 37mm 26mm 35mm; }}
@media print {{
  body {{ max-width: none; padding: 0; }}
  .cover {{ page: cover; break-after: page; min-height: 0; }}
  .appendix {{ page: appendix; break-before: page; }}
  h1, h2, h3, h4, h5, figcaption, .unit {{ break-after: avoid; page-break-after: avoid; }}
}}
"""


def appendix_of(doc: Document, card: Scorecard | None) -> tuple[str, list[Block]] | None:
    """The 自评表 appendix: its title and blocks as drafted, else drawn from `card`; None when there is none."""
    blocks = list(doc.appendix)
    if not blocks and card is not None:
        blocks = scorecard_blocks(card)
    if not blocks:
        return None
    year = f"{doc.cover.year}年度" if doc.cover.year is not None else ""
    title = doc.appendix_title or FORM_TITLE
    if year and not title.startswith(year):
        title = year + title
    return title, blocks


def _heading(block: Heading) -> str:
    level = min(max(block.level, 1), 4) + 1
    return f"<h{level}>{escape(block.numbering)}{escape(block.text)}</h{level}>"


def _table(block: Table) -> str:
    numeric = block.numeric + [False] * (len(block.header) - len(block.numeric))
    parts = ['<figure class="table">']
    if block.caption:
        parts.append(f"<figcaption>{escape(block.caption)}</figcaption>")
    if block.unit:
        parts.append(f'<p class="unit">单位：{escape(block.unit)}</p>')
    parts.append("<table>")
    parts.append("<thead><tr>" + "".join(f'<th scope="col">{escape(h)}</th>' for h in block.header) + "</tr></thead>")
    parts.append("<tbody>")
    for row in block.rows:
        cells = []
        for i, cell in enumerate(row):
            css = ' class="num"' if i < len(numeric) and numeric[i] else ""
            cells.append(f"<td{css}>{_lines(cell)}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table></figure>")
    return "\n".join(parts)


def _lines(text: str) -> str:
    """Escaped text, its line breaks kept (a cell listing several targets)."""
    return "<br>".join(escape(line) for line in text.split("\n"))


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return _heading(block)
    if isinstance(block, Table):
        return _table(block)
    css = ' class="note"' if block.kind == "note" else ""
    if block.kind == "note" and block.text.startswith("【"):
        css = ' class="note provisional"'
    return f"<p{css}>{escape(block.text)}</p>"


def _cover(doc: Document) -> str:
    cover = doc.cover
    lines = ['<section class="cover">']
    if cover.attachment:
        lines.append(f'<p class="attachment">{escape(cover.attachment)}</p>')
    title = cover.title
    if cover.year is not None:
        year = f"{cover.year}年度"
        lines.append(f'<p class="year">{escape(year)}</p>')
        title = title.removeprefix(year)
    lines.append(f'<p class="title">{escape(title)}</p>')
    if cover.unit:
        lines.append(f'<p class="unit">部门（单位）名称：{escape(cover.unit)}</p>')
    if cover.date:
        lines.append(f'<p class="date">{escape(cover.date)}</p>')
    lines.append("</section>")
    return "\n".join(lines)


def render_html(doc: Document, card: Scorecard | None = None, *, extra_css: str = "") -> str:
    """The document as one HTML page (UTF-8, inline CSS), the 自评表 appendix last when there is one.

    The appendix is `doc.appendix` as drafted; a document drafted without a scorecard gets it from `card`.

    `extra_css` is appended to the stylesheet: the PDF renderer uses it to point the fonts at local files.
    """
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="jixiao">',
        f"<title>{escape(doc.title)}</title>",
        f"<style>{STYLE}{extra_css}</style>",
        "</head>",
        "<body>",
        _cover(doc),
        '<main class="body">',
        f"<h1>{escape(doc.title)}</h1>",
    ]
    parts.extend(_block(block) for block in doc.blocks)
    parts.append("</main>")
    appendix = appendix_of(doc, card)
    if appendix is not None:
        title, blocks = appendix
        parts.append('<section class="appendix">')
        parts.append('<p class="label">附件</p>')  # GB/T 9704: an attachment opens with its label, as in the docx
        parts.append(f'<h2 class="form-title">{escape(title)}</h2>')
        parts.extend(_block(block) for block in blocks)
        parts.append("</section>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)

"""The report as Markdown, for quick review and for diffs between two drafts.

Deterministic: the same document gives the same bytes (no dates, no ids, LF line ends, one trailing
newline), so a changed figure shows as one changed line. Headings follow the outline (`#` the title,
`##` 一、, `###` （一）, …), tables are GitHub tables with the caption in bold above and the unit beside it,
figures right-aligned; text is escaped where Markdown would read it as markup (`*`, `_`, `|`, a line that
starts like a list item or a heading), so what is shown is what the report says.
"""

from __future__ import annotations

import re

from jixiao.render.document import Block, Document, Heading, Table
from jixiao.render.html import appendix_of
from jixiao.scoring.scorecard import Scorecard

_INLINE = re.compile(r"([\\`*_\[\]<>|#])")
_LEADING = re.compile(r"^(\s*)([-+]|\d+[.)])(?=\s|$)")  # a list marker needs a space after it


def escape_markdown(text: str) -> str:
    """Text as literal Markdown: inline markup characters and a list-like start backslash-escaped."""
    text = _INLINE.sub(r"\\\1", text)
    return _LEADING.sub(lambda m: m[1] + "\\" + m[2] if len(m[2]) == 1 else m[1] + m[2][:-1] + "\\" + m[2][-1], text)


def _cell(text: str) -> str:
    return "<br>".join(escape_markdown(line) for line in text.split("\n")) or " "


def _table(block: Table) -> list[str]:
    lines: list[str] = []
    caption = f"**{escape_markdown(block.caption)}**" if block.caption else ""
    unit = f"（单位：{escape_markdown(block.unit)}）" if block.unit else ""
    if caption or unit:
        lines += [caption + unit, ""]
    numeric = block.numeric + [False] * (len(block.header) - len(block.numeric))
    lines.append("| " + " | ".join(_cell(h) for h in block.header) + " |")
    lines.append("|" + "|".join("---:" if numeric[i] else "---" for i in range(len(block.header))) + "|")
    for row in block.rows:
        cells = list(row) + [""] * (len(block.header) - len(row))
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return lines


def _blocks(blocks: list[Block], shift: int = 0) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            level = min(max(block.level, 1) + 1 + shift, 6)
            lines.append("#" * level + " " + escape_markdown(block.numbering + block.text))
        elif isinstance(block, Table):
            lines += _table(block)
        elif block.kind == "note":
            lines.append("> " + escape_markdown(block.text))
        else:
            lines.append(escape_markdown(block.text))
        lines.append("")
    return lines


def render_markdown(doc: Document, card: Scorecard | None = None) -> str:
    """The document as Markdown: a cover line, the title, the outline, then the 自评表 appendix if any."""
    cover = doc.cover
    facts = [cover.attachment, f"{cover.year}年度" if cover.year is not None else None, cover.title]
    if cover.unit:
        facts.append(f"部门（单位）名称：{cover.unit}")
    facts.append(cover.date)
    lines = ["> " + escape_markdown(" · ".join(f for f in facts if f)), "", "# " + escape_markdown(doc.title), ""]
    lines += _blocks(doc.blocks)
    appendix = appendix_of(doc, card)
    if appendix is not None:
        title, blocks = appendix
        lines += ["---", "", "## " + escape_markdown(title), ""]
        lines += _blocks(blocks, shift=1)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(line.rstrip() for line in lines) + "\n"

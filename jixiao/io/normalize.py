"""Turn extracted lines into clean text the extractors can match, keeping each line's place.

Real reports arrive with full-width letters and punctuation, spaces inside numbers ("239.67 万元",
"占 100 %"), traditional characters and pinyin glosses from mirror sites ("預(yù)算"), tables as `|`
cells or one cell per line, and whole sections run together on one line by PDF extraction. Every
transformation here is character-local or splits a line, so a clean line always knows the raw line (and
thus the file, line number and page) it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jixiao.io.document import Line, SourceDocument

# full-width ASCII variants to ASCII, ideographic and no-break spaces to a plain space
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x200B: None, 0xFEFF: None})
_WIDTH.update({ord("〈"): ord("<"), ord("〉"): ord(">")})
_WIDTH.update({ord("∶"): ord(":"), ord("﹪"): ord("%")})
_WIDTH_CHARS = re.compile("[" + "".join(re.escape(chr(cp)) for cp in _WIDTH) + "]")


def narrow(text: str) -> str:
    """`text.translate(_WIDTH)`, several times faster on Chinese text: str.translate looks up every
    character in the table, while a report uses only a dozen of its characters, each replaced in one pass."""
    for ch in set(_WIDTH_CHARS.findall(text)):
        to = _WIDTH[ord(ch)]
        text = text.replace(ch, "" if to is None else chr(to))
    return text

# a pinyin gloss a mirror site inserts after a character: (yù), (zé), (lián)
_PINYIN = re.compile(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")
_SPACES = re.compile(r"\s+")
# a run of spaces not between two ASCII letters or digits; possessive, and never starting inside a run,
# so a run either goes whole or stays whole
_LONE_SPACES = re.compile(r"(?<![A-Za-z0-9\s])\s++|(?<!\s)\s++(?![A-Za-z0-9])")

CN_NUMERALS = "一二三四五六七八九十"  # the Chinese numerals of heading numbers (一、 （三）)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"  # the circled numbers of list items
# where a line that PDF or OCR ran together starts a new heading or numbered item
_RUN_TOGETHER_SPLIT = re.compile(
    rf"\s+(?=(?:[{CN_NUMERALS}]{{1,3}}、|[（(][{CN_NUMERALS}]{{1,3}}[）)]|\d{{1,2}}[、.](?!\d)|[（(]\d{{1,2}}[）)])\S)"
)
_HEAD_MARK = re.compile(rf"^(?:[{CN_NUMERALS}]{{1,3}}、|[（(][{CN_NUMERALS}]{{1,3}}[）)]|\d{{1,2}}、|[（(]\d{{1,2}}[）)])")
RUN_TOGETHER_MIN = 160  # characters: shorter lines are ordinary paragraphs


@dataclass(frozen=True, slots=True)
class CleanLine:
    """A normalised piece of text and the raw line it came from."""

    text: str
    source: Line


@lru_cache(maxsize=1)
def _t2s() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def _to_simplified(text: str) -> str:
    converter = _t2s()
    return converter.convert(text)  # type: ignore[attr-defined, no-any-return]


_TRADITIONAL_HINTS = re.compile("[們個這來說國會對時與後為從學還開關發點當經書車長問門區電實價際報導應總會議體麼縣預據績評網計處組織務產]")


# a full line ending in 。 usually still wraps (the sentence just ended at the margin); a colon ends a label
_WRAP_END = re.compile(r"(?<!\d)[:：]\s*$")
_WRAP_FULL = 0.7  # a PDF line this close to the page's widest line was wrapped by the layout, not the author


# half-width units: a cover page's short lines are never wrapped paragraphs, while a 公文 line of 28
# characters (GB/T 9704, 56 units; a little less where the layout squeezes punctuation) is
_WRAP_MIN = 40
_HEADING_SLACK = 4  # half-width units: a heading this much shorter than the widest line did not wrap
# the page number GB/T 9704 prints at the foot of each page ("— 3 —"): page furniture, not text
_PAGE_NUMBER = re.compile(r"^\s*[—–－-]+\s*\d{1,4}\s*[—–－-]+\s*$")


def _width(text: str) -> int:
    """Half-width units: a non-ASCII character (CJK text and its punctuation are full-width) counts two."""
    text = text.strip()
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


def rejoin_wrapped(lines: list[Line]) -> list[Line]:
    """Join the lines a PDF layout wrapped: a full-width line not ending a sentence runs on into the next.

    Page numbers ("— 3 —") are dropped first, so a paragraph running across a page break joins up whole.

    The joined line keeps the first line's number and page, so a value read from it points to where the
    statement starts.
    """
    lines = [line for line in lines if not _PAGE_NUMBER.match(line.text)]
    widths = [_width(line.text) for line in lines]
    widest: dict[int | None, int] = {}
    for line, width in zip(lines, widths, strict=True):
        widest[line.page] = max(widest.get(line.page, 0), width)
    full_from = {page: max(_WRAP_FULL * w, _WRAP_MIN) for page, w in widest.items()}
    groups: list[tuple[Line, list[str]]] = []  # a first line and the stripped lines that run on from it
    joining = False
    for line, width in zip(lines, widths, strict=True):
        stripped = line.text.strip()
        heading = False
        if joining and groups and stripped and not _HEAD_MARK.match(stripped):
            groups[-1][1].append(stripped)
            tail = stripped
        else:
            groups.append((line, []))
            tail = line.text
            heading = bool(_HEAD_MARK.match(stripped))
        # a heading ends its line unless it fills it: a long one ("九、部门整体支出绩效自评结果拟应用和公开情况")
        # can pass the full-width mark of 0.7 and would swallow the paragraph under it
        short_heading = heading and width < widest[line.page] - _HEADING_SLACK
        joining = width >= full_from[line.page] and not _WRAP_END.search(tail) and not short_heading
    return [
        Line(first.no, first.text.rstrip() + "".join(rest), first.page) if rest else first for first, rest in groups
    ]


def normalize_document(doc: SourceDocument) -> list[CleanLine]:
    """Normalise every line of a document; lines that ran together are split where a heading starts."""
    source_lines = rejoin_wrapped(doc.lines) if doc.kind == "pdf" else doc.lines
    raw_texts = [line.text for line in source_lines]
    joined = "\n".join(raw_texts)
    if _TRADITIONAL_HINTS.search(joined):
        # OpenCC maps character by character and keeps the line breaks
        joined = _to_simplified(joined)
    # one pass over the whole text is far cheaper than one per line; neither step touches a line break
    texts = _PINYIN.sub("", narrow(joined)).split("\n")
    if len(texts) != len(source_lines):  # a line break inside a line's own text: fall back line by line
        texts = [_PINYIN.sub("", narrow(_to_simplified(t) if _TRADITIONAL_HINTS.search(t) else t)) for t in raw_texts]
    clean: list[CleanLine] = []
    for line, text in zip(source_lines, texts, strict=True):
        pieces = [text]
        if len(text) >= RUN_TOGETHER_MIN:
            pieces = [p for p in _RUN_TOGETHER_SPLIT.split(text) if p.strip()]
            pieces = [q for p in pieces for q in _split_heading_from_body(p)]
        for piece in pieces:
            if "|" not in piece:
                clean.append(CleanLine(squeeze(piece), line))
                continue
            # a table row as `|` cells: each cell is a line of its own, so headings and labels inside it are found
            clean.extend(CleanLine(squeeze(c), line) for c in piece.split("|") if c.strip())
    return _join_label_value_cells(_rebuild_cell_rows(clean))


_CELL_VALUE = re.compile(r"^(?:-?\d[\d,]*(?:\.\d+)?%?|/)$")
_CELL_LABEL = re.compile(r"^(?=.*[\u4e00-\u9fff])[^\d。;]{1,14}$")
_NOT_MONEY = re.compile(r"率|权重|得分|分值|比例")
_GROUP_UNIT = re.compile(r"\((万元|元|亿元)\)$")
_HEADER_REACH = 40  # lines a table's header row stays in force for the rows below it


def _rebuild_cell_rows(lines: list[CleanLine]) -> list[CleanLine]:
    """A table published one cell per line: header labels, then a row label and its values.

    '年初预算' '调整后预算数' '预算执行数' … '总额' '238.93' '251.89' '251.89' becomes one statement,
    '总额:年初预算238.93万元,调整后预算数251.89万元,…', the unit taken from a '(万元)' group header.
    """
    out: list[CleanLine] = []
    headers: list[str] = []
    unit = ""
    headers_at = -_HEADER_REACH
    i = 0
    texts = [line.text for line in lines]
    # each line tested once: the scan below revisits a line for every start position in its run
    is_label = [bool(t) and _CELL_LABEL.match(t) is not None for t in texts]
    is_value = [_CELL_VALUE.match(t) is not None for t in texts]
    while i < len(lines):
        # a run of short label cells, then a run of value cells
        j = i
        while j < len(lines) and is_label[j]:
            j += 1
        k = j
        while k < len(lines) and is_value[k]:
            k += 1
        labels, values = texts[i:j], texts[j:k]
        if labels and len(values) >= 2:
            if len(labels) >= 3:
                group = [t for t in labels[:-1] if _GROUP_UNIT.search(t)]
                unit = _GROUP_UNIT.search(group[-1])[1] if group else ""  # type: ignore[index]
                headers = [t for t in labels[:-1] if not _GROUP_UNIT.search(t)]
                headers_at = i
            if headers and i - headers_at <= _HEADER_REACH:
                out.extend(lines[i : j - 1])
                cells = [
                    f"{h}{v}{unit if not v.endswith('%') and not _NOT_MONEY.search(h) else ''}"
                    for h, v in zip(headers, values, strict=False)
                    if v != "/"
                ]
                out.append(CleanLine(f"{labels[-1]}:{','.join(cells)}", lines[j - 1].source))
                i = k
                continue
        out.append(lines[i])
        i += 1
    return out


_BARE_VALUE = re.compile(r"^-?\d[\d,]*(?:\.\d+)?(?:%|万元|元|人|个)?$")
_LABEL = re.compile(r"^[\u4e00-\u9fff()（）]{2,10}$")


def _join_label_value_cells(lines: list[CleanLine]) -> list[CleanLine]:
    """A form rendered one cell per line ('人员编制' then '21') becomes one statement: '人员编制:21'."""
    out: list[CleanLine] = []
    pending: CleanLine | None = None
    for line in lines:
        if not line.text:
            if pending is None:
                out.append(line)
            continue
        if pending is not None:
            if _BARE_VALUE.match(line.text):
                out.append(CleanLine(f"{pending.text}:{line.text}", pending.source))
                pending = None
                continue
            out.append(pending)
            pending = None
        if _LABEL.match(line.text) and not _HEAD_MARK.match(line.text):
            pending = line
        else:
            out.append(line)
    if pending is not None:
        out.append(pending)
    return out


def _split_heading_from_body(piece: str) -> list[str]:
    """'(一)部门职能 我局负责…' from a run-together line: the short heading becomes a line of its own."""
    if not _HEAD_MARK.match(piece):
        return [piece]
    head, sep, rest = piece.partition(" ")
    title = _HEAD_MARK.sub("", head)
    if sep and rest and 2 <= len(title) <= 20 and not re.search(r"[。;；,，:：]", title):
        return [head, rest]
    return [piece]


def squeeze(text: str) -> str:
    """Remove the spaces PDF extraction and typists put inside Chinese text and numbers.

    A run of spaces survives, as one space, only between two ASCII letters or digits ("2023 5 31" keeps
    its day and month apart, "PVC 110" its words).
    """
    text = text.strip()
    if not _SPACES.search(text):
        return text
    return _SPACES.sub(" ", _LONE_SPACES.sub("", text))

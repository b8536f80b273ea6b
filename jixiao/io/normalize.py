"""Turn extracted lines into clean text the extractors can match, keeping each line's place.

Real reports arrive with full-width letters and punctuation, spaces inside numbers ("239.67 万元",
"占 100 %"), traditional characters and pinyin glosses from mirror sites ("預(yù)算"), tables as `|`
cells or one cell per line, and whole sections run together on one line by PDF extraction. Numbers end in
the one form `numerals.canonical` gives them (1305.20, 95%, 239.67万元), and a table's bare numbers take
the unit its header declares ("单位：元"). Every transformation here is local to a line or splits one, so a
clean line always knows the raw line (and thus the file, line number and page) it came from.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from statistics import median

from jixiao.io.document import Line, SourceDocument
from jixiao.io.numerals import CIRCLED, CN_NUMERALS, UNIT_DECLARED, canonical, lines_with_number_forms

# full-width ASCII variants to ASCII; ideographic, no-break, en, em, thin and narrow no-break spaces to a plain one
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x202F: 0x20})
_WIDTH.update({0x200B: None, 0xFEFF: None})
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
_ASCII_WORD = frozenset(string.ascii_letters + string.digits)  # what a run of spaces survives between

# the number of an item: no numbering starts with a 0 ("02、" is a form's option code run into its text)
_ITEM_NO = r"[1-9]\d?"
# where a line that PDF or OCR ran together starts a new heading or numbered item
_MARK_AHEAD = rf"(?=(?:[{CN_NUMERALS}]{{1,3}}、|[（(][{CN_NUMERALS}]{{1,3}}[）)]|{_ITEM_NO}[、.](?!\d)|[（(]{_ITEM_NO}[）)])\S)"
_RUN_TOGETHER_SPLIT = re.compile(rf"\s+{_MARK_AHEAD}")
# In a PDF, a space between CJK text and a figure is most often the room a layout leaves between the two
# scripts, which pdfium writes as a space: no boundary the writer typed. So there a numbering in digits after
# CJK text ("项目类别 1、") starts no item; one in Chinese numerals ("…工作 （二）") still does.
_IDEOGRAPH = "\u3400-\u9fff"
_PDF_RUN_TOGETHER_SPLIT = re.compile(
    rf"(?<![\s{_IDEOGRAPH}])\s+{_MARK_AHEAD}|(?<=[{_IDEOGRAPH}])\s+(?=(?:[{CN_NUMERALS}]{{1,3}}、|[（(][{CN_NUMERALS}]{{1,3}}[）)])\S)"
)
# a space a PDF layout may have put between CJK text and a figure, either way round (before a numbered item,
# "任务 1、强化…", it may be the end of a heading all the same)
_SCRIPT_GAP = re.compile(
    rf"(?<=[{_IDEOGRAPH}])\s+(?=[0-9A-Za-z])(?!\d{{1,2}}[、.](?!\d))|(?<=[0-9A-Za-z])\s+(?=[{_IDEOGRAPH}])"
)
_HEAD_MARK = re.compile(rf"^(?:[{CN_NUMERALS}]{{1,3}}、|[（(][{CN_NUMERALS}]{{1,3}}[）)]|{_ITEM_NO}、|[（(]{_ITEM_NO}[）)])")
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


# How a PDF line was wrapped, told from its text alone (pdfium gives no paragraph breaks): a layout breaks a
# line only when the next word does not fit, so a line with room left for the word that starts the next
# line ended its paragraph there. A word is a CJK character or a run of Latin letters and digits, with the
# punctuation that may not start a line (，。） …) or end one (（《“ …) attached, as the layout keeps them.
_CLOSING = ",.;:!?)\\]%，。、；：！？）〕】》〉」』”’"
_NO_LINE_START = re.compile(f"[{_CLOSING}]")
_NEXT_WORD = re.compile(f"[(\\[（〔【《〈「『“‘]*(?:[!-~]+|\\S)[{_CLOSING}]*")
_WRAP_FULL = 0.7  # a line shorter than this share of the measure is never a wrapped one
# half-width units: a cover page's short lines are never wrapped paragraphs, while a 公文 line of 28
# characters (GB/T 9704, 56 units; a little less where the layout squeezes punctuation) is
_WRAP_MIN = 40
# Widths are counted, not measured: plain CJK text counts exactly, but a Latin letter or digit may be a
# quarter unit wider or narrower than counted, and a layout may stretch or squeeze a line by a character.
# So a line that stops mid-sentence is taken as wrapped even with that much room left. A line that ends a
# sentence usually ends its paragraph too: it is taken as wrapped only when the next word truly did not fit.
_WRAP_SLACK = 4
_LATIN_SLACK = 0.25
_SENTENCE_END = re.compile(r"[。！？!?]$")
# a numbered item starts a paragraph: "5." and "②" as well as the heading marks ("5、", "（五）")
_ITEM_START = re.compile(rf"^(?:{_ITEM_NO}\.(?!\d)|[{CIRCLED}])")
# The measure of a page is known from its own lines when this many reach (within a character) its widest
# line. A cover or contents page, whose one long line is the title, takes the measure of the body pages.
_MEASURE_LINES = 3
_MEASURE_NEAR = 2
# the page number GB/T 9704 prints at the foot of each page ("— 3 —"): page furniture, not text
PAGE_NUMBER = re.compile(r"^\s*[—–－-]+\s*\d{1,4}\s*[—–－-]+\s*$")


# East Asian width W or F (Unicode's wide and full-width characters), as ranges: a line is measured by its
# runs of other characters, which a regular expression finds far faster than a test per character
_WIDE_RANGES = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\U0001f300-\U0001f64f"
    "\U0001f900-\U0001f9ff\U00020000-\U0003fffd"
)
_NARROW_RUN = re.compile(f"[^{_WIDE_RANGES}]+")
_LATIN_RUN = re.compile("[!-~]+")


def _width(text: str) -> float:
    """Half-width units: a wide character (CJK text and its punctuation) counts two, any other one.

    Characters of ambiguous width (“ ” ≤ × ①) count one: a layout draws them from the Latin font. An ASCII
    space counts a half: pdfium writes one for the gap a layout leaves between CJK text and a number. An
    indent typed as spaces ("　　") takes its room on the line, so only trailing spaces are dropped.
    """
    text = text.rstrip()
    return 2 * len(text) - sum(map(len, _NARROW_RUN.findall(text))) - text.count(" ") / 2


def _measures(lines: list[Line], widths: list[float]) -> dict[int | None, float]:
    """The width of a full line on each page, in half-width units."""
    by_page: dict[int | None, list[float]] = {}
    for line, width in zip(lines, widths, strict=True):
        by_page.setdefault(line.page, []).append(width)
    widest = {page: max(ws) for page, ws in by_page.items()}
    known = {
        page
        for page, w in widest.items()
        if w >= _WRAP_MIN and sum(x >= w - _MEASURE_NEAR for x in by_page[page]) >= _MEASURE_LINES
    }
    body = median(widest[page] for page in known) if known else 0
    return {page: w if page in known else max(w, body) for page, w in widest.items()}


def _full_from(measure: float) -> float:
    """The least width of a line that may have wrapped, on a page of this measure."""
    return max(_WRAP_FULL * measure, _WRAP_MIN)


def _starts_paragraph(text: str) -> bool:
    """A blank line, an indented one (a wrapped line never starts with a space), a heading or a numbered item."""
    stripped = text.strip()
    numbered = _HEAD_MARK.match(stripped) or _ITEM_START.match(stripped)
    return not stripped or text[0].isspace() or numbered is not None


def _wraps(text: str, width: float, measure: float, following: str) -> bool:
    """Whether a printed line at least `_full_from` wide runs on into the next: the next line's first word
    would not have fit on it."""
    if text.endswith("|"):  # a `|` ends a table row
        return False
    word = _NEXT_WORD.match(following.strip())
    latin = sum(map(len, _LATIN_RUN.findall(text)))
    slack = (0 if _SENTENCE_END.search(text) else _WRAP_SLACK) + _LATIN_SLACK * latin
    return measure - width < (_width(word.group()) if word else 0) + slack


def rejoin_wrapped(lines: list[Line]) -> list[Line]:
    """Join the lines a PDF layout wrapped: a line runs on into the next when the next one's first word
    would not have fit on it.

    Page numbers ("— 3 —") are dropped first, so a paragraph running across a page break joins up whole. A line
    below blank room on its page (`Line.follows_gap`: a blank line of the document) starts a paragraph.

    The joined line keeps the first line's number and page, so a value read from it points to where the
    statement starts.
    """
    lines = [line for line in lines if not PAGE_NUMBER.match(line.text)]
    # A line of fewer than (_WRAP_MIN - _MEASURE_NEAR) / 2 characters can neither wrap nor set a page's
    # measure, whatever its exact width: twice its length, an upper bound, serves without measuring it.
    widths = [
        _width(line.text) if 2 * len(line.text) >= _WRAP_MIN - _MEASURE_NEAR else 2 * len(line.text.rstrip())
        for line in lines
    ]
    measures = _measures(lines, widths)
    full_from = {page: _full_from(measure) for page, measure in measures.items()}
    groups: list[tuple[Line, list[Line]]] = []  # a first line and the lines that run on from it
    joining = False
    last = len(lines) - 1
    for n, (line, width) in enumerate(zip(lines, widths, strict=True)):
        stripped = line.text.strip()
        if joining and not (line.follows_gap or _starts_paragraph(line.text)):
            groups[-1][1].append(line)
        else:
            groups.append((line, []))
        # most lines are short of the measure and end their paragraph: settled here without a call
        joining = (
            width >= full_from[line.page]
            and n < last
            and bool(following := lines[n + 1].text)
            and _wraps(stripped, width, measures[line.page], following)
        )
    return [_joined(first, rest) if rest else first for first, rest in groups]


def _joined(first: Line, rest: list[Line]) -> Line:
    """One line of a paragraph's printed lines, read by OCR if any of them was (it may run onto a scanned page)."""
    text = first.text.rstrip() + "".join(line.text.strip() for line in rest)
    ocr = first.ocr or next((line.ocr for line in rest if line.ocr), None)
    return Line(first.no, text, first.page, ocr, first.follows_gap)


def normalize_document(doc: SourceDocument) -> list[CleanLine]:
    """Normalise every line of a document; lines that ran together are split where a heading starts."""
    source_lines = rejoin_wrapped(doc.lines) if doc.kind == "pdf" else doc.lines
    raw_texts = [line.text for line in source_lines]
    joined = "\n".join(raw_texts)
    if _TRADITIONAL_HINTS.search(joined):
        # OpenCC maps character by character and keeps the line breaks
        joined = _to_simplified(joined)
    # one pass over the whole text is far cheaper than one per line; neither step touches a line break
    cleaned = _PINYIN.sub("", narrow(joined))
    texts = cleaned.split("\n")
    by_line = len(texts) != len(source_lines)
    if by_line:  # a line break inside a line's own text: fall back line by line
        texts = [_PINYIN.sub("", narrow(_to_simplified(t) if _TRADITIONAL_HINTS.search(t) else t)) for t in raw_texts]
    # A PDF line as rejoined is already cut wherever a numbered item starts a printed line, so a section run
    # together arrives in pieces of any length: there a mark after a space is the sign by itself. Few lines
    # have one: one search of the whole text tells whether any line need be searched.
    marks = doc.kind == "pdf" and (by_line or _SPACE_BEFORE_MARK.search(cleaned) is not None)
    pdf = doc.kind == "pdf"
    split = _PDF_RUN_TOGETHER_SPLIT if pdf else _RUN_TOGETHER_SPLIT
    # So with numbers in other forms than the canonical one (1,305.20, 百分之九十五, ￥…): few lines hold one.
    # (A line break inside a line's own text is a space to the search, as it is to `squeeze`.)
    whole = "\n".join(t.replace("\n", " ") for t in texts) if by_line else cleaned
    forms = lines_with_number_forms(whole)
    clean: list[CleanLine] = []
    for n, (line, text) in enumerate(zip(source_lines, texts, strict=True)):
        rewrite = n in forms
        if len(text) >= RUN_TOGETHER_MIN or (marks and split.search(text)):
            pieces = [p for p in split.split(text) if p.strip()]
            pieces = [q for p in pieces for q in _split_heading_from_body(p, pdf)]
        elif "|" not in text:  # most lines: one clean line, without the loop over pieces below
            clean.append(CleanLine(clean_text(text) if rewrite else squeeze(text), line))
            continue
        else:
            pieces = [text]
        for piece in pieces:
            if "|" not in piece:
                clean.append(CleanLine(clean_text(piece) if rewrite else squeeze(piece), line))
                continue
            # a table row as `|` cells: each cell is a line of its own, so headings and labels inside it are found
            cells = (c for c in piece.split("|") if c.strip())
            clean.extend(CleanLine(clean_text(c, cell=True) if rewrite else squeeze(c), line) for c in cells)
    return _join_label_value_cells(_rebuild_cell_rows(_split_colon_headings(_join_split_numbers(clean))))



# A heading with its body after a colon on the same line: "（一）部门概况：本局是…", "二、基本情况:…". The
# heading keeps its colon as written; the body becomes a line of its own (the same raw line), read as the body
# of that heading. Only the numberings of headings (一、 （一） 一)) are taken: "1、收入:792.22万元" is an item.
_COLON_HEADING = re.compile(
    rf"^(?P<head>(?:[{CN_NUMERALS}]{{1,3}}[、.]|\([{CN_NUMERALS}]{{1,3}}\)|[{CN_NUMERALS}]{{1,3}}\))[^\d:;,。、()]{{2,20}}:)"
    r"(?P<body>.*\S.*)$"
)


def _split_colon_headings(lines: list[CleanLine]) -> list[CleanLine]:
    out: list[CleanLine] = []
    for line in lines:
        text = line.text
        found = _COLON_HEADING.match(text) if ":" in text and (text[:1] in CN_NUMERALS or text[:1] == "(") else None
        if found is None:
            out.append(line)
        else:
            out.extend((CleanLine(found["head"], line.source), CleanLine(found["body"].strip(), line.source)))
    return out


# a line that stops inside a number ("…收入合计23") and the line that finishes it ("9.67万元，…"): no paragraph
# starts with the rest of an amount, so the line break fell inside the number (a PDF wraps a narrow cell so)
_NUMBER_CUT = re.compile(r"[\u4e00-\u9fff:]\d+$")
_NUMBER_REST = re.compile(r"^(?:\d+(?:\.\d+)?|\.\d+)(?:亿元|万元|千元|元|%)")


def _join_split_numbers(lines: list[CleanLine]) -> list[CleanLine]:
    """Join a line to the next where a line break cut a number in two: '收入合计23' '9.67万元' is one line."""
    out: list[CleanLine] = []
    for line in lines:
        before = out[-1].text if out else ""
        across = bool(out) and line.source is not out[-1].source  # a line break, not the cells of one "|" row
        if across and before[-1:].isdigit() and _NUMBER_REST.match(line.text) and _NUMBER_CUT.search(before):
            out[-1] = CleanLine(before + line.text, out[-1].source)  # both canonical, and so is the join
        else:
            out.append(line)
    return out


# `_RUN_TOGETHER_SPLIT` within one line of a text of many: the mark cannot reach past a line break
_SPACE_BEFORE_MARK = re.compile(rf"[^\S\n]+{_MARK_AHEAD}")
_CELL_VALUE = re.compile(r"^(?:-?\d[\d,]*(?:\.\d+)?%?|/)$")
# a cell of words, perhaps led by a year ("2023 年实际在职人数")
_CELL_LABEL = re.compile(r"^(?=.*[\u4e00-\u9fff])(?:(?:19|20)\d{2}年)?[^\d。;]{1,14}$")
_NOT_MONEY = re.compile(r"率|权重|得分|分值|比例")
# a group header's unit, its bracket left open where the page lost it: "年度预算数(万元)", "(万元", "人员情况(人"
_GROUP_UNIT = re.compile(r"\((万元|元|亿元|人)\)?$")
_GROUP_ONLY = re.compile(r"^\((?:万元|元|亿元|人)\)?$")  # the unit in a cell of its own, under the group's name
# no column's header: the words introducing the table ("情况如下:"), or a row label that ends in a colon
_NOT_HEADER = re.compile(r"如下|:$")
# the header of the column of row labels, which holds no values: "项目", "类别"
_ROW_HEADER = re.compile(r"^(?:项目|科目|指标|类别|名称|内容|类型|资金来源|来源)$")
# a row label that sums the rows: never the last header of a row of column headers
_TOTAL_ROW = re.compile(r"合计|总计|小计|总额|其中")
# "按收入性质分:2030.12", a label and its value in one cell
_CELL_PAIR = re.compile(r"^[^\d]{1,24}:\s*-?\d[\d,]*(?:\.\d+)?$")
_HEADER_REACH = 40  # cells (blank lines not counted) a table's header row stays in force for the rows below it


def _rebuild_cell_rows(lines: list[CleanLine]) -> list[CleanLine]:
    """A table published one cell per line (or as "|" cells, one per line by now), blank lines between the
    cells or not. Two layouts:

    - a row of column headers and a row of as many values: '编制数' '实有人数' '12' '11' becomes two statements,
      '编制数:12' and '实有人数:11';
    - column headers, then a row label and its values: '年初预算' '调整后预算数' '预算执行数' … '总额' '238.93'
      '251.89' '251.89' becomes '总额:年初预算238.93万元', '总额:调整后预算数251.89万元', …, and a later row
      label with its values is read under the same headers. The header of the row labels' own column ('项目')
      is no column of values.

    Each statement stands on its value's line, so a figure read from it is cited where it is printed.

    The unit is taken from a '(万元)' group header (its bracket may be left open), or else from the unit declared
    above the table ("单位：元"); a cell '按收入性质分:2030.12'
    within the table's reach gets it too. The words that introduce a table ('情况如下:') head no column.
    """
    texts = [line.text for line in lines]
    filled = [n for n, t in enumerate(texts) if t]  # blank lines between cells are no cells
    # each line tested once: the scan below revisits a line for every start position in its run
    is_value = [_CELL_VALUE.match(t) is not None for t in texts]
    if not any(is_value[a] and is_value[b] for a, b in pairwise(filled)):  # no two values in a row: no table
        return lines
    # a label has at most 19 characters (`_CELL_LABEL`, a year before 14): longer lines need no test; a unit
    # declared above the table ("单位:元") is none
    is_label = [
        0 < len(t) <= 19 and _CELL_LABEL.match(t) is not None and not _HEAD_MARK.match(t) and not _declares(t)
        for t in texts
    ]
    declared = _declared_units(texts)
    # where the run of labels, and of values, starting at each filled line ends: known at once from any start,
    # so a long run (thousands of number-only lines) is walked once, not once per line in it
    label_end = _run_ends([is_label[n] for n in filled])
    value_end = _run_ends([is_value[n] for n in filled])
    out: list[CleanLine] = []
    headers: list[str] = []
    unit = ""
    headers_at = -_HEADER_REACH
    done = -1  # the last line already given out as part of a row
    p = 0
    while p < len(filled):
        i = filled[p]
        # a run of short label cells, then a run of value cells
        q = label_end[p]
        r = value_end[q]
        if q > p and r - q >= 2:
            labels, values = [texts[n] for n in filled[p:q]], [texts[n] for n in filled[q:r]]
            start = _header_start(labels)
            columns = _columns(labels[start:])
            # headers stand in a row above the values': cells of one "|" row are one row, not headers and values
            values_row = lines[filled[q]].source
            if len(columns) == len(values) and not _TOTAL_ROW.search(labels[-1]) and lines[i].source is not values_row:
                group_unit = _unit_of(labels[start:]) or declared[i]
                _emit_up_to(out, lines, done, i)
                out.extend(lines[n] for n in filled[p : p + start])
                out.extend(
                    CleanLine(f"{h}:{_with_unit(h, v, group_unit)}", lines[n].source)
                    for h, v, n in zip(columns, values, filled[q:r], strict=True)
                    if v != "/"
                )
                done, p = filled[r - 1], r
                continue
            if len(labels) - start >= 3 and lines[filled[q - 2]].source is not values_row:
                unit = _unit_of(labels[start:-1])
                headers = _columns(labels[start:-1])
                if headers and _ROW_HEADER.match(headers[0]) and len(headers) > len(values):
                    headers = headers[1:]
                headers_at = p
            if headers and p - headers_at <= _HEADER_REACH and _fits(headers, values):
                _emit_up_to(out, lines, done, i)
                out.extend(lines[n] for n in filled[p : q - 1])
                row = texts[filled[q - 1]].rstrip(":")
                out.extend(
                    CleanLine(f"{row}:{h}{_with_unit(h, v, unit or declared[i])}", lines[n].source)
                    for h, v, n in zip(headers, values, filled[q:r], strict=True)
                    if v != "/"
                )
                done, p = filled[r - 1], r
                continue
        if unit and p - headers_at <= _HEADER_REACH and _CELL_PAIR.match(texts[i]):
            _emit_up_to(out, lines, done, i)
            out.append(CleanLine(texts[i] + unit, lines[i].source))
            done = i
        # a run of labels read as no table is not tried again from its second label: a shorter run could fit
        # values to headers by chance
        p = q if q > p and r > q else p + 1
    _emit_up_to(out, lines, done, len(lines))
    return out


def _fits(headers: list[str], values: list[str]) -> bool:
    """Whether a row's values stand under the headers in order: one value per header. An empty cell leaves no
    line, so in a shorter row which value stands under which header cannot be known: it is not read."""
    return len(values) == len(headers)


def _emit_up_to(out: list[CleanLine], lines: list[CleanLine], done: int, end: int) -> None:
    """The lines after the last one given out, up to `end` (blank lines between cells among them)."""
    out.extend(lines[done + 1 : end])


def _header_start(labels: list[str]) -> int:
    """Where the column headers of a run of labels start: after the last label that heads no column (but the
    run's last label, which may be a row label), or at the group header over them ("年度预算申请" "(万元")."""
    start = 0
    for n, label in enumerate(labels[:-1]):
        if _NOT_HEADER.search(label):
            start = n + 1
        elif _GROUP_ONLY.match(label):
            start = max(n - 1, start)
        elif _GROUP_UNIT.search(label):
            start = n
    return start


def _columns(labels: list[str]) -> list[str]:
    """The labels that head a column: not a group header, nor the group's name standing over its unit."""
    return [
        label
        for n, label in enumerate(labels)
        if not _GROUP_UNIT.search(label) and not (n + 1 < len(labels) and _GROUP_ONLY.match(labels[n + 1]))
    ]


def _unit_of(labels: list[str]) -> str:
    """The money unit a group header gives ("(万元)"); none for a group counted in people."""
    found = [match[1] for label in labels if (match := _GROUP_UNIT.search(label))]
    return found[-1] if found and found[-1] != "人" else ""


def _with_unit(header: str, value: str, unit: str) -> str:
    """A money value with its unit; a rate, a score or a count of people or things keeps none."""
    money = unit and not value.endswith("%") and not _NOT_MONEY.search(header) and not _COUNT_LABEL.search(header)
    return value + unit if money else value


def _run_ends(flags: list[bool]) -> list[int]:
    """For each index, the end of the run of true flags starting there (the index itself where false); one
    entry more, for the end of the list."""
    ends = list(range(len(flags) + 1))
    for n in range(len(flags) - 1, -1, -1):
        if flags[n]:
            ends[n] = ends[n + 1]
    return ends


_BARE_VALUE = re.compile(r"^-?\d[\d,]*(?:\.\d+)?(?:%|万元|元|人|个)?$")
_BARE_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_LABEL = re.compile(r"^[\u4e00-\u9fff()（）]{2,10}$")
# a label whose value is a count, not money, even where the table's unit is declared
_COUNT_LABEL = re.compile(r"编制|人数|人员$|个数|数量|户数|次数|名额")
# the headings a declared unit ends at: a section's (一、 （一）), not a table row's (1、 (1))
_SECTION_MARK = re.compile(rf"^(?:[{CN_NUMERALS}]{{1,3}}、|[（(][{CN_NUMERALS}]{{1,3}}[）)])")


def _declares(text: str) -> bool:
    return "单位" in text and UNIT_DECLARED.search(text) is not None


def _declared_units(texts: list[str]) -> list[str]:
    """The money unit a table header or heading declares ("单位：元", "（单位：万元）") in force at each line:
    from the declaration to the next section heading or declaration; "" where none is."""
    units: list[str] = []
    unit = ""
    for text in texts:
        if unit and _SECTION_MARK.match(text):
            unit = ""
        declared = UNIT_DECLARED.search(text) if "单位" in text else None
        if declared is not None:
            unit = declared["unit"]
        units.append(unit)
    return units


def _join_label_value_cells(lines: list[CleanLine]) -> list[CleanLine]:
    """A form rendered one cell per line ('人员编制' then '21') becomes one statement: '人员编制:21'.

    Where the table declares its unit ("单位：元"), a bare amount takes it: '收入合计' '1205000' is
    '收入合计:1205000元'."""
    declared = _declared_units([line.text for line in lines])
    out: list[CleanLine] = []
    pending: CleanLine | None = None
    for n, line in enumerate(lines):
        if not line.text:
            if pending is None:
                out.append(line)
            continue
        if pending is not None:
            if _BARE_VALUE.match(line.text):
                value = _with_unit(pending.text, line.text, declared[n]) if _BARE_NUMBER.match(line.text) else line.text
                out.append(CleanLine(f"{pending.text}:{value}", pending.source))
                pending = None
                continue
            out.append(pending)
            pending = None
        # a label has at most 10 characters (`_LABEL`): longer lines need no test
        if len(line.text) <= 10 and _LABEL.match(line.text) and not _HEAD_MARK.match(line.text):
            pending = line
        else:
            out.append(line)
    if pending is not None:
        out.append(pending)
    return out


def _split_heading_from_body(piece: str, pdf: bool = False) -> list[str]:
    """'(一)部门职能 我局负责…' from a run-together line: the short heading becomes a line of its own. In a PDF
    the space between CJK text and a figure ("总长为 3.75km") is the layout's, not the end of a heading."""
    if not _HEAD_MARK.match(piece):
        return [piece]
    gap = next((m for m in _SPACES.finditer(piece) if not (pdf and _SCRIPT_GAP.match(piece, m.start()))), None)
    if gap is None:
        return [piece]
    head, sep, rest = piece[: gap.start()], " ", piece[gap.end() :]
    title = _HEAD_MARK.sub("", head)
    # no body starts with a comma or a stop: a space before one ("“龙头” ,带动") is a gap pdfium wrote
    body = bool(rest) and not _NO_LINE_START.match(rest)
    if sep and body and 2 <= len(title) <= 20 and not re.search(r"[。;；,，:：]", title):
        return [head, rest]
    return [piece]


def clean_text(text: str, cell: bool = False) -> str:
    """A piece of narrowed text (a `cell` of a table) as the extractors read it: spaces squeezed out, numbers
    in canonical form."""
    return canonical(squeeze(text), cell)


def squeeze(text: str) -> str:
    """Remove the spaces PDF extraction and typists put inside Chinese text and numbers.

    A run of spaces survives, as one space, only between two ASCII letters or digits ("2023 5 31" keeps
    its day and month apart, "PVC 110" its words).
    """
    text = text.strip()
    words = _SPACES.split(text)  # the text is stripped: no word is empty
    if len(words) == 1:
        return text
    # each run decided by the two characters around it: a split and a look at its ends is several times
    # faster than a regular expression whose lookarounds are tried at every position of a long PDF line
    squeezed = [words[0]]
    for before, after in pairwise(words):
        squeezed.append(f" {after}" if before[-1] in _ASCII_WORD and after[0] in _ASCII_WORD else after)
    return "".join(squeezed)

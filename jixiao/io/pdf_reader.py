"""Read a PDF report into a `SourceDocument` with pdfium, and rebuild its table rows from character boxes.

`read_pdf` gives the text pdfium extracts, page by page, split into lines; `Line.page` is the 1-based page
and `Line.no` runs on across pages. A line whose glyphs were drawn out of reading order (LibreOffice draws
quotes and ≤ after the CJK text around them) is put back left to right from its character boxes. Many PDFs made from Word lose their table structure in that text: a row's
cells come out separated by a bare space, or one cell per line. `read_pdf_tables` rebuilds rows from the
position of every character instead:

* where the page draws a ruled grid (a Word table with borders), the grid decides: one row per band between
  horizontal rules, one cell per column between the vertical rules that cross that band (so a merged cell
  is one cell), and a cell's wrapped lines are joined back into one text;
* everywhere else characters are grouped into rows by their vertical position, and a row is split into
  cells where the horizontal gap between two characters is wide (`GAP_EM` times the text height).

It returns every row of every page, top to bottom: `pages[page_index][row_index][cell_index]`, where a line of
ordinary text is a row with a single cell (rows have no leading or trailing whitespace). Text turned a quarter
turn (landscape tables) is read in its own direction. `read_pdf(..., tables=True)` uses the same rows, joined
by " | " like docx table rows, on the pages where a table is detected (a ruled grid, or at least
`TEXT_TABLE_ROWS` rows of several cells), and pdfium's plain text on all other pages.

Known limits: an unruled table whose cells wrap onto several lines gives one row per line; a page set in
several text columns is read across the columns.

A page without a text layer (a scan) is read by OCR (`jixiao.io.ocr`): its lines carry the engine's name in
`Line.ocr`. Where no OCR engine is installed such a page is left unread and listed in
`SourceDocument.unread_pages`; the text pages still import.

Bad input gives one `InputError` with a Chinese message: corrupt, encrypted, or without any text (a blank
document, or a scan and no OCR engine to read it).
"""

import ctypes
import itertools
import math
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from jixiao.core.errors import InputError
from jixiao.io.document import Line, SourceDocument
from jixiao.io.limits import refuse_many_pages
from jixiao.io.ocr import INSTALL_HINT, ScannedPage, is_scanned, read_scanned

CELL_SEPARATOR = " | "
GAP_EM = 1.2  # a gap wider than this many text heights separates two cells (word spaces are ~0.3)
TEXT_TABLE_ROWS = 2  # rows with two or more cells that make a page without ruled grid count as a table

MSG_CORRUPT = "PDF 文件已损坏或无法解析。"
MSG_ENCRYPTED = "PDF 已加密，请提供未加密的版本。"
MSG_NO_TEXT = "PDF 中没有可提取的文字（可能是扫描件），请提供文字版 PDF 或先进行文字识别（OCR）。"
MSG_NEEDS_OCR = (
    "PDF 没有文字层（扫描件），需要文字识别（OCR）才能读取，但本机未安装 OCR 引擎。"
    f"请安装后重新导入（{INSTALL_HINT}），或提供文字版 PDF。"
)
MSG_OCR_FOUND_NOTHING = "PDF 没有文字层（扫描件），文字识别（OCR）也未能识别出文字，请提供更清晰的扫描件或文字版 PDF。"

_RULE_THICKNESS = 3.0  # points; a thicker filled shape is shading, not a border
_RULE_MIN_LENGTH = 4.0
_SNAP = 2.0  # rules closer than this (points) are the same line: borders are often drawn twice
_MAX_PATH_SEGMENTS = 20000  # per page: a chart or map is not a table, and walking it all is slow
_MAX_FORM_DEPTH = 8
_MAX_BAND_SHARE = 0.4  # a "row" taller than this share of the page is a frame around text, not a table row


def read_pdf(name: str, data: bytes, tables: bool = False) -> SourceDocument:
    """The text of every page, one `Line` per text line; with `tables`, table pages as rebuilt rows.

    A scanned page is read by OCR, or listed in `unread_pages` when no OCR engine is installed."""
    document = SourceDocument(name, "pdf")
    lines = document.lines
    pages = _each_page(name, data, lambda page, textpage: _page_lines(page, textpage, tables))
    for page_no, page in enumerate(pages, start=1):
        if isinstance(page, ScannedPage):
            (document.ocr_pages if page.engine else document.unread_pages).append(page_no)
            lines.extend(Line(len(lines) + 1, text, page_no, page.engine) for text in page.lines)
        else:
            lines.extend(Line(len(lines) + 1, text, page_no, follows_gap=gap) for text, gap in page)
    if not any(line.text.strip() for line in lines):
        raise InputError(
            name,
            MSG_NEEDS_OCR if document.unread_pages else MSG_OCR_FOUND_NOTHING if document.ocr_pages else MSG_NO_TEXT,
        )
    return document


def read_pdf_tables(name: str, data: bytes) -> list[list[list[str]]]:
    """Rows of cells rebuilt from character positions, for every page: `[page][row][cell]`.

    Ordinary text lines are one-cell rows; pages without text are empty lists. `InputError` as `read_pdf`,
    including for a PDF without any text at all.
    """
    pages = _each_page(name, data, lambda page, textpage: _PageLayout(page, textpage).rows())
    if not any(cell.strip() for rows in pages for row in rows for cell in row):
        raise InputError(name, MSG_NO_TEXT)
    return pages


# --- opening and closing -------------------------------------------------------------------------------

_T = TypeVar("_T")


def _each_page(name: str, data: bytes, work: Callable[[pdfium.PdfPage, pdfium.PdfTextPage], _T]) -> list[_T]:
    """`work(page, textpage)` for every page in order; every pdfium object is closed, failures are `InputError`."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise InputError(name, MSG_ENCRYPTED) from exc
        raise InputError(name, MSG_CORRUPT) from exc
    except Exception as exc:  # whatever the bytes, the user gets a sentence, not a traceback
        raise InputError(name, MSG_CORRUPT) from exc
    try:
        count = len(pdf)
        if count == 0:
            raise InputError(name, "PDF 文件已损坏或无法解析：文件中没有任何页面。")
        refuse_many_pages(name, count)
        return [_on_page(name, pdf, index, work) for index in range(count)]
    finally:
        pdf.close()


def _on_page(
    name: str, pdf: pdfium.PdfDocument, index: int, work: Callable[[pdfium.PdfPage, pdfium.PdfTextPage], _T]
) -> _T:
    broken = f"PDF 文件已损坏或无法解析：第 {index + 1} 页无法读取。"
    try:
        page = pdf[index]
    except Exception as exc:
        raise InputError(name, broken) from exc
    textpage = None
    try:
        textpage = page.get_textpage()
        return work(page, textpage)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(name, broken) from exc
    finally:
        if textpage is not None:
            textpage.close()
        page.close()


def _page_lines(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, tables: bool
) -> list[tuple[str, bool]] | ScannedPage:
    """Each line of the page's text, and whether blank room above it (`Line.follows_gap`) starts a paragraph."""
    text = textpage.get_text_bounded()
    if is_scanned(page, text):
        return read_scanned(page)
    if tables:
        layout = _PageLayout(page, textpage)
        if layout.has_table():
            return [(CELL_SEPARATOR.join(row), False) for row in layout.rows()]
    lines = _split_text(_in_reading_order(textpage, text))
    return list(zip(lines, _gaps_above(textpage, text, len(lines)), strict=True))


# --- blank room between lines ------------------------------------------------------------------------------
#
# A blank line of the document (an empty paragraph) leaves no text in a PDF, only room on the page: the step
# down to the next printed line is then a line or more taller than the steps within a paragraph. Without it a
# full line followed by one that opens with a long Latin word ("…自评报告" over "02.01.2020 16:12") reads as a
# paragraph wrapped there. Each line's step is measured from the loose box (the font's, not the glyph's) of its
# first character, against the page's usual step.

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_GAP_STEPS = 1.5  # a step this many times the page's usual one leaves blank room
_GAP_MIN_LINES = 4  # lines a page needs for its usual step to be known


def _gaps_above(textpage: pdfium.PdfTextPage, text: str, count: int) -> list[bool]:
    """For each of the `count` lines of the page's `text`, whether blank room lies between it and the line above."""
    gaps = [False] * count
    if count < _GAP_MIN_LINES or len(text) != pdfium_c.FPDFText_CountChars(textpage):
        return gaps  # too few lines to know the usual step, or indices that do not line up (surrogates)
    starts = [0, *(found.end() for found in _LINE_BREAK.finditer(text))]
    bottoms: list[float | None] = []  # of each line's first printed character
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(text)
        first = next((i for i in range(start, end) if not text[i].isspace()), None)
        bottoms.append(None if first is None else textpage.get_charbox(first, loose=True)[1])
    steps = [
        (n, above - below)
        for n, (above, below) in enumerate(itertools.pairwise(bottoms), start=1)
        if above is not None and below is not None and above > below
    ]
    if len(steps) < _GAP_MIN_LINES - 1:
        return gaps
    usual = statistics.median(step for _, step in steps)
    for n, step in steps:
        if n < count and step > _GAP_STEPS * usual:
            gaps[n] = True
    return gaps


# --- glyphs drawn out of reading order ---------------------------------------------------------------------
#
# pdfium gives characters in the order the page draws them. LibreOffice draws a line's Western-font glyphs
# (quotes “ ” ‘ ’, ≤ ≥ …) apart from the CJK glyphs around them, so its text reads "落实 十四五 规划…在 “ ”"
# or "为“ ” 优" where the line shows "落实“十四五”规划" and "为“优”". Where the drawing jumps, pdfium puts a
# space of its own, and a space between two CJK characters, or before a sign, is rare in Chinese text: only
# lines holding one have their character boxes read, and those drawn out of order are put back left to right.

# the space itself, so two spaces may share a character; led by the space, which the search skips to quickly.
# A sign drawn late (≧ “ ≤, from U+2000 to U+2BFF) may also follow a space after ASCII text: "| 10 | ≧".
_JUMP = re.compile(r" (?:(?=[^\x00-\x7f])(?<=[^\x00-\x7f] )|(?=[\u2000-\u2bff]))")
_BACKWARDS = 1.0  # points: a character starting this far left of the end of the one before was drawn late


def _in_reading_order(textpage: pdfium.PdfTextPage, text: str) -> str:
    """The page's `text` with each line drawn out of order rebuilt left to right from its character boxes."""
    jumps = [jump.start() for jump in _JUMP.finditer(text)]
    if not jumps or len(text) != pdfium_c.FPDFText_CountChars(textpage):
        return text  # nothing jumps, or text and character indices do not line up (surrogates): as drawn
    boxes = _CharBoxes(textpage)
    lines: list[tuple[int, int]] = []  # (start, end) of each line to rebuild, in page order
    for at in jumps:
        start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
        if lines and lines[-1][0] == start:
            continue  # its line is rebuilt already
        ends = [found for found in (text.find("\r", at), text.find("\n", at)) if found != -1]
        end = min(ends) if ends else len(text)
        if boxes.steps_back(text, at, start, end):
            lines.append((start, end))
    for start, end in reversed(lines):  # from the end, so earlier lines keep their offsets
        text = text[:start] + boxes.in_order(text, start, end) + text[end:]
    return text


class _CharBoxes:
    """Character boxes of one text page, read through the C call with reused out-values (the wrapper makes
    four objects per call; a line needs one call per character)."""

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self.textpage = textpage.raw
        self.edges = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top
        self.rect = pdfium_c.FS_RECTF()

    def box(self, index: int) -> tuple[float, float, float, float]:
        left, right, bottom, top = self.edges
        pdfium_c.FPDFText_GetCharBox(self.textpage, index, left, right, bottom, top)
        return left.value, right.value, bottom.value, top.value

    def loose_box(self, index: int) -> tuple[float, float, float, float]:
        """The character's box by its advance and the font's height, not its ink: the boxes of a word's
        characters touch, so a gap between two is a gap on the line (a narrow "1" leaves none beside it)."""
        rect = self.rect
        pdfium_c.FPDFText_GetLooseCharBox(self.textpage, index, ctypes.byref(rect))
        return rect.left, rect.right, rect.bottom, rect.top

    def generated(self, index: int) -> bool:
        """Whether pdfium made the character up (a space or line break for a gap), rather than the page."""
        return bool(pdfium_c.FPDFText_IsGenerated(self.textpage, index))

    def steps_back(self, text: str, at: int, start: int, end: int) -> bool:
        """Whether the drawing steps back left beside the space at `at`, in the line `text[start:end]`.

        pdfium puts a space where the drawing jumps; a glyph drawn late leaves a gap where it belongs and
        comes back after a space or one character on ("结果 优“ ”。"). The steps between the characters either
        side of the space tell, without the box of every character."""
        boxes: dict[int, tuple[float, float, float, float]] = {}  # the pairs share characters: each read once
        for before, after in ((at - 2, at - 1), (at - 1, at + 1), (at + 1, at + 2)):
            if start <= before and after < end and not (text[before].isspace() or text[after].isspace()):
                left = (boxes.get(after) or boxes.setdefault(after, self.box(after)))[0]
                if left < (boxes.get(before) or boxes.setdefault(before, self.box(before)))[1] - _BACKWARDS:
                    return True
        return False

    def in_order(self, text: str, start: int, end: int) -> str:
        """`text[start:end]`, one line, as drawn when it runs left to right; else sorted by left edge, pdfium's
        made-up spaces dropped and a space kept where words stand apart: Western words, and (as the cells of a
        table run together on one line) CJK words, whose gap is several times the hairline between the
        characters of a word; punctuation drawn from a Western font (“ ” beside CJK text) never takes one.

        A line whose characters do not all share one band of height stays as drawn: sorting two printed
        lines by their left edges would interleave them."""
        chars: list[tuple[float, float, float, str]] = []  # left, right, height, text
        backwards = False
        low = high = 0.0  # the band of the line's first character
        for index in range(start, end):
            ch = text[index]
            if ch.isspace():
                if chars and not self.generated(index):
                    # a typed space goes with the character before it: pdfium places its box at random
                    chars.append((chars[-1][0], chars[-1][1], chars[-1][2], ch))
                continue
            left, right, bottom, top = self.loose_box(index)
            if not chars:
                low, high = bottom, top
            elif not low - (top - bottom) / 2 <= (bottom + top) / 2 <= high + (top - bottom) / 2:
                return text[start:end]
            elif left < chars[-1][1] - _BACKWARDS:
                backwards = True
            chars.append((left, right, top - bottom, ch))
        if not backwards:
            return text[start:end]
        chars.sort(key=lambda c: c[0])  # stable: a space stays after its character
        parts: list[str] = []
        before: tuple[float, float, float, str] | None = None
        for char in chars:
            if (
                before is not None
                and not (before[3].isspace() or char[3].isspace())
                and char[0] - before[1] > 0.3 * max(before[2], char[2])
                and (
                    not (_is_wide(before[3]) or _is_wide(char[3]))
                    or not (_is_punctuation(before[3]) or _is_punctuation(char[3]))
                )
            ):
                parts.append(" ")  # a word gap, as pdfium would mark it
            parts.append(char[3])
            before = char
        return "".join(parts)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")


def _split_text(text: str) -> list[str]:
    if not text:
        return []  # a blank page has no lines, not one empty line
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # pdfium marks some glyphs with control codes (e.g. \x02 for a hyphen at a line end); they are not text.
    return _CONTROL.sub("", text).split("\n")


# --- rebuilding rows from character boxes ----------------------------------------------------------------


@dataclass(slots=True)
class _Char:
    text: str
    index: int  # position in pdfium's text order
    x0: float
    y0: float
    x1: float
    y1: float
    space_after: bool = False  # pdfium's text has whitespace right after this character

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(slots=True)
class _Rule:
    horizontal: bool
    pos: float  # y of a horizontal rule, x of a vertical one
    start: float
    end: float


@dataclass(slots=True)
class _Grid:
    x0: float
    y0: float
    x1: float
    y1: float
    ys: list[float]  # horizontal rule positions, top first
    verticals: list[_Rule] = field(default_factory=list)

    def contains(self, char: _Char) -> bool:
        return self.x0 - 1 <= char.cx <= self.x1 + 1 and self.y0 - 1 <= char.cy <= self.y1 + 1


class _PageLayout:
    """Characters and ruling lines of one page, in a frame where the page's text reads left to right."""

    def __init__(self, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> None:
        self.page = page
        self.textpage = textpage
        page_box = page.get_bbox()
        self.quadrant = _text_quadrant(textpage)
        _, low, _, high = self._box(*page_box)
        self.chars = self._chars(page_box)
        self.grids = _grids(self._rules(), high - low) if self.chars else []

    def has_table(self) -> bool:
        if self.grids:
            return True
        multi = sum(1 for row in _visual_rows(self.chars) if len(_split_cells(row)) > 1)
        return multi >= TEXT_TABLE_ROWS

    def rows(self) -> list[list[str]]:
        placed: list[tuple[float, list[str]]] = []  # (top y, cells), sorted top to bottom at the end
        inside: list[list[_Char]] = [[] for _ in self.grids]
        loose: list[_Char] = []
        for char in self.chars:
            # Each character goes to one grid at most, even where the boxes of two grids overlap.
            home = next((i for i, grid in enumerate(self.grids) if grid.contains(char)), None)
            (loose if home is None else inside[home]).append(char)
        for grid, chars in zip(self.grids, inside, strict=True):
            placed.extend(_grid_rows(grid, chars))
        for row in _visual_rows(loose):
            placed.append((max(char.y1 for char in row), [_text(cell) for cell in _split_cells(row)]))
        placed.sort(key=lambda item: -item[0])  # stable: rows of one grid keep their order
        return [cells for _, cells in placed]

    def _rotate(self, x: float, y: float) -> tuple[float, float]:
        # Undo the text direction: after this, text runs along +x and lines stack downwards in -y.
        q = self.quadrant
        if q == 1:
            return y, -x
        if q == 2:
            return -x, -y
        if q == 3:
            return -y, x
        return x, y

    def _box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        ax, ay = self._rotate(left, bottom)
        bx, by = self._rotate(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)

    def _chars(self, page_box: tuple[float, float, float, float]) -> list[_Char]:
        textpage = self.textpage
        left, bottom, right, top = page_box
        chars: list[_Char] = []
        last: _Char | None = None
        count = textpage.count_chars()
        index = 0
        while index < count:
            code = pdfium_c.FPDFText_GetUnicode(textpage, index)
            step = 1
            if 0xD800 <= code < 0xDC00 and index + 1 < count:  # a surrogate pair: one character, two slots
                low = pdfium_c.FPDFText_GetUnicode(textpage, index + 1)
                if 0xDC00 <= low < 0xE000:
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    step = 2
            text = chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else ""
            if text.isspace():
                if last is not None:
                    last.space_after = True
            elif text >= " ":
                box = textpage.get_charbox(index, loose=True)
                if box[2] - box[0] <= 0 or box[3] - box[1] <= 0:
                    box = textpage.get_charbox(index)
                cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
                # Text outside the visible page is not part of the report (get_text_bounded drops it too).
                if left - 1 <= cx <= right + 1 and bottom - 1 <= cy <= top + 1:
                    last = _Char(text, index, *self._box(*box))
                    chars.append(last)
            index += step
        return chars

    def _rules(self) -> list[_Rule]:
        rules: list[_Rule] = []
        budget = [_MAX_PATH_SEGMENTS]
        for obj, ctm in _path_objects(self.page):
            rules.extend(self._object_rules(obj, ctm, budget))
            if budget[0] <= 0:
                break
        return rules

    def _object_rules(self, obj: Any, ctm: pdfium.PdfMatrix, budget: list[int]) -> list[_Rule]:
        bounds = ctm.on_rect(*obj.get_bounds())
        rule = _rule_from_box(self._box(*bounds))
        if rule is not None:
            return [rule]
        # A larger path may still be made of borders: several thin filled rectangles in one path, or
        # stroked lines and cell frames. Walk its segments in page space.
        count = pdfium_c.FPDFPath_CountSegments(obj)
        if count > budget[0]:
            budget[0] = 0
            return []
        if count <= 0:
            return []
        budget[0] -= count
        fill, stroke = _draw_mode(obj)
        matrix = obj.get_matrix().multiply(ctm)
        rules: list[_Rule] = []
        for subpath in _subpaths(obj, count):
            points = [self._rotate(*matrix.on_point(x, y)) for x, y in subpath]
            if stroke:
                for (ax, ay), (bx, by) in itertools.pairwise(points):
                    segment = _rule_from_box((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
                    if segment is not None:
                        rules.append(segment)
            elif fill and len(points) >= 2:
                xs = [x for x, _ in points]
                ys = [y for _, y in points]
                box_rule = _rule_from_box((min(xs), min(ys), max(xs), max(ys)))
                if box_rule is not None:
                    rules.append(box_rule)
        return rules


def _text_quadrant(textpage: pdfium.PdfTextPage) -> int:
    """The direction most text runs in, in quarter turns counter-clockwise (0 = left to right)."""
    votes: Counter[int] = Counter()
    count = textpage.count_chars()
    for index in range(0, count, max(1, count // 400)):  # a sample is enough to find the majority
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        if code <= 32 or chr(code).isspace():  # generated spaces and line breaks carry no direction
            continue
        angle = pdfium_c.FPDFText_GetCharAngle(textpage, index)
        if angle < 0:
            continue
        # pdfium measures the angle clockwise; turn it into counter-clockwise quarter turns
        votes[round((2 * math.pi - angle) / (math.pi / 2)) % 4] += 1
    return votes.most_common(1)[0][0] if votes else 0


def _path_objects(page: pdfium.PdfPage) -> Iterator[tuple[Any, pdfium.PdfMatrix]]:
    """Every path object on the page with the matrix from its container to the page (forms nest)."""

    def walk(form: Any, ctm: pdfium.PdfMatrix, depth: int) -> Iterator[tuple[Any, pdfium.PdfMatrix]]:
        for obj in page.get_objects(max_depth=1, form=form):
            if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
                yield obj, ctm
            elif obj.type == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
                yield from walk(obj, obj.get_matrix().multiply(ctm), depth + 1)

    yield from walk(None, pdfium.PdfMatrix(), 0)


def _draw_mode(obj: Any) -> tuple[bool, bool]:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke):
        return False, False
    return bool(fill.value), bool(stroke.value)


def _subpaths(obj: Any, count: int) -> Iterator[list[tuple[float, float]]]:
    """Points of each subpath; curves are kept as their end points (curved borders are not table rules)."""
    x, y = ctypes.c_float(), ctypes.c_float()
    current: list[tuple[float, float]] = []
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if len(current) > 1:
                yield current
            current = [(x.value, y.value)]
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            current = [(x.value, y.value)]  # a curve breaks the straight run
        else:
            current.append((x.value, y.value))
        if pdfium_c.FPDFPathSegment_GetClose(segment) and current:
            current.append(current[0])
    if len(current) > 1:
        yield current


def _rule_from_box(box: tuple[float, float, float, float]) -> _Rule | None:
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    if height <= _RULE_THICKNESS and width >= _RULE_MIN_LENGTH:
        return _Rule(True, (y0 + y1) / 2, x0, x1)
    if width <= _RULE_THICKNESS and height >= _RULE_MIN_LENGTH:
        return _Rule(False, (x0 + x1) / 2, y0, y1)
    return None


def _grids(rules: list[_Rule], page_height: float) -> list[_Grid]:
    """Group crossing rules into tables; keep those with at least two columns and one full row."""
    horizontal = [rule for rule in rules if rule.horizontal]
    vertical = [rule for rule in rules if not rule.horizontal]
    if len(horizontal) < 2 or len(vertical) < 3:
        return []
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index = {id(rule): i for i, rule in enumerate(rules)}
    for h in horizontal:
        for v in vertical:
            if h.start - _SNAP <= v.pos <= h.end + _SNAP and v.start - _SNAP <= h.pos <= v.end + _SNAP:
                parent[find(index[id(h)])] = find(index[id(v)])
    groups: dict[int, list[_Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(find(i), []).append(rule)
    grids = []
    for members in groups.values():
        ys = _distinct(rule.pos for rule in members if rule.horizontal)
        xs = _distinct(rule.pos for rule in members if not rule.horizontal)
        if len(ys) < 2 or len(xs) < 3:
            continue
        ys.reverse()
        if max(a - b for a, b in itertools.pairwise(ys)) > _MAX_BAND_SHARE * page_height:
            continue
        grid = _Grid(
            x0=min(rule.start if rule.horizontal else rule.pos for rule in members),
            y0=min(rule.pos if rule.horizontal else rule.start for rule in members),
            x1=max(rule.end if rule.horizontal else rule.pos for rule in members),
            y1=max(rule.pos if rule.horizontal else rule.end for rule in members),
            ys=ys,
            verticals=[rule for rule in members if not rule.horizontal],
        )
        grids.append(grid)
    return grids


def _distinct(values: Iterator[float] | list[float]) -> list[float]:
    """Sorted positions with near-duplicates (within `_SNAP`) merged."""
    result: list[float] = []
    for value in sorted(values):
        if not result or value - result[-1] > _SNAP:
            result.append(value)
    return result


def _grid_rows(grid: _Grid, chars: list[_Char]) -> list[tuple[float, list[str]]]:
    bands: list[list[_Char]] = [[] for _ in range(len(grid.ys) - 1)]
    for char in chars:
        band = next((i for i in range(len(bands)) if grid.ys[i + 1] <= char.cy), len(bands) - 1)
        bands[max(band, 0)].append(char)
    rows = []
    for i, band_chars in enumerate(bands):
        if not band_chars:
            continue
        top, bottom = grid.ys[i], grid.ys[i + 1]
        middle = (top + bottom) / 2
        # Only the vertical rules crossing this band divide it: a merged cell has none inside it.
        xs = _distinct([v.pos for v in grid.verticals if v.start - _SNAP <= middle <= v.end + _SNAP])
        cells: list[list[_Char]] = [[] for _ in range(max(len(xs) - 1, 1))]
        for char in band_chars:
            column = sum(1 for x in xs[1:-1] if x < char.cx) if len(xs) > 2 else 0
            cells[column].append(char)
        rows.append((top, [_cell_text(cell) for cell in cells]))
    return rows


def _cell_text(chars: list[_Char]) -> str:
    """A grid cell's text: its lines joined back, without a space where the break falls in CJK text or inside a
    number (a narrow cell wraps "239.67" as "23" over "9.67")."""
    text = ""
    previous: _Char | None = None
    for row in _visual_rows(chars):
        line = _text(row)
        if (
            previous is not None
            and line
            and text
            and not (_is_wide(previous.text) or _is_wide(row[0].text))
            and not (_in_number(previous.text) and _in_number(row[0].text))
        ):
            text += " "
        text += line
        previous = row[-1]
    return text


def _visual_rows(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into lines by vertical position, each line left to right, top line first."""
    rows: list[list[_Char]] = []
    centre = height = 0.0
    for char in sorted(chars, key=lambda c: (-c.cy, c.x0)):
        if rows and abs(centre - char.cy) <= 0.5 * max(height, char.height):
            row = rows[-1]
            row.append(char)
            centre += (char.cy - centre) / len(row)
            height = max(height, char.height)
        else:
            rows.append([char])
            centre, height = char.cy, char.height
    for row in rows:
        row.sort(key=lambda c: c.x0)
    return rows


def _split_cells(row: list[_Char]) -> list[list[_Char]]:
    if not row:
        return []
    gap = GAP_EM * statistics.median(char.height for char in row)
    cells = [[row[0]]]
    for a, b in itertools.pairwise(row):
        if b.x0 - a.x1 > gap:
            cells.append([b])
        else:
            cells[-1].append(b)
    return cells


def _text(chars: list[_Char]) -> str:
    parts: list[str] = []
    for a, b in itertools.pairwise(chars):
        parts.append(a.text)
        if a.space_after and b.index > a.index:
            parts.append(" ")
        elif (
            b.index < a.index and b.x0 - a.x1 > 0.3 * a.height and not (_is_wide(a.text) or _is_wide(b.text))
        ):
            # Out of pdfium's order (another line's text): fall back to the gap for a word space.
            parts.append(" ")
    if chars:
        parts.append(chars[-1].text)
    return "".join(parts)


def _in_number(ch: str) -> bool:
    return ch.isdigit() or ch in ".,"


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _is_punctuation(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")

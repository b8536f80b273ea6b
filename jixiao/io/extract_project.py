"""A project's own figures: the 项目支出绩效自评表 as text, and what a project report states in prose.

The form arrives flattened in several ways: one cell per line ("项目名称 |"), rows of cells between "|" or
tabs, a whole table run together on one line with spaces between its cells (a .doc saved as text), or with
no separator at all (OCR). All are read the same way. The form's cells are taken in reading order, empty
cells dropped, and a cell that runs labels and values together is split at the form's labels; then

- the header by its labels: 项目名称, 主管部门, 实施单位 … → the next cell;
- the funds table by its column headings (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分) and row
  labels (年度资金总额, 其中：当年财政拨款 …). Empty cells are not always visible, so a row may hold fewer
  values than there are columns: the values are then fitted to the columns in order, a percentage only
  under 执行率, and among the fittings the ones the row's own figures bear out (执行率 = B/A, 得分 = 执行率 ×
  分值) are kept. A value is taken only where every fitting kept puts it in the same column: a value is
  left unread rather than misread;
- 年度总体目标 (预期目标, 实际完成情况) → the two cells after them;
- the indicator rows by what each cell is: a 一级 or 二级 name, a comparator (指标性质), a figure, a unit
  (度量单位), a weight and a score; a text after the score is the row's 偏差原因 unless the next row starts
  with it;
- 总分 → its 分值 and 得分, and the 自评等级 after them.

Amounts in 元 (项目资金（元）) are converted to 万元 exactly and keep their unit in `sources`. A figure the
report also states in its prose with another value is kept as a restatement for the checker.

From the prose of a project report: its name (from the title), its funds by source ("其中，中央转移支付资金
8353万元，省级配套资金2088万元"), the funds received (到位) and the rate stated, and the text of its 资金使用
及管理 and 组织实施 sections.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from typing import Any

from jixiao.core.model import FundSource
from jixiao.core.money import parse_decimal, to_wanyuan
from jixiao.io.context import Context
from jixiao.io.document import Line
from jixiao.io.extract_performance import CMP_WORDS, UNITS, parse_measure
from jixiao.io.figures import figures, sentences
from jixiao.io.normalize import PAGE_NUMBER, narrow, rejoin_wrapped, squeeze
from jixiao.io.numerals import AMOUNT, amount_value, may_state_amount, money_unit, read_number, why_unread
from jixiao.io.project_form import (
    AMOUNT_COLUMNS,
    FUND_COLUMNS,
    HEADER_LABELS,
    TOTAL_ROW_LABEL,
    fund_source,
    source_row,
)


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # narrowed and squeezed
    line: Line  # the raw line it stands on


def extract_project(ctx: Context) -> None:
    """Everything a 项目支出 evaluation states of its project: the form where there is one, then the prose."""
    cells = form_cells(ctx)
    if cells:
        _Form(ctx, cells).read()
    _name_from_title(ctx)
    _budget_in_prose(ctx)
    _funds_in_prose(ctx)
    _received(ctx)
    _period(ctx)
    _indicators_in_prose(ctx)
    _supervision(ctx)
    _scores_in_prose(ctx)
    for key, path in _SECTION_PATHS:
        body = ctx.body(key)
        if body:
            # one paragraph of the section's words: where a PDF's lines broke is not known, so none is kept
            ctx.put(path, "".join(ctx.text(i) for i in body), body[0])


# Field paths are written out in full, never composed (`Context` checks each, and tests/test_extractor_paths.py
# finds them all in the source); only a list's index is filled in, "[{}]".
_SECTION_PATHS = (
    ("basic_info", "project.overview"),
    ("project_funds", "project.fund_management"),
    ("implementation", "project.implementation"),
)
_HEADER_PATHS = {
    "implementer": "project.implementer",
    "department": "project.department",
    "name": "project.name",
    "code": "project.code",
    "period": "project.period",
    "category": "project.category",
}
# the 年度资金总额 row's amounts: the field, and the column's heading
_TOTAL_PATHS = {
    "initial": ("budget.initial", "年初预算数"),
    "adjusted": ("budget.adjusted", "全年预算数"),
    "executed": ("budget.executed", "全年执行数"),
}
_FUND_PATHS = {
    "initial": "project.funds[{}].initial",
    "adjusted": "project.funds[{}].adjusted",
    "executed": "project.funds[{}].executed",
}
_INDICATOR_PATHS = {
    "name": "performance.indicators[{}]",  # the row's source is its name's
    "target": "performance.indicators[{}].target",
    "actual": "performance.indicators[{}].actual",
    "weight": "performance.indicators[{}].weight",
    "score": "performance.indicators[{}].score",
    "deviation": "performance.indicators[{}].deviation",
}


# ------------------------------------------------------------------------------------------------ the cells

# where a form starts: its title, or its first label standing as a cell
_FORM_START = re.compile(r"项目(?:支出)?(?:绩效)?自评表|^项目名称")
# labels a run-together cell is split at (longest first); a cell holding two of them is a flattened row
_SPLIT_AT = re.compile(
    r"(项目支出绩效自评表|项目实施单位|实施单位(?:\(盖章\))?|主管部门|项目名称|项目类别|项目属性|项目类型|预算执行情况|年初预算数?|全年预算数|"
    r"全年执行数|预算数\(A\)|执行数\(B\)|执行率\(B/A\)|得分\([^)]{0,12}\)|年度(?:财政)?资金总额[:]?|年度总体目标|"
    r"预期目标|实际完成情况|一级指标|二级指标|三级指标|年度指标值|实际完成值|偏差原因分析及改进措施|总分)"
)
_ROW_SEPARATOR = re.compile(r"[|\t]")


_FORM_PART = re.compile(r"年度资金总额|项目资金|主管部门")


def has_form(ctx: Context) -> bool:
    """Whether the document carries a 项目支出绩效自评表: its title or 项目名称, and a label of its funds or header."""
    # the labels are CJK words, which narrowing leaves as they are: the raw lines are searched as they stand
    lines = ctx.doc.lines
    return any(_FORM_START.search(line.text.strip()) for line in lines) and any(
        _FORM_PART.search(line.text) for line in lines
    )


def form_cells(ctx: Context) -> list[Cell]:
    """The cells of the 自评表 in the document, from its title or first label to the end; none when there is none."""
    raw = _printed_as_written(ctx.doc.lines) if ctx.doc.kind == "pdf" else ctx.doc.lines
    start = next((n for n, line in enumerate(raw) if _FORM_START.search(line.text.strip())), None)
    if start is None:
        return []
    cells: list[Cell] = []
    for line in raw[start:]:
        text = _plain(line.text)
        if _ROW_SEPARATOR.search(text):
            pieces = [piece for part in _ROW_SEPARATOR.split(text) for piece in _split_labels(squeeze(part))]
        elif len(_SPLIT_AT.findall(text)) >= 2 and " " in text.strip():
            pieces = _run_together(text)
        else:
            pieces = _split_labels(squeeze(text))
        cells.extend(Cell(piece, line) for piece in pieces if piece)
    return cells


# A row run together with spaces between its cells. Its spaces are read as a PDF keeps them, so that the form
# reads the same from the text and from a PDF of it: a space between two CJK characters, or between two ASCII
# letters or digits, stands between two cells; one beside a figure or a sign (which a layout adds or drops
# as it sets CJK text beside Latin) does not. Where a figure and words then touch, the cell boundary is found
# again: before a comparator ("合格率≥100%"), between a unit and the next figure ("50个50"), and between a figure
# and the words of the next cell ("89.974上年结转资金", "达成预期指标8").
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_FIGURE_CHARS = "\\d≥≤=<>≧≦═%:.,+\\-"
_ODD_SPACE = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_FIGURE_CHARS}])|(?<=[{_FIGURE_CHARS}])\s+(?=[{_CJK}])")
_PIECE = re.compile(
    rf"[≥≤=<>≧≦═]-?\d+(?:\.\d+)?(?:%|{UNITS}|百分比)?"
    rf"|-?\d[\d,]*(?:\.\d+)?(?:%|(?:{UNITS}|百分比)(?![\u4e00-\u9fff]))?"
    rf"|[^≥≤=<>≧≦═\d]+|\d"
)
_SPLITS_AT_FIGURES = re.compile(r"[≥≤=<>≧≦═]|[\u4e00-\u9fff]\d|\d[\u4e00-\u9fff]")
_YEAR_WORD = re.compile(r"(?:19|20)\d{2}年")
_LEVEL1_SPLIT = re.compile(r"((?<!社会|经济|生态|对象)(?:产出|效益|满意度)指标(?:\(\d+(?:\.\d+)?分\))?)")
_WHOLE = re.compile(r"[。()\-]")  # a sentence, a bracketed weight "(50分)", a code "219-…": one cell


def _run_together(text: str) -> list[str]:
    pieces: list[str] = []
    for word in _ODD_SPACE.sub("", text).split():
        for cell in (c for label in _split_labels(word) for c in _LEVEL1_SPLIT.split(label) if c):
            if not _SPLITS_AT_FIGURES.search(cell) or _WHOLE.search(cell) or _YEAR_WORD.search(cell):
                pieces.append(cell)
            else:
                pieces.extend(piece.strip(":") for piece in _PIECE.findall(cell) if piece.strip(":"))
    return pieces


def _printed_as_written(lines: list[Line]) -> list[Line]:
    """A PDF's printed lines joined back into the lines written, as `rejoin_wrapped` joins them; a space is kept
    at a join only between two ASCII letters or digits (where a row of figures wraps, "0 0 0 10 0 | 0")."""
    starts = {line.no for line in rejoin_wrapped(lines)}
    joined: list[Line] = []
    text = ""
    spaced = False  # whether the printed line before ended with a space
    for line in lines:
        if line.no in starts:
            if joined:
                joined[-1] = Line(joined[-1].no, text, joined[-1].page)
            joined.append(line)
        elif PAGE_NUMBER.match(line.text) or not joined:
            continue
        else:
            piece = line.text.strip()
            both = text[-1:].isascii() and text[-1:].isalnum() and piece[:1].isascii() and piece[:1].isalnum()
            text += (" " if spaced and both else "") + piece
            spaced = line.text[-1:].isspace()
            continue
        text = line.text.rstrip()
        spaced = line.text[-1:].isspace()
    if joined:
        joined[-1] = Line(joined[-1].no, text, joined[-1].page)
    return joined


def _plain(text: str) -> str:
    return narrow(text).replace("（", "(").replace("）", ")")


def _split_labels(cell: str) -> list[str]:
    """'项目名称渔业成品油补贴主管部门区市场监督管理局' → the labels and what lies between them."""
    if "。" in cell or len(cell) < 6 or not _SPLIT_AT.search(cell):
        return [cell]
    return [piece for piece in _SPLIT_AT.split(cell) if piece]


# ------------------------------------------------------------------------------------------------ the form

_VALUE = re.compile(r"^-?\d[\d,]*(?:\.\d+)?%?$")
_PLACEHOLDER = re.compile(r"^[—\-/－–]+$")
_UNIT_IN = re.compile(r"\((万元|元|亿元)\)")
_POINTS_IN = re.compile(r"\((\d+(?:\.\d+)?)分\)")
_CODE_NAME = re.compile(r"^(?P<code>[0-9A-Za-z]{6,})-(?P<name>.+)$")
_CODE_PREFIX = re.compile(r"^\d{2,}-")
_YEAR_CELL = re.compile(r"^.{0,12}?\(?((?:19|20)\d{2})年度?\)?$")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})年度?.{0,12}自评表")
_DIGIT = re.compile(r"\d")
_GOALS = re.compile(r"^年度总体目标$|^年度绩效目标$")
_TARGETS = "预期目标"
_ACHIEVED = "实际完成情况"
_HEADER_END = re.compile(r"^(?:年度总体目标|绩效指标|一级指标|项目资金|预算执行情况)")
_INDICATOR_HEAD = re.compile(r"^(?:一级指标|三级指标)$")
_LEVEL1 = re.compile(r"^(?P<name>(?:产出|效益|满意度|成本)指标)(?:\(\d+(?:\.\d+)?分\))?$")
_LEVEL2 = re.compile(
    r"^(?P<name>(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|(?:服务对象)?满意度)(?:指标)?)等?$"
)
_NATURE = {"≧": "≥", "≦": "≤", "═": "=", "＝": "="} | {word: word for word in ("≥", "≤", "=", ">", "<")}
_UNIT_CELL = re.compile(rf"^(?:{UNITS}|百分比|人次|个数)$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_TABLE_END = re.compile(r"^(?:总分|合计|总计|其他需要说明|评价结论|自评结论|备注|偏差大或目标未完成)")
_LEADING_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)(?=[\u4e00-\u9fff])")
_GRADE = re.compile(r"^(?:优秀|优|良好|良|中等|中|合格|差|较差)$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_TEMPLATE = re.compile(r"\(\d+字以内\)|^对照|说明.{0,10}情况")


@dataclass(slots=True)
class _Fit:
    """One way of placing a row's values under the columns: column → cell, and how many figures agree."""

    columns: dict[str, Cell]
    agrees: int


class _Form:
    def __init__(self, ctx: Context, cells: list[Cell]) -> None:
        self.ctx = ctx
        self.cells = cells
        self.texts = [c.text for c in cells]
        self.unit = "万元"
        self.exec_weight: Decimal | None = None
        self.nos = [line.source.no for line in ctx.lines]

    def read(self) -> None:
        self._header()
        self._funds()
        self._goals()
        end = self._indicators()
        self._total(end)

    # ------------------------------------------------------------------ placing values

    def _clean(self, cell: Cell) -> int | None:
        """The clean line holding the cell's raw line (the last one starting at or before it)."""
        at = bisect_right(self.nos, cell.line.no) - 1
        return at if at >= 0 else None

    def cite(self, path: str, cell: Cell, unit: str | None = None) -> None:
        i = self._clean(cell)
        if i is None:
            return
        location = self.ctx.cite(path, i, unit)
        if location is not None:  # else no value there (none read, or left unread): nothing to cite
            location.update(_cell_place(cell))

    def put(self, path: str, value: Any, cell: Cell, unit: str | None = None, label: str | None = None) -> None:
        """Set a value read from the form; one the prose stated otherwise is kept as a restatement."""
        if value is None:
            return
        before = self.ctx.get(path)
        if before is None:
            self.ctx.put(path, value, None)
            self.cite(path, cell, unit)
        elif label is not None and isinstance(value, Decimal) and value != before:
            i = self._clean(cell)
            if i is not None:
                self.ctx.restate(path, label, value, i, unit, place=_cell_place(cell))

    def number(self, cell: Cell) -> Decimal | None:
        """A value cell's number as `numerals` reads it ("1,305.20", "97.22%"); one written so that it cannot be
        read with confidence ("1,30.5") is left unread, with why, never guessed."""
        written = cell.text.removesuffix("%")
        value = read_number(written)
        said = any(u["text"] == cell.text and u["source"]["line"] == cell.line.no for u in self.ctx.unread)
        if value is None and not said and (i := self._clean(cell)) is not None:
            self.ctx.leave_unread(i, cell.text, why_unread(written))
            self.ctx.unread[-1]["source"].update(_cell_place(cell))
        return value

    def amount(self, cell: Cell) -> Decimal | None:
        value = self.number(cell)
        return None if value is None else to_wanyuan(value, self.unit)

    # ------------------------------------------------------------------ the header

    def _header(self) -> None:
        title = next((n for n, c in enumerate(self.cells) if _FORM_START.search(c.text)), 0)
        for cell in self.cells[title : title + 3]:  # "2022年度项目支出绩效自评表", or "(2022年度)" under it
            year = _YEAR_CELL.match(cell.text) or _YEAR_IN_TITLE.search(cell.text)
            if year:
                self.put("fiscal_year", int(year[1]), cell)
                break
        labels = dict(HEADER_LABELS)
        for n, cell in enumerate(self.cells[:-1]):
            field = labels.get(cell.text.rstrip(":").removesuffix("(盖章)"))
            if field is None:
                continue
            value = self.cells[n + 1]
            if value.text in labels or _HEADER_END.match(value.text) or _SPLIT_AT.fullmatch(value.text):
                continue
            text = value.text
            if field == "name":
                coded = _CODE_NAME.match(text)
                if coded:
                    self.put("project.code", coded["code"], value)
                    text = coded["name"]
            elif field in ("department", "implementer"):
                text = _CODE_PREFIX.sub("", text)
            elif field == "category" and _DIGIT.search(text):
                continue  # the form's numbered options with their tick boxes, not a category as written
            self.put(_HEADER_PATHS[field], text, value)
        implementer = self.ctx.get("project.implementer")
        if implementer and self.ctx.get("unit.name") in (None, self.ctx.get("project.department")):
            # the self-evaluation is the implementing unit's, not its supervising department's
            self.ctx.put("unit.name", implementer, None, force=True)
            self.ctx.sources["unit.name"] = self.ctx.sources["project.implementer"]

    # ------------------------------------------------------------------ the funds table

    def _funds(self) -> None:
        texts = self.texts
        start = next((n for n in range(len(texts)) if _column(texts[n]) is not None), None)
        while start is not None:
            columns: list[str] = []
            n = start
            while n < len(texts) and (column := _column(texts[n])) is not None and column not in columns:
                columns.append(column)
                n += 1
            if len(columns) >= 3 and any(c in AMOUNT_COLUMNS for c in columns):
                self._fund_heading(start)
                self._fund_rows(columns, n)
                return
            start = next((k for k in range(n + 1, len(texts)) if _column(texts[k]) is not None), None)

    def _fund_heading(self, start: int) -> None:
        """The money unit and the rate's weight, from the cells before the column headings (项目资金（元）,
        预算执行情况(10分)) and the headings themselves (得分(20分*执行率))."""
        for cell in self.cells[max(start - 4, 0) : start + 8]:
            unit = _UNIT_IN.search(cell.text)
            if unit and cell.text.startswith(("项目资金", "预算执行情况", "年度预算数", "(")):
                self.unit = unit[1]
            points = _POINTS_IN.search(cell.text) or re.search(r"^得分\((\d+)分", cell.text)
            if points and self.exec_weight is None:
                self.exec_weight = Decimal(points[1])
                self.put("self_assessment.execution_weight", self.exec_weight, cell)

    def _fund_rows(self, columns: list[str], n: int) -> None:
        cells = self.cells
        total_columns: list[str] | None = None
        seen = 0
        while n < len(cells) and seen < 40:
            text = cells[n].text
            if _GOALS.match(text) or _INDICATOR_HEAD.match(text) or text == "绩效指标":
                return
            is_total = TOTAL_ROW_LABEL.match(text) is not None
            source = None if is_total else source_row(text)
            if not is_total and source is None:
                n += 1
                seen += 1
                continue
            k = n + 1
            while k < len(cells) and (_VALUE.match(cells[k].text) or _PLACEHOLDER.match(cells[k].text)):
                k += 1
            values = cells[n + 1 : k]
            if is_total:
                fit = self._fit(columns, values, None)
                if fit is not None:
                    total_columns = [c for c in fit if c in AMOUNT_COLUMNS]
                    self._total_row(fit, cells[n])
            elif source is not None:
                fit = self._fit(columns, values, total_columns)
                if fit is not None:
                    self._source_row(source[0], source[1], fit)
            n, seen = k, 0

    def _fit(self, columns: list[str], values: list[Cell], amounts_like: list[str] | None) -> dict[str, Cell] | None:
        """The values under the columns, where every fitting the row bears out agrees (see the module)."""
        if not values:
            return None
        figures_given = [v for v in values if not _PLACEHOLDER.match(v.text)]
        if amounts_like is not None:
            # a source row: its amounts sit in the columns the total row's amounts sit in
            amounts = [v for v in figures_given if not v.text.endswith("%")]
            if len(amounts) == len(amounts_like):
                return dict(zip(amounts_like, amounts, strict=True))
            if len(amounts) == len(AMOUNT_COLUMNS):
                return dict(zip(AMOUNT_COLUMNS, amounts, strict=True))
            return None
        fits: list[_Fit] = []
        for chosen in combinations(range(len(columns)), len(values)):
            placed = {columns[c]: v for c, v in zip(chosen, values, strict=True)}
            fit = self._judge(placed)
            if fit is not None:
                fits.append(fit)
        if not fits:
            return None
        best = max(f.agrees for f in fits)
        kept = [f.columns for f in fits if f.agrees == best]
        agreed = {
            column: cell
            for column, cell in kept[0].items()
            if all(k.get(column) is cell for k in kept) and not _PLACEHOLDER.match(cell.text)
        }
        return agreed or None

    def _judge(self, placed: dict[str, Cell]) -> _Fit | None:
        """None when a value cannot stand in its column; else how many of the row's relations its figures bear out."""
        for column, cell in placed.items():
            percent = cell.text.endswith("%")
            if percent and column != "rate":
                return None
        number = {c: read_number(v.text.removesuffix("%")) for c, v in placed.items() if not _PLACEHOLDER.match(v.text)}
        rate = _percent(number["rate"], placed["rate"].text) if "rate" in number else None
        adjusted, executed = number.get("adjusted"), number.get("executed")
        weight = number.get("weight", self.exec_weight)
        agrees = 0
        quotient = executed / adjusted if adjusted and executed is not None else None
        if quotient is not None and rate is not None:
            if abs(quotient * 100 - rate) > Decimal("0.5"):
                return None
            agrees += 1
        counted = min(rate / 100, Decimal(1)) if rate is not None else min(quotient, Decimal(1)) if quotient is not None else None
        score = number.get("score")
        if score is not None and weight is not None:
            if score > weight:
                return None
            if counted is not None and abs(counted * weight - score) <= Decimal("0.01"):
                agrees += 1
        if "weight" in number and self.exec_weight is not None and number["weight"] == self.exec_weight:
            agrees += 1
        return _Fit(placed, agrees)

    def _total_row(self, fit: dict[str, Cell], label: Cell) -> None:
        unit = self.unit if self.unit != "万元" else None
        for column in AMOUNT_COLUMNS:
            if column in fit:
                field, name = _TOTAL_PATHS[column]
                self.put(field, self.amount(fit[column]), fit[column], unit, label=f"{name}（自评表）")
        if "rate" in fit:
            rate = _percent(self.number(fit["rate"]), fit["rate"].text)
            self.put("budget.execution_rate", rate, fit["rate"], label="执行率（自评表）")
        if "weight" in fit:
            self.put("self_assessment.execution_weight", self.number(fit["weight"]), fit["weight"])
        if "score" in fit:
            self.put("self_assessment.execution_score", self.number(fit["score"]), fit["score"])

    def _source_row(self, label: str, source: FundSource, fit: dict[str, Cell]) -> None:
        line: dict[str, Any] = {"source": source, "label": label}
        for column in AMOUNT_COLUMNS:
            if column in fit and (value := self.amount(fit[column])) is not None:
                line[column] = value
        n = self.ctx.append("project.funds", line, None)
        unit = self.unit if self.unit != "万元" else None
        for column in AMOUNT_COLUMNS:
            if column in fit:
                self.cite(_FUND_PATHS[column].format(n), fit[column], unit)

    # ------------------------------------------------------------------ 年度总体目标

    def _goals(self) -> None:
        texts = self.texts
        for n, text in enumerate(texts):
            if not _GOALS.match(text):
                continue
            rest = texts[n + 1 : n + 6]
            if _TARGETS not in rest or _ACHIEVED not in rest:
                return
            after = n + 1 + rest.index(_ACHIEVED) + 1
            if rest.index(_TARGETS) > rest.index(_ACHIEVED):
                after = n + 1 + rest.index(_TARGETS) + 1
            for path, first, k in (
                ("performance.targets", "performance.targets[0]", after),
                ("performance.achievements", "performance.achievements[0]", after + 1),
            ):
                if k >= len(self.cells) or self.ctx.get(path):
                    continue
                cell = self.cells[k]
                if not _HAN.search(cell.text) or _TEMPLATE.search(cell.text) or _INDICATOR_HEAD.match(cell.text):
                    continue
                if cell.text in ("绩效指标", _TARGETS, _ACHIEVED):
                    continue
                self.put(path, [cell.text], cell)
                self.cite(first, cell)
            return

    # ------------------------------------------------------------------ the indicator rows

    def _indicators(self) -> int:
        """Read the indicator rows when the prose and the strict table reader found none; returns where they end."""
        texts = self.texts
        head = next((n for n, t in enumerate(texts) if _INDICATOR_HEAD.match(t)), None)
        if head is None:
            return 0
        start = next((n for n in range(head, min(head + 20, len(texts))) if _LEVEL1.match(texts[n])), None)
        if start is None:
            return head
        rows, end = _rows(self.cells, start)
        if self.ctx.get("performance.indicators"):
            return end
        for indicator, cited in rows:
            n = self.ctx.append("performance.indicators", indicator, None)
            for part, cell in cited.items():
                self.cite(_INDICATOR_PATHS[part].format(n), cell)
        return end

    # ------------------------------------------------------------------ 总分 and 自评等级

    def _total(self, after: int) -> None:
        cells = self.cells
        for n in range(after, len(cells)):
            if cells[n].text not in ("总分", "合计", "总计"):
                continue
            values: list[Cell] = []
            k = n + 1
            while k < len(cells) and _NUMBER.match(cells[k].text) and len(values) < 2:
                values.append(cells[k])
                k += 1
            if not values and k < len(cells) and (lead := _LEADING_NUMBER.match(cells[k].text)):
                values.append(Cell(lead[1], cells[k].line))  # "总分100偏差…": a cell run on into the next row
                k += 1
            if not values:
                continue  # a caption or a sentence naming 总分, not the row
            if len(values) == 2:
                self.put("self_assessment.weight_total", parse_decimal(values[0].text), values[0])
                self.put("self_assessment.score", parse_decimal(values[1].text), values[1], label="总分（自评表）")
            elif len(values) == 1:
                value = parse_decimal(values[0].text)
                if value is not None and value == self._weights():
                    self.put("self_assessment.weight_total", value, values[0])
                else:
                    self.put("self_assessment.score", value, values[0], label="总分（自评表）")
            if k < len(cells) and _GRADE.match(cells[k].text):
                self.put("self_assessment.grade", cells[k].text, cells[k])
            return

    def _weights(self) -> Decimal | None:
        """The weights the table states: its indicators' and the rate's, when all are stated."""
        indicators = self.ctx.get("performance.indicators") or []
        weights = [ind.get("weight") for ind in indicators]
        execution = self.ctx.get("self_assessment.execution_weight")
        if not weights or any(w is None for w in weights) or execution is None:
            return None
        return sum(weights, execution)


def _column(text: str) -> str | None:
    for pattern, column in FUND_COLUMNS:
        if pattern.match(text):
            return column
    return None


def _cell_place(cell: Cell) -> dict[str, Any]:
    """Where a cell stands, to narrow the source location of the clean line holding it: its raw line, text and
    page."""
    place: dict[str, Any] = {"line": cell.line.no, "text": cell.text}
    if cell.line.page is not None:
        place["page"] = cell.line.page
    return place


def _percent(value: Decimal | None, text: str) -> Decimal | None:
    """The number of a stated 执行率 as a percent value: "97.22%" and "0.9722" (a quotient) are 97.22."""
    if value is None:
        return None
    if not text.endswith("%") and value <= Decimal("1.5"):
        return (value * 100).normalize() if value != 0 else value
    return value


# ------------------------------------------------------------------------------------------------ rows

Row = tuple[dict[str, Any], dict[str, Cell]]


def _rows(cells: list[Cell], start: int) -> tuple[list[Row], int]:
    """The indicator rows from `start` to the first cell that ends the table or begins no row."""
    rows: list[Row] = []
    level1: str | None = None
    level2: str | None = None
    n = start
    while n < len(cells):
        text = cells[n].text
        if _TABLE_END.match(text):
            break
        one = _LEVEL1.match(text)
        if one and not (one["name"] == "成本指标" and level1 is not None and not _next_is_level2(cells, n)):
            level1, level2 = one["name"], None
            n += 1
            continue
        two = _LEVEL2.match(text)
        if two:
            level2 = two["name"]
            n += 1
            continue
        if level1 is None or level2 is None:
            break
        row = _row(cells, n, level1, level2)
        if row is None:
            if rows and _HAN.search(text) and "deviation" not in rows[-1][0]:
                rows[-1][0]["deviation"] = text  # a text that begins no row: the last row's 偏差原因
                rows[-1][1]["deviation"] = cells[n]
                n += 1
                continue
            break
        indicator, cited, n = row
        rows.append((indicator, cited))
    return rows, n


def _next_is_level2(cells: list[Cell], n: int) -> bool:
    return n + 1 < len(cells) and _LEVEL2.match(cells[n + 1].text) is not None


def _row(cells: list[Cell], n: int, level1: str, level2: str) -> tuple[dict[str, Any], dict[str, Cell], int] | None:
    """name [指标性质] 指标值 [度量单位] 实际完成值 分值 得分: the row starting at `n`, and where the next starts."""
    name = cells[n]
    if not _HAN.search(name.text) or len(name.text) > 60 or _VALUE.match(name.text) or _TABLE_END.match(name.text):
        return None
    k = n + 1
    nature = ""
    if k < len(cells) and cells[k].text in _NATURE:
        nature = _NATURE[cells[k].text]
        k += 1
    if k >= len(cells):
        return None
    target = cells[k]
    k += 1
    unit = ""
    if k < len(cells) and _UNIT_CELL.match(cells[k].text) and _NUMBER.match(target.text):
        unit = cells[k].text
        k += 1
    if k + 2 >= len(cells):
        return None
    actual, weight, score = cells[k], cells[k + 1], cells[k + 2]
    if not (_NUMBER.match(weight.text) and _NUMBER.match(score.text)):
        return None
    if _LEVEL1.match(actual.text) or _LEVEL2.match(actual.text) or _TABLE_END.match(actual.text):
        return None
    target_text = _with_unit(target.text, unit)
    if nature and not target_text.startswith(tuple(CMP_WORDS)):
        target_text = nature + target_text
    actual_text = _with_unit(actual.text, unit)
    indicator: dict[str, Any] = {
        "level1": level1,
        "level2": level2,
        "name": name.text,
        "target": parse_measure(target_text),
        "actual": parse_measure(actual_text),
        "weight": parse_decimal(weight.text),
        "score": parse_decimal(score.text),
    }
    cited = {"name": name, "target": target, "actual": actual, "weight": weight, "score": score}
    return indicator, cited, k + 3


def _with_unit(value: str, unit: str) -> str:
    """'735' in a row whose 度量单位 cell says '人次' is 735人次."""
    return value + unit if unit and value[-1:].isdigit() else value


# ------------------------------------------------------------------------------------------------ the prose

_TITLE_TAIL = re.compile(r"(?:项目支出|部门预算项目支出|项目)?(?:绩效)?(?:评价)?(?:自评)?(?:报告|表)\d*$")
_YEAR = re.compile(r"\(?(?:19|20)\d{2}年度?\)?")
_PLACE = re.compile(r"^(?:[\u4e00-\u9fff*]{1,8}?(?:省|自治区|市|州|盟|县|区|旗|镇|乡|街道))+(?=[\u4e00-\u9fff])")
_GENERIC = re.compile(r"^(?:部门预算|建设|部门|单位)?项目(?:支出)?$")
_SUBTITLE = re.compile(r"^\((?P<bracketed>[^()]{2,40})\)$|^(?P<plain>[^()。,;:]{4,30})$")
_NOT_SUBTITLE = re.compile(r"发布|来源|时间|日期|索引|^[一二三四五六七八九十]+、|^\d")


def _name_from_title(ctx: Context) -> None:
    """The project's name as the title gives it: "…2023年度中央水利发展资金绩效自评报告" → 中央水利发展资金;
    a title that names only the unit and the year leaves it to the line after it ("(教育专项工作经费)")."""
    title = ctx.get("title")
    if not title or ctx.get("project.name"):
        return
    at = ctx.sources.get("title", {}).get("line")
    i = next((k for k, line in enumerate(ctx.lines) if line.source.no == at), None)
    bracket = re.search(r"\((?P<name>[^()]{4,40})\)$", title)
    if bracket and not _YEAR.fullmatch(bracket[0]):
        ctx.put("project.name", bracket["name"], i)
        return
    unit = ctx.get("unit.name") or ""
    plain = title.replace(unit, "", 1) if unit else title
    year = _YEAR.search(plain)
    after = _TITLE_TAIL.sub("", plain[year.end() :]) if year else ""
    before = _PLACE.sub("", plain[: year.start()]) if year else _PLACE.sub("", _TITLE_TAIL.sub("", plain))
    for name in (after, None, before):
        if name is None:
            name = _subtitle(ctx, i)
        if name and not _GENERIC.match(name) and len(name) >= 4:
            ctx.put("project.name", name, i)
            return


def _subtitle(ctx: Context, i: int | None) -> str | None:
    """The line after the title when it names the project: "(教育专项工作经费)", "2021年城乡临时救助备用金"."""
    if i is None:
        return None
    for k in range(i + 1, min(i + 4, len(ctx.lines))):
        text = ctx.text(k)
        if not text:
            continue
        match = _SUBTITLE.match(text)
        if match is None or _NOT_SUBTITLE.search(_YEAR.sub("", text, count=1)):
            return None
        return _YEAR.sub("", match["bracketed"] or match["plain"], count=1) or None
    return None


# "项目经费预算495.56万元", "项目资金总预算为2455.5万元": the project's budget; "资金已执行4132.8万元",
# "已兑现…救助资金14280元": what it spent
_BUDGET_LABEL = re.compile(r"(?:总)?预算(?:资金)?(?:为|数)?$")
_NOT_BUDGET = re.compile(r"年初|执行|调整|结余|结转|三公|部门预算")
_TOTAL_LABEL = re.compile(r"^(?:合计|共计|总计)(?:下达|批复|安排)?(?:总投资|资金|[\u4e00-\u9fff、]{0,16}资金)?$|^(?:合计|共计)$")
_ALLOTTED = re.compile(r"下达|批复|安排|投资|预算")
_SPENT_LABEL = re.compile(r"^(?:资金)?(?:已|实际|累计)(?:执行|支出|兑现|支付)|(?:已|实际)(?:执行|支出)$")


def _budget_in_prose(ctx: Context) -> None:
    """The project's budget and spending in its prose; a total of several allocations (合计, 共计) first."""
    found = [(i, ctx.text(i), figures(ctx.text(i))) for i in ctx.body_lines() if may_state_amount(ctx.text(i))]
    for i, text, amounts in found:
        for fig in amounts:
            label = fig.label.strip(" ,:")
            if _TOTAL_LABEL.search(label) and _ALLOTTED.search(text) and not _SPENT_WORDS.search(label):
                ctx.put("budget.adjusted", fig.amount, i, fig.unit, label=label)
    for i, text, amounts in found:
        if "预算" not in text and "已" not in text and "实际" not in text:
            continue
        for fig in amounts:
            label = fig.label.strip(" ,:")
            if _BUDGET_LABEL.search(label) and not _NOT_BUDGET.search(label):
                ctx.put("budget.adjusted", fig.amount, i, fig.unit, label=label)
            elif _SPENT_LABEL.search(label):
                ctx.put("budget.executed", fig.amount, i, fig.unit, label=label)


_SPENT_WORDS = re.compile(r"执行|支出|使用|拨付|兑现")
# a part's words: a short name of its source, nothing else ("中央转移支付资金", "省级财政配套资金执行")
_PART_NAME = re.compile(r"^[\u4e00-\u9fff]{0,14}(?:资金|补助|配套|拨款|结转|经费)[\u4e00-\u9fff]{0,4}$")


def _funds_in_prose(ctx: Context) -> None:
    """ "其中，中央转移支付资金8353万元，省级配套资金2088万元": the year's funds by source, where every part
    after 其中 names a source the form (if any) does not list; an amount said to be executed (执行, 支出 …) is
    the source's 全年执行数."""
    stated = {line["source"] for line in ctx.get("project.funds") or []}  # the form's rows come first
    lines: dict[FundSource, dict[str, Any]] = {}
    for i in ctx.body_lines():
        text = ctx.text(i)
        if "其中" not in text or not may_state_amount(text):
            continue
        for sentence in sentences(text):
            head, found, tail = sentence.partition("其中")
            if not found:
                continue
            parts = figures(tail)
            if not parts:
                continue
            named = [(fund_source(p.label), p) for p in parts]
            if any(
                source is None or source in stated or not _PART_NAME.match(p.label.strip(" ,:"))
                for source, p in named
            ):
                continue
            for source, part in named:
                assert source is not None
                line = lines.setdefault(source, {"source": source, "label": part.label.strip(" ,:"), "at": {}})
                # the whole's words say which of its figures the parts are: "年初预算数48.00万元，其中：…"
                if "年初" in head:
                    column = "initial"
                elif _SPENT_WORDS.search(head) or _SPENT_WORDS.search(part.label):
                    column = "executed"
                else:
                    column = "adjusted"
                if column not in line:
                    line[column] = part.amount
                    line["at"][column] = (i, part.unit)
    for line in lines.values():
        at = line.pop("at")
        n = ctx.append("project.funds", line, None)
        for column, (i, unit) in at.items():
            ctx.cite(_FUND_PATHS[column].format(n), i, unit)


# "到位资金1,305.20万元" (the words just before the amount) or "1305.20万元资金已全部到位" (just after it)
_RECEIVED_BEFORE = re.compile(r"(?:到位资金|资金到位(?:数|金额)?|实际到位)(?:为|共)?:?$")
_RECEIVED_AFTER = re.compile(r"(?:资金)?(?:已)?全部(?:拨付)?到位")
_RECEIVED_REACH = 9  # characters: the longest words before an amount `_RECEIVED_BEFORE` reads
_RECEIVED_RATE = re.compile(r"(?:资金)?到位率(?:为|达到|达)?[:]?(?P<rate>\d+(?:\.\d+)?)%")


def _received(ctx: Context) -> None:
    """资金到位数 and the 资金到位率 the report states."""
    for i in ctx.body_lines():
        text = ctx.text(i)
        if "到位" not in text:
            continue
        for amount in AMOUNT.finditer(text):
            before = _RECEIVED_BEFORE.search(text, max(amount.start() - _RECEIVED_REACH, 0), amount.start())
            value = amount_value(amount["num"])
            if value is not None and (before or _RECEIVED_AFTER.match(text, amount.end())):
                unit = money_unit(amount["unit"])
                ctx.put("project.received", to_wanyuan(value, unit), i, unit)
                break
        rate = _RECEIVED_RATE.search(text)
        if rate:
            ctx.put("project.received_rate", parse_decimal(rate["rate"]), i)


_PERIOD = re.compile(r"(?:实施期限|项目期限|实施周期|执行期限)(?:为|是)?[:]?(?P<period>[^,，。;；]{4,24})")


def _period(ctx: Context) -> None:
    """实施期限 as the report words it: "实施期限为2024年1月至12月"."""
    for i in ctx.body("basic_info") or ctx.body_lines():
        found = _PERIOD.search(ctx.text(i))
        if found:
            ctx.put("project.period", found["period"], i)
            return


# "保障在校学生人数（产出指标·数量指标）：年度指标值≥600人，实际完成值612人，分值20分，得分20分；偏差原因：…。"
# (as normalised): one indicator with its levels, weight and score, as a drafted report states it
_INDICATOR_LINE = re.compile(
    r"^(?:\d{1,2}[.、])?(?P<name>[^():]{2,40})\((?P<level1>[^·()]{2,10})(?:·(?P<level2>[^·()]{2,12}))?\):"
    r"(?:年度指标值(?P<target>[^,;]*),?)?(?:实际完成值(?P<actual>[^,;]*),?)?"
    r"(?:分值(?P<weight>\d+(?:\.\d+)?)分,?)?(?:得分(?P<score>\d+(?:\.\d+)?)分)?"
    r"(?:;偏差原因:(?P<deviation>.+?))?。?$"
)


def _indicators_in_prose(ctx: Context) -> None:
    """Indicators stated one to a line with their levels, weight and score, when neither the text's indicator
    sections nor a table gave any (a report drafted by jixiao states them so, for a PDF keeps no table)."""
    if ctx.get("performance.indicators"):
        return
    for i in ctx.body_lines():
        text = ctx.text(i)
        if "·" not in text and "分值" not in text:
            continue
        found = _INDICATOR_LINE.match(text)
        if found is None or not (found["weight"] or found["target"]):
            continue
        actual = found["actual"]
        indicator: dict[str, Any] = {
            "level1": found["level1"],
            "level2": found["level2"],
            "name": found["name"],
            "target": parse_measure(found["target"]) if found["target"] else None,
            "actual": parse_measure(actual) if actual and actual != "不适用" else None,
            "not_applicable": actual == "不适用",
            "weight": parse_decimal(found["weight"]) if found["weight"] else None,
            "score": parse_decimal(found["score"]) if found["score"] else None,
            "deviation": found["deviation"],
        }
        n = ctx.append("performance.indicators", indicator, i)
        for part in ("target", "actual", "weight", "score", "deviation"):
            if indicator[part] is not None:
                ctx.cite(_INDICATOR_PATHS[part].format(n), i)


_SUPERVISED = re.compile(r"由(?P<department>[^,，。由]{2,30}?)主管[,，](?P<implementer>[^,，。]{2,30}?)(?:负责)?实施")


def _supervision(ctx: Context) -> None:
    """ "本项目由青山县教育局主管，青山县第一中学实施": the 主管部门 and 实施单位 in the text."""
    for i in ctx.body("basic_info") or ctx.body_lines():
        found = _SUPERVISED.search(ctx.text(i))
        if found:
            ctx.put("project.department", found["department"], i)
            ctx.put("project.implementer", found["implementer"], i)
            return


# "自评得分98.50分（满分100分，其中预算执行率得分9.90分、分值10分）"
_FULL_MARKS = re.compile(r"满分(?P<full>\d+(?:\.\d+)?)分")
_EXECUTION_POINTS = re.compile(r"预算执行率得分(?P<score>\d+(?:\.\d+)?)分(?:[、,，]分值(?P<weight>\d+(?:\.\d+)?)分)?")


def _scores_in_prose(ctx: Context) -> None:
    """The 总分's full marks and the 预算执行率's score and weight, where the text states them beside the 自评得分."""
    for i in ctx.body_lines():
        text = ctx.text(i)
        if "自评得分" not in text:
            continue
        full = _FULL_MARKS.search(text)
        if full:
            ctx.put("self_assessment.weight_total", parse_decimal(full["full"]), i)
        points = _EXECUTION_POINTS.search(text)
        if points:
            ctx.put("self_assessment.execution_score", parse_decimal(points["score"]), i)
            if points["weight"]:
                ctx.put("self_assessment.execution_weight", parse_decimal(points["weight"]), i)
        return

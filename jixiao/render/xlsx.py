"""Write an evaluation's scorecard as the 部门整体支出绩效自评表 in Excel (.xlsx), printable on A4.

The layout follows `domain/rules.md` §2.4: the header (部门（单位）名称, 年度, 填报人 / 联系电话 / 填报日期 left
to fill), 一 预算执行情况 (年初预算数 / 全年预算数（A） / 全年执行数（B） / 分值 / 执行率（B/A） / 得分), 二 年度
总体目标 (预期目标 and 实际完成情况), 三 绩效指标 (一级 / 二级 / 三级 / 年度指标值 / 实际完成值 / 分值 / 得分 /
偏差原因分析及改进措施), 总分 and 自评等级, then 四 评分说明 (every assumption of the scorecard).

A unit keeps working in Excel: 执行率, its score and 总分 are formulas; qualitative indicators offer the three
options as a dropdown; a score is checked against its weight. A provisional scorecard says so at the top,
in the notes and on every printed page.

Numbers are written from `Decimal` (openpyxl stores "%.16g", exact for amounts of up to 15 digits) with a
2-decimal format. A hidden sheet records what each cell was given and the evaluation's value behind it, so
`jixiao.io.xlsx_reader` reads an untouched cell back exactly (see there).
"""

from __future__ import annotations

import io
import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins

from jixiao.core.model import PROJECT, Evaluation, FundLine, Indicator
from jixiao.core.money import round_half_up
from jixiao.io.project_form import DEPARTMENT_LABEL, FUND_ROWS, FUNDS_LABEL, IMPLEMENTER_LABEL, NAME_LABEL
from jixiao.io.project_form import FORM_TITLE as PROJECT_FORM_TITLE
from jixiao.io.scorecard_form import (
    ACHIEVEMENTS_LABEL,
    BUDGET_HEADINGS,
    BUDGET_ROW_LABEL,
    FORM_TITLE,
    INDICATOR_HEADINGS,
    META_FORMAT,
    META_SHEET,
    NOT_APPLICABLE,
    QUALITATIVE_OPTIONS,
    SELF_GRADE_LABEL,
    SHEET_NAME,
    TARGETS_LABEL,
    TOTAL_LABEL,
    UNIT_LABEL,
    YEAR_LABEL,
)
from jixiao.scoring.scorecard import IndicatorScore, Scorecard

FONT = "宋体"  # LibreOffice substitutes a CJK font (Noto Serif CJK) where 宋体 is not installed
WIDTHS = {"A": 12, "B": 12, "C": 24, "D": 16, "E": 20, "F": 9, "G": 9, "H": 32}
LAST = "H"
AMOUNT_FORMAT = "#,##0.00"
SCORE_FORMAT = "0.00"
RATE_FORMAT = "0.00%"
LINE_HEIGHT = 14.5  # points per line of 10.5 pt text
_CELL_LIMIT = 32767  # characters Excel holds in a cell

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SHADE = PatternFill("solid", fgColor="E7E6E6")
_BODY = Font(name=FONT, size=10.5)
_BOLD = Font(name=FONT, size=10.5, bold=True)
_ASSUMED = Font(name=FONT, size=10.5, italic=True, color="1F4E79")
_WARNING = Font(name=FONT, size=10.5, bold=True, color="C00000")
_TITLE = Font(name=FONT, size=16, bold=True)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center")


def write_scorecard_xlsx(ev: Evaluation, card: Scorecard, path: Path | str) -> Path:
    """Write the 自评表 of `ev` scored as `card` to `path`; returns the path."""
    path = Path(path)
    path.write_bytes(scorecard_xlsx_bytes(ev, card))
    return path


def scorecard_xlsx_bytes(ev: Evaluation, card: Scorecard) -> bytes:
    buffer = io.BytesIO()
    scorecard_workbook(ev, card).save(buffer)
    return buffer.getvalue()


def scorecard_workbook(ev: Evaluation, card: Scorecard) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    form = _ProjectForm(sheet, ev, card) if ev.kind == PROJECT else _Form(sheet, ev, card)
    form.write()
    meta = workbook.create_sheet(META_SHEET)
    meta.append(["format", META_FORMAT])
    for row in form.meta:
        meta.append(row)
    meta.sheet_state = "veryHidden"
    return workbook


def _json(value: Any) -> str:
    """JSON with every Decimal as its string, so "9.60" keeps its two decimals."""
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    return json.dumps(value, ensure_ascii=False, default=str)


def _width(text: str) -> int:
    """Display width in Excel column units: a CJK character takes two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _height(texts: list[tuple[str | None, float]]) -> float:
    """Row height for the tallest of `(text, column width)`, wrapping as Excel and LibreOffice do, roughly."""
    lines = 1
    for text, width in texts:
        if not text:
            continue
        room = max(width - 1.5, 4)
        lines = max(lines, sum(max(1, math.ceil(_width(p) / room)) for p in text.split("\n")))
    return lines * LINE_HEIGHT + 4


def _span_width(first: str, last: str) -> float:
    columns = [get_column_letter(i) for i in range(ord(first) - 64, ord(last) - 63)]
    return float(sum(WIDTHS[c] for c in columns))


def _numbered(items: list[str]) -> str | None:
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, start=1)) or None


class _Form:
    title = FORM_TITLE
    budget_heading = "一、预算执行情况（单位：万元）"
    budget_label = "项目"

    def __init__(self, sheet: Any, ev: Evaluation, card: Scorecard) -> None:
        self.sheet = sheet
        self.ev = ev
        self.card = card
        self.row = 0
        self.meta: list[list[Any]] = []  # address, path, written (JSON), the evaluation's value (JSON), name
        self.scores = {s.index: s for s in card.indicators}

    # -------------------------------------------------------------------------------------- cells

    def put(
        self, ref: str, value: Any, font: Font = _BODY, align: Alignment = _CENTER, fmt: str | None = None
    ) -> Any:
        cell = self.sheet[ref]
        cell.value = value
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # "=100%" is a target as written, not a formula
        cell.font = font
        cell.alignment = align
        if fmt:
            cell.number_format = fmt
        return cell

    def formula(self, ref: str, formula: str, fmt: str) -> None:
        cell = self.sheet[ref]
        cell.value = formula
        cell.font = _BODY
        cell.alignment = _RIGHT
        cell.number_format = fmt

    def merge(self, first: str, last: str, row: int | None = None) -> None:
        row = row or self.row
        if first != last:
            self.sheet.merge_cells(f"{first}{row}:{last}{row}")

    def box(self, first: str, last: str, row: int | None = None, fill: PatternFill | None = None) -> None:
        row = row or self.row
        for col in range(ord(first) - 64, ord(last) - 63):
            cell = self.sheet.cell(row=row, column=col)
            cell.border = _BOX
            if fill:
                cell.fill = fill

    def line(
        self, text: str, font: Font = _BODY, align: Alignment = _LEFT, fill: PatternFill | None = None
    ) -> None:
        """A row of one cell across the form."""
        self.row += 1
        self.put(f"A{self.row}", text, font, align)
        self.merge("A", LAST)
        self.box("A", LAST, fill=fill)
        self.height([(text, _span_width("A", LAST))])

    def height(self, texts: list[tuple[str | None, float]]) -> None:
        self.sheet.row_dimensions[self.row].height = _height(texts)

    def record(self, ref: str, path: str, written: Any, value: Any, name: str | None = None) -> None:
        entry = [ref, path, _json(written), _json(value), name]
        if max(len(str(part)) for part in entry) <= _CELL_LIMIT:  # else the cell is read back as it stands
            self.meta.append(entry)

    # -------------------------------------------------------------------------------------- the form

    def write(self) -> None:
        for column, width in WIDTHS.items():
            self.sheet.column_dimensions[column].width = width
        self.row = 1
        self.put("A1", self.title, _TITLE)
        self.merge("A", LAST)
        self.sheet.row_dimensions[1].height = 30
        if self.card.provisional:
            self.line(self._provisional_note(), _WARNING)
        self._header()
        execution_row = self._budget()
        self._goals()
        first, last = self._indicators()
        self._totals(first, last, execution_row)
        self._notes()
        self._page_setup()

    def _provisional_note(self) -> str:
        return (
            f"【暂定评分】报告未附自评表、未列分值：斜体分值由 jixiao 按评分规则《{self.card.rulebook}》"
            "将一级指标分值平均分配至可评分的三级指标，得分、总分与等级仅供参考，不是正式的自评结果。"
        )

    def _header_rows(self) -> list[tuple[str, Any, str | None, Any]]:
        """(label, value, second label, second value) of each header row."""
        ev = self.ev
        return [
            (UNIT_LABEL, ev.unit.name, None, None),
            (YEAR_LABEL, ev.fiscal_year, "填报日期", None),
            ("填报人", None, "联系电话", None),
        ]

    def _header(self) -> None:
        for label, value, label2, value2 in self._header_rows():
            self.row += 1
            self.put(f"A{self.row}", label, _BOLD)
            self.merge("A", "B")
            if label2 is None:
                self.put(f"C{self.row}", value, align=_LEFT)
                self.merge("C", LAST)
            else:
                self.put(f"C{self.row}", value, fmt="0" if isinstance(value, int) else None)
                self.merge("C", "D")
                self.put(f"E{self.row}", label2, _BOLD)
                self.put(f"F{self.row}", value2)
                self.merge("F", LAST)
            self.box("A", LAST, fill=None)
            for col in ("A", "E") if label2 else ("A",):
                self.sheet[f"{col}{self.row}"].fill = _SHADE
            self.height([(str(value) if value else None, _span_width("C", LAST))])

    def _budget(self) -> int:
        self.line(self.budget_heading, _BOLD, fill=_SHADE)
        self.row += 1
        heads = [self.budget_label, *BUDGET_HEADINGS, "说明"]
        for col, text in zip("ABCDEFGH", heads, strict=True):
            self.put(f"{col}{self.row}", text, _BOLD)
        self.box("A", LAST, fill=_SHADE)
        self.sheet.row_dimensions[self.row].height = 2 * LINE_HEIGHT + 4
        self.row += 1
        r = self.row
        execution = self.card.execution
        budget = self.ev.budget
        self.put(f"A{r}", BUDGET_ROW_LABEL)
        for col, field, written in (
            ("B", "initial", execution.initial),
            ("C", "adjusted", execution.adjusted),
            ("D", "executed", execution.executed),
        ):
            stated = getattr(budget, field)
            shown = written if written is not None else stated
            self.put(f"{col}{r}", shown, align=_RIGHT, fmt=AMOUNT_FORMAT)
            self.record(f"{col}{r}", f"budget.{field}", shown, stated)
        self.put(f"E{r}", execution.weight, align=_RIGHT, fmt=SCORE_FORMAT)
        self.record(f"E{r}", "self_assessment.execution_weight", execution.weight, self.ev.self_assessment.execution_weight)
        self.formula(
            f"F{r}", f'=IF(AND(ISNUMBER(C{r}),ISNUMBER(D{r})),IF(C{r}=0,"",D{r}/C{r}),"")', RATE_FORMAT
        )
        self.formula(
            f"G{r}", f'=IF(AND(ISNUMBER(F{r}),ISNUMBER(E{r})),ROUND(MIN(F{r},1)*E{r},2),"")', SCORE_FORMAT
        )
        note = execution.computation
        if execution.status == "insufficient_data":
            note = f"数据不足：{note}" if not note.startswith("数据不足") else note
        self.put(f"H{r}", note, align=_LEFT)
        self.box("A", LAST)
        self.height([(note, WIDTHS["H"])])
        self._sources()
        return r

    def _sources(self) -> None:
        """The rows under 年度资金总额: none on the department form."""

    def _goals(self) -> None:
        self.line("二、年度总体目标", _BOLD, fill=_SHADE)
        self.row += 1
        self.put(f"A{self.row}", TARGETS_LABEL, _BOLD)
        self.merge("A", "D")
        self.put(f"E{self.row}", ACHIEVEMENTS_LABEL, _BOLD)
        self.merge("E", LAST)
        self.box("A", LAST, fill=_SHADE)
        self.row += 1
        performance = self.ev.performance
        targets, achievements = _numbered(performance.targets), _numbered(performance.achievements)
        self.put(f"A{self.row}", targets, align=_TOP_LEFT)
        self.merge("A", "D")
        self.put(f"E{self.row}", achievements, align=_TOP_LEFT)
        self.merge("E", LAST)
        self.box("A", LAST)
        self.record(f"A{self.row}", "performance.targets", targets, performance.targets)
        self.record(f"E{self.row}", "performance.achievements", achievements, performance.achievements)
        self.height([(targets, _span_width("A", "D")), (achievements, _span_width("E", LAST))])

    def _indicators(self) -> tuple[int, int]:
        self.line("三、绩效指标", _BOLD, fill=_SHADE)
        self.row += 1
        header = self.row
        for col, text in zip("ABCDEFGH", INDICATOR_HEADINGS, strict=True):
            self.put(f"{col}{header}", text, _BOLD)
        self.box("A", LAST, fill=_SHADE)
        self.sheet.row_dimensions[header].height = 2 * LINE_HEIGHT + 4
        self.sheet.print_title_rows = f"{header}:{header}"
        first = header + 1
        for index, indicator in enumerate(self.ev.performance.indicators):
            self.row += 1
            self._indicator(index, indicator, self.scores.get(index))
        last = self.row
        self._merge_levels(first, last)
        return first, last

    def _indicator(self, index: int, indicator: Indicator, score: IndicatorScore | None) -> None:
        r, name = self.row, indicator.name
        path = f"performance.indicators[{index}]"
        target = indicator.target.text if indicator.target else None
        actual = (
            indicator.actual.text
            if indicator.actual
            else (NOT_APPLICABLE if indicator.not_applicable else None)
        )
        weight = score.weight if score and score.weight is not None else indicator.weight
        points = score.score if score and score.score is not None else indicator.score
        self.put(f"A{r}", indicator.level1)
        self.put(f"B{r}", indicator.level2)
        self.put(f"C{r}", name, align=_LEFT)
        self.put(f"D{r}", target)
        self.put(f"E{r}", actual)
        assumed = bool(score and score.weight_assumed and indicator.weight is None)
        self.put(f"F{r}", weight, _ASSUMED if assumed else _BODY, _RIGHT, SCORE_FORMAT)
        self.put(f"G{r}", points, align=_RIGHT, fmt=SCORE_FORMAT)
        self.put(f"H{r}", indicator.deviation, align=_LEFT)
        self.box("A", LAST)
        self.record(f"D{r}", f"{path}.target", target, indicator.target, name)
        self.record(
            f"E{r}",
            f"{path}.actual",
            actual,
            {
                "actual": indicator.actual.model_dump(mode="json") if indicator.actual else None,
                "not_applicable": indicator.not_applicable,
            },
            name,
        )
        self.record(f"F{r}", f"{path}.weight", weight, indicator.weight, name)
        self.record(f"G{r}", f"{path}.score", points, indicator.score, name)
        if score is not None and score.method == "qualitative":
            options = DataValidation(
                type="list",
                formula1='"' + ",".join(QUALITATIVE_OPTIONS) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="定性指标",
                error="请从下拉列表中选择：" + "／".join(QUALITATIVE_OPTIONS),
                promptTitle="定性指标",
                prompt="请选择完成情况",
                showInputMessage=True,
            )
            options.add(f"E{r}")
            self.sheet.add_data_validation(options)
        if weight is not None:
            bounded = DataValidation(
                type="decimal",
                operator="between",
                formula1="0",
                formula2=f"F{r}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="得分超出分值",
                error="得分应在 0 与该指标分值之间。",
            )
            bounded.add(f"G{r}")
            self.sheet.add_data_validation(bounded)
        self.height(
            [
                (name, WIDTHS["C"]),
                (target, WIDTHS["D"]),
                (actual, WIDTHS["E"]),
                (indicator.deviation, WIDTHS["H"]),
                (indicator.level1, WIDTHS["A"]),
                (indicator.level2, WIDTHS["B"]),
            ]
        )

    def _merge_levels(self, first: int, last: int) -> None:
        """Merge runs of the same 一级 (and, within one, of the same 二级) down the table."""
        indicators = self.ev.performance.indicators
        for col, key in (
            ("A", lambda i: (indicators[i].level1,)),
            ("B", lambda i: (indicators[i].level1, indicators[i].level2)),
        ):
            start = first
            for r in range(first + 1, last + 2):
                if r <= last and key(r - first) == key(start - first) and key(start - first)[-1] is not None:
                    continue
                if r - 1 > start:
                    self.sheet.merge_cells(f"{col}{start}:{col}{r - 1}")
                start = r

    def _shown_total(self) -> Decimal | None:
        """The value the 总分 formula shows as written: the score cells plus 执行率's score, capped as the card is."""
        values: list[Decimal] = []
        for index, indicator in enumerate(self.ev.performance.indicators):
            score = self.scores.get(index)
            points = score.score if score and score.score is not None else indicator.score
            if points is not None:
                values.append(points)
        execution = self.card.execution
        if execution.adjusted and execution.executed is not None:
            values.append(
                round_half_up(min(execution.executed / execution.adjusted, Decimal(1)) * execution.weight)
            )
        if not values:
            return None
        total = round_half_up(sum(values, Decimal(0)))
        return min(total, self.card.cap) if self.card.cap is not None else total

    def _totals(self, first: int, last: int, x: int) -> None:
        scores = f"G{first}:G{last}," if last >= first else ""
        weights = f"F{first}:F{last}," if last >= first else ""
        self.row += 1
        total = self.row
        self.put(f"A{total}", TOTAL_LABEL, _BOLD)
        self.merge("A", "E")
        self.formula(f"F{total}", f'=IF(COUNT({weights}E{x})=0,"",SUM({weights}E{x}))', SCORE_FORMAT)
        summed = f"ROUND(SUM({scores}G{x}),2)"
        if self.card.cap is not None:
            summed = f"MIN({summed},{self.card.cap})"
        self.formula(f"G{total}", f'=IF(COUNT({scores}G{x})=0,"",{summed})', SCORE_FORMAT)
        note = f"按执行率封顶：总分不超过 {self.card.cap}" if self.card.cap is not None else None
        self.put(f"H{total}", note, align=_LEFT)
        self.box("A", LAST)
        self.sheet[f"G{total}"].font = _BOLD
        self.record(
            f"G{total}",
            "self_assessment.score",
            self._shown_total(),
            {"self_score": self.ev.self_assessment.score, "cap": self.card.cap},
        )
        if self.card.scaled_total is not None:
            self.row += 1
            assessed = self.row
            self.put(f"A{assessed}", "可评分值（已得分指标与执行率的分值合计）", _BOLD)
            self.merge("A", "E")
            self.formula(
                f"F{assessed}",
                f"=SUMPRODUCT(--ISNUMBER(G{first}:G{last}),F{first}:F{last})+IF(ISNUMBER(G{x}),E{x},0)"
                if last >= first
                else f"=IF(ISNUMBER(G{x}),E{x},0)",
                SCORE_FORMAT,
            )
            self.box("A", LAST)
            self.row += 1
            self.put(f"A{self.row}", "折算得分（百分制）", _BOLD)
            self.merge("A", "E")
            self.formula(
                f"G{self.row}",
                f'=IF(AND(ISNUMBER(G{total}),N(F{assessed})>0),ROUND(G{total}/F{assessed}*100,2),"")',
                SCORE_FORMAT,
            )
            note = "部分分值无法评定：总分按可评分值折算为百分制"
            self.put(f"H{self.row}", note, align=_LEFT)
            self.box("A", LAST)
            self.height([(note, WIDTHS["H"])])
        self.row += 1
        self.put(f"A{self.row}", SELF_GRADE_LABEL, _BOLD)
        self.merge("A", "E")
        self.put(f"F{self.row}", self.ev.self_assessment.grade or self.card.self_grade, _BOLD)
        self.merge("F", LAST)
        self.box("A", LAST)
        self.row += 1
        label = f"按评分规则计算的等级（{self.card.rulebook}{'，暂定' if self.card.provisional else ''}）"
        self.put(f"A{self.row}", label, _BOLD)
        self.merge("A", "E")
        self.put(f"F{self.row}", self.card.grade or "无法评定")
        self.merge("F", LAST)
        self.box("A", LAST)

    def _notes(self) -> None:
        notes: list[str] = []
        if self.card.provisional:
            notes.append(self._provisional_note())
        notes.extend(self.card.assumptions)
        execution = self.card.execution
        if execution.status == "insufficient_data":
            notes.append(f"预算执行率：数据不足，未计分。{execution.computation}")
        for score in self.card.indicators:
            if score.score is None and score.reason:
                notes.append(f"{score.name}：未评分，{score.reason}")
            if score.over_achieved:
                notes.append(
                    f"{score.name}：实际完成值远超年度指标值，须在“偏差原因分析及改进措施”中说明原因。"
                )
        notes.append("执行率（B/A）、执行率得分与总分为公式，修改预算数、执行数或各项得分后自动重算。")
        self.line("四、评分说明", _BOLD, fill=_SHADE)
        for i, note in enumerate(dict.fromkeys(notes), start=1):
            self.line(f"{i}. {note}")

    def _page_setup(self) -> None:
        sheet = self.sheet
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0  # as many pages down as the table needs
        sheet.page_margins = PageMargins(left=0.6, right=0.6, top=0.75, bottom=0.75, header=0.3, footer=0.3)
        sheet.print_options.horizontalCentered = True
        sheet.print_area = f"A1:{LAST}{self.row}"
        sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
        sheet.oddFooter.center.font = FONT
        if self.card.provisional:
            sheet.oddHeader.center.text = "暂定评分（分值为推定），仅供参考"
            sheet.oddHeader.center.font = FONT


class _ProjectForm(_Form):
    """The 项目支出绩效自评表 (财预〔2020〕10号 附1): the project's header, 项目资金 with the rows of its sources."""

    title = PROJECT_FORM_TITLE
    budget_heading = "一、项目资金情况（单位：万元）"
    budget_label = FUNDS_LABEL

    def _header_rows(self) -> list[tuple[str, Any, str | None, Any]]:
        ev, p = self.ev, self.ev.project
        return [
            (NAME_LABEL, p.name, None, None),
            (DEPARTMENT_LABEL, p.department, IMPLEMENTER_LABEL, p.implementer or ev.unit.name),
            (YEAR_LABEL, ev.fiscal_year, "填报日期", None),
            ("填报人", None, "联系电话", None),
        ]

    def _sources(self) -> None:
        """其中：当年财政拨款 (its parts 上级补助 and 本级安排 under it), 上年结转资金, 其他资金: the national rows,
        each source the evaluation states on a row of its own under its own words."""
        funds = list(enumerate(self.ev.project.funds))
        for label, source in FUND_ROWS:
            mine = [(n, line) for n, line in funds if line.source == source]
            rows = [(n, line, _row_label(label, line)) for n, line in mine] or [(None, None, label)]
            if source == "财政拨款":
                rows += [(n, line, f"其中：{line.label or line.source}") for n, line in funds if line.source in ("上级补助", "本级安排")]
            for n, line, text in rows:
                self.row += 1
                r = self.row
                self.put(f"A{r}", text, align=_LEFT)
                for col, field in (("B", "initial"), ("C", "adjusted"), ("D", "executed")):
                    value = getattr(line, field) if line is not None else None
                    self.put(f"{col}{r}", value, align=_RIGHT, fmt=AMOUNT_FORMAT)
                    if n is not None:
                        self.record(f"{col}{r}", f"project.funds[{n}].{field}", value, value)
                for col in ("E", "G"):
                    self.put(f"{col}{r}", "—")
                self.box("A", LAST)


def _row_label(national: str, line: FundLine) -> str:
    """The row's label: the national one, unless the evaluation names the source in its own words."""
    own = line.label
    if own is None or own == national.removeprefix("其中："):
        return national
    return f"其中：{own}" if line.source == "财政拨款" else own

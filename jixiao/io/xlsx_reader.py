"""Read an Excel .xlsx: the 部门整体支出绩效自评表 into an `Evaluation`, or any workbook as text lines.

`read_scorecard_xlsx` finds the form by its labels, not by fixed cells, so rows added in Excel still read:
the header (部门（单位）名称, 年度), the 预算执行 row (年初预算数 / 全年预算数（A） / 全年执行数（B） / 分值), the
年度总体目标 (预期目标, 实际完成情况), the indicator table up to 总分, and 自评等级. Every value read keeps its
sheet and cell in `sources`.

Formula cells are never trusted: a workbook saved by a library carries formulas without their values, so
执行率 and 总分 are recomputed from the cells they depend on, and a formula where an input belongs counts as
a blank (a blank is never zero). A 执行率 the unit typed as a number is read as stated, for the checker to
hold against B/A.

A workbook written by jixiao (`jixiao.render.xlsx`) carries a hidden sheet recording, for each cell it
wrote, what it wrote and the value in the evaluation behind it. A cell still holding what was written reads
back as that value: a weight jixiao spread provisionally stays unstated, a computed score stays computed,
and "9.60" keeps its two decimals. A cell the user changed is read as the user left it. The record is
checked whole before any of it is used (every entry of the shape its field's kind has, `_RECORDED`): a
record that is damaged anywhere is ignored, every cell read as it stands, and the import says so in
`unread`, for the form itself is the user's and still reads.

Anything that is not a readable .xlsx gives one `InputError` with a Chinese message, never a traceback.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from jixiao.core.errors import InputError
from jixiao.core.model import DEPARTMENT, PROJECT, Evaluation, EvaluationKind, Location, Measure
from jixiao.core.money import (
    MAX_DECIMAL_PLACES,
    parse_decimal,
    round_half_up,
    to_places,
    to_wanyuan,
    within_bounds,
)
from jixiao.core.paths import path_shape
from jixiao.io.canonical import pydantic_problem
from jixiao.io.document import Line, SourceDocument
from jixiao.io.extract_performance import parse_measure
from jixiao.io.limits import MAX_XLSX_MEMBER_BYTES, MAX_XLSX_UNPACKED_BYTES, check_archive
from jixiao.io.numerals import canonical, read_number
from jixiao.io.project_form import FORM_TITLE as PROJECT_FORM_TITLE
from jixiao.io.project_form import HEADER_LABELS, source_row
from jixiao.io.readers import read_bytes
from jixiao.io.scorecard_form import (  # the department form's vocabulary, re-exported
    ACHIEVEMENTS_LABEL,
    FORM_TITLE,
    META_FORMAT,
    META_SHEET,
    NOT_APPLICABLE,
    SELF_GRADE_LABEL,
    TARGETS_LABEL,
    TOTAL_LABEL,
)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_WORKBOOK_PART = "xl/workbook.xml"
_MAX_ROWS = 5000  # a 自评表 has tens of rows; formatting can make max_row a million
_MAX_COLS = 60
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}[.、．]|[（(]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩])\s*")
_GOAL_LABELS = {TARGETS_LABEL, ACHIEVEMENTS_LABEL}  # no full-width characters: as `_label` gives them
_TYPED_TARGET = re.compile(r"^=\s*\d+(?:\.\d+)?%?\s*$")
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
_YEAR_CELL = re.compile(r"\(?20\d{2}年度?\)?")
_DECIMALS = re.compile(r"\.(0+)")


def is_xlsx(data: bytes) -> bool:
    """Whether the bytes are a zip holding an Excel workbook (and so not a Word document)."""
    if not data.startswith(_ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _WORKBOOK_PART in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


# ------------------------------------------------------------------------------ opening a workbook


def _open(name: str, data: bytes) -> Any:
    """The workbook with formulas as written (never cached values); `InputError` for anything unreadable."""
    if data.startswith(_OLE_MAGIC):
        raise InputError(
            name,
            "这是加密的 Excel 文件或旧版 .xls 格式，不是 .xlsx：请在 Excel 或 WPS 中取消密码并另存为 .xlsx 后再导入。",
        )
    if not data.startswith(_ZIP_MAGIC):
        raise InputError(name, "不是有效的 .xlsx 文件（文件内容不是 Excel 工作簿）。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if _WORKBOOK_PART not in names:
                if "word/document.xml" in names:
                    raise InputError(name, "这是 Word 文档，不是 Excel 工作簿：请使用 .docx 扩展名。")
                raise InputError(name, "这个压缩包里没有 Excel 工作簿（缺少 xl/workbook.xml），不是 .xlsx 文件。")
            # a zip bomb is refused by what its members truly inflate to, before openpyxl unpacks them
            check_archive(name, archive, "Excel 文件", MAX_XLSX_MEMBER_BYTES, MAX_XLSX_UNPACKED_BYTES)
    except (zipfile.BadZipFile, OSError, ValueError, zlib.error, EOFError, NotImplementedError, RuntimeError):
        raise InputError(name, "Excel 文件已损坏或不完整，无法打开（不是有效的 .xlsx 压缩包）。") from None
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter(
                "ignore"
            )  # openpyxl warns of extensions it drops (slicers, data validation …)
            return load_workbook(io.BytesIO(data), data_only=False, rich_text=False)
    except Exception:  # openpyxl fails with KeyError, ValueError, XML and zip errors alike on damaged parts
        raise InputError(name, "Excel 文件已损坏或格式不受支持，无法读取其中的工作表。") from None


# ------------------------------------------------------------------------------ a sheet as a grid


def _label(value: Any) -> str:
    """A cell's text for matching labels: NFKC (full-width brackets to half-width), no whitespace."""
    if value is None:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))


def _is_formula(cell: Any) -> bool:
    return bool(cell is not None and cell.data_type == "f")


class _Grid:
    """A worksheet's cells by (row, column), with merged ranges: only a range's first cell holds its value."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.rows = min(sheet.max_row or 0, _MAX_ROWS)
        self.cols = min(sheet.max_column or 0, _MAX_COLS)
        self.cells: dict[tuple[int, int], Any] = {}
        for row in sheet.iter_rows(min_row=1, max_row=self.rows, max_col=self.cols):
            for cell in row:
                if cell.value is not None and hasattr(cell, "column"):
                    self.cells[(cell.row, cell.column)] = cell
        self.span: dict[tuple[int, int], tuple[int, int, int, int]] = {}  # first cell -> (r1, c1, r2, c2)
        self.covered: dict[
            tuple[int, int], tuple[int, int]
        ] = {}  # any other cell of a range -> its first cell
        for merged in sheet.merged_cells.ranges:
            r1, c1, r2, c2 = merged.min_row, merged.min_col, merged.max_row, merged.max_col
            self.span[(r1, c1)] = (r1, c1, r2, c2)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1):
                        self.covered[(r, c)] = (r1, c1)

    def cell(self, row: int, col: int) -> Any:
        return self.cells.get(self.covered.get((row, col), (row, col)))

    def value(self, row: int, col: int) -> Any:
        cell = self.cell(row, col)
        return None if cell is None else cell.value

    def text(self, row: int, col: int) -> str:
        return _label(self.value(row, col))

    def find(self, predicate: Any, after: int = 0) -> tuple[int, int] | None:
        """The first cell (row by row) whose label satisfies `predicate`."""
        for (r, c), cell in sorted(self.cells.items()):
            if r > after and isinstance(cell.value, str) and predicate(_label(cell.value)):
                return r, c
        return None

    def right_of(self, row: int, col: int) -> tuple[int, int]:
        """The cell just right of a (possibly merged) label cell."""
        span = self.span.get((row, col))
        return row, (span[3] if span else col) + 1

    def below(self, row: int, col: int) -> tuple[int, int]:
        span = self.span.get((row, col))
        return (span[2] if span else row) + 1, col

    def row_labels(self, row: int) -> list[tuple[int, str]]:
        return [(c, self.text(row, c)) for c in range(1, self.cols + 1) if (row, c) not in self.covered]


# ------------------------------------------------------------------------------ what jixiao wrote


@dataclass(frozen=True, slots=True)
class _Written:
    path: str
    written: Any  # what the cell was given, of its kind's shape (`_RECORDED`)
    value: Any  # the evaluation's value behind it, of its kind's shape
    name: str | None  # for an indicator's cells, the indicator's name, checked before the entry is used


class _RecordedActual(BaseModel):
    actual: Measure | None
    not_applicable: bool


class _RecordedTotal(BaseModel):
    self_score: Decimal | None
    cap: Decimal | None


_AMOUNT: TypeAdapter[Any] = TypeAdapter(Decimal | None)
_WORDS: TypeAdapter[Any] = TypeAdapter(str | None)
# per kind of field jixiao records (its path, indexes left out): the shape of what the cell was given, and of
# the evaluation's value behind it, as `jixiao.render.xlsx` writes them
_RECORDED: dict[str, tuple[TypeAdapter[Any], TypeAdapter[Any]]] = {
    "budget.initial": (_AMOUNT, _AMOUNT),
    "budget.adjusted": (_AMOUNT, _AMOUNT),
    "budget.executed": (_AMOUNT, _AMOUNT),
    "performance.targets": (_WORDS, TypeAdapter(list[str])),
    "performance.achievements": (_WORDS, TypeAdapter(list[str])),
    "performance.indicators[].target": (_WORDS, TypeAdapter(Measure | None)),
    "performance.indicators[].actual": (_WORDS, TypeAdapter(_RecordedActual)),
    "performance.indicators[].weight": (_AMOUNT, _AMOUNT),
    "performance.indicators[].score": (_AMOUNT, _AMOUNT),
    "self_assessment.score": (_AMOUNT, TypeAdapter(_RecordedTotal)),
    "self_assessment.execution_weight": (_AMOUNT, _AMOUNT),
    "project.funds[].initial": (_AMOUNT, _AMOUNT),
    "project.funds[].adjusted": (_AMOUNT, _AMOUNT),
    "project.funds[].executed": (_AMOUNT, _AMOUNT),
}
_DAMAGED_RECORD = (
    f"隐藏工作表“{META_SHEET}”中 jixiao 写入时的记录已损坏，已忽略：各单元格均按其现有内容读取"
    "（暂定的分值、计算的得分不再能与填写的区分）"
)


def _load_meta(workbook: Any) -> tuple[dict[str, _Written], bool]:
    """jixiao's record of the cells it wrote, by address, and whether a record was there but damaged (and so
    ignored whole: one entry of the wrong shape says the rest cannot be trusted either)."""
    if META_SHEET not in workbook.sheetnames:
        return {}, False
    sheet = workbook[META_SHEET]
    rows = list(
        sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, 20 * _MAX_ROWS), max_col=5, values_only=True)
    )
    if not rows or tuple(rows[0][:2]) != ("format", META_FORMAT):
        return {}, False  # no record of this format (another version's): every cell is read as it stands
    meta: dict[str, _Written] = {}
    for row in rows[1:]:
        if all(cell is None for cell in row):
            continue
        entry = _entry(*row)
        if entry is None:
            return {}, True
        meta[row[0]] = entry
    return meta, False


def _entry(address: Any, path: Any, written: Any, value: Any, name: Any) -> _Written | None:
    """One row of the record, checked against its kind's shape; None when it has another."""
    if not isinstance(address, str) or not isinstance(path, str) or not isinstance(name, str | None):
        return None
    shapes = _RECORDED.get(path_shape(path))
    if shapes is None:
        return None
    given, behind = shapes
    try:
        return _Written(path, given.validate_python(json.loads(str(written))), behind.validate_python(json.loads(str(value))), name)
    except (ValueError, RecursionError):  # JSON or shape (pydantic's ValidationError is a ValueError)
        return None


def _unchanged(cell: Any, written: Any) -> bool:
    value = None if cell is None else cell.value
    if _is_formula(cell):
        return False
    if written is None:
        return value is None or (isinstance(value, str) and not value.strip())
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        number = parse_decimal(str(written))
        return number is not None and _float_decimal(value) == number
    return isinstance(value, str) and value.strip() == str(written).strip()


# ------------------------------------------------------------------------------ values of cells


def _float_decimal(value: int | float) -> Decimal:
    # repr is the shortest text that reads back as the same float: exact for amounts of up to 15 digits
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def _places(number_format: str | None) -> int:
    match = _DECIMALS.search((number_format or "").split(";")[0])
    return min(len(match[1]), MAX_DECIMAL_PLACES) if match else 0


_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$")


def _number_text(text: str) -> Decimal | None:
    """A number typed as text in a cell, as people write one ("1,305.20"); one in scientific notation ("1e30",
    what a spreadsheet shows of a huge number) exactly as written, for the bounds to judge."""
    return parse_decimal(text) if _SCIENTIFIC.match(text) else read_number(text)


def _number(cell: Any) -> Decimal | None:
    """A number as the cell shows it: "9.6" in a 0.00 cell is 9.60; text such as "10分" reads too."""
    if cell is None or _is_formula(cell) or isinstance(cell.value, bool):
        return None
    value = cell.value
    if isinstance(value, int | float):
        if "%" in (cell.number_format or ""):
            return None  # a percentage where an amount or a score belongs
        return _as_shown(_float_decimal(value), _places(cell.number_format))
    if isinstance(value, str):
        return _number_text(re.sub(r"(万元|元|分)$", "", value.strip()))
    return None


def _rate(cell: Any) -> Decimal | None:
    """A typed 执行率 in percent, as the cell shows it: 0.9722 in a 0.00% cell and "97.22%" are 97.22.

    Under the heading 执行率（B/A）, a bare number up to 1.5 is the quotient B/A (0.9722), a larger one the
    percentage (97.22). A formula is None: its value is recomputed from A and B, never trusted."""
    if cell is None or _is_formula(cell) or isinstance(cell.value, bool):
        return None
    value = cell.value
    if isinstance(value, str):
        return _number_text(value.strip().removesuffix("%").removesuffix("％"))
    if not isinstance(value, int | float):
        return None
    number = _float_decimal(value)
    number_format = cell.number_format or ""
    if "%" in number_format or number <= _RATE_AS_QUOTIENT:
        shown = _places(number_format) if "%" in number_format else max(-_exponent(number) - 2, 0)
        return to_places(number * 100, shown, ROUND_HALF_EVEN)
    return _as_shown(number, _places(number_format))


def _as_shown(number: Decimal, places: int) -> Decimal:
    """`number` with at least `places` decimals, as a cell formatted with them shows it (9.6 → 9.60)."""
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent < places:  # not NaN or Infinity, which have no decimals
        return to_places(number, places)  # only zeros are added: no rounding
    return number


def _exponent(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _text(cell: Any) -> str | None:
    if cell is None or _is_formula(cell) or cell.value is None:
        return None
    value = cell.value
    text = (str(_float_decimal(value)) if isinstance(value, float) else str(value)).strip()
    return text or None


def _measure_text(cell: Any) -> str | None:
    """A target or actual as written; "=100%" typed into Excel became a formula, and is read as the text it was."""
    if _is_formula(cell) and _TYPED_TARGET.match(str(cell.value)):
        return str(cell.value).strip()
    return _text(cell)


def _measure_of(text: str | None) -> dict[str, Any] | None:
    """A target or actual as the model takes it: validated with the rest, so a number in it out of bounds is
    refused naming its field and cell."""
    if text is None:
        return None
    parsed = parse_measure(canonical(unicodedata.normalize("NFKC", text))) or {}
    return {"text": text, "comparator": parsed.get("comparator"), "value": parsed.get("value"), "unit": parsed.get("unit")}


def _items(text: str | None) -> list[str]:
    """A cell of numbered lines ("1. …\\n2. …") as its items."""
    if text is None:
        return []
    items = [_NUMBERING.sub("", line).strip() for line in text.splitlines()]
    return [item for item in items if item]


# ------------------------------------------------------------------------------ the form


class _Reader:
    def __init__(self, name: str, sheet: Any, meta: dict[str, _Written]) -> None:
        self.name = name
        self.grid = _Grid(sheet)
        self.meta = meta
        self.sources: dict[str, Location] = {}
        self.form_title = FORM_TITLE

    def locate(self, path: str, row: int, col: int, text: str | None = None, unit: str | None = None) -> None:
        """Cite the cell a value came from, quoting it (or `text`, the part of the cell the value is); `unit`
        is the money unit the cell was written in, when not 万元."""
        cell = self.grid.cell(row, col)
        if text is None and cell is not None and cell.value is not None:
            text = str(cell.value)
        coordinate = cell.coordinate if cell is not None else _coordinate(row, col)
        self.sources[path] = Location(
            file=self.name,
            sheet=self.grid.sheet.title,
            cell=coordinate,
            section=self.form_title,
            text=text,
            original_unit=unit,
        )

    def written(self, row: int, col: int, path: str, name: str | None = None) -> _Written | None:
        """jixiao's record of this cell, when the cell still holds what jixiao wrote into it for `path`."""
        entry = self.meta.get(_coordinate(row, col))
        if entry is None or entry.name != name or path_shape(entry.path) != path_shape(path):
            return None
        return entry if _unchanged(self.grid.cell(row, col), entry.written) else None


def _coordinate(row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col)}{row}"


def _indicator_columns(labels: list[tuple[int, str]]) -> dict[str, int] | None:
    """The indicator table's columns by role, when this row is its header."""
    roles: dict[str, int] = {}
    for col, label in labels:
        if not label:
            continue
        role = None
        if label.startswith("一级"):
            role = "level1"
        elif label.startswith("二级"):
            role = "level2"
        elif label.startswith("三级"):
            role = "name"
        elif "偏差" in label:
            role = "deviation"
        elif "实际" in label and ("完成" in label or "值" in label):
            role = "actual"
        elif "指标值" in label or "目标值" in label:
            role = "target"
        elif label.startswith(("分值", "权重")):
            role = "weight"
        elif label.startswith(("得分", "自评得分")):
            role = "score"
        if role and role not in roles:
            roles[role] = col
    if "name" in roles and ("target" in roles or "actual" in roles):
        return roles
    return None


def _form_sheet(name: str, workbook: Any) -> tuple[Any, int, dict[str, int]]:
    """The sheet holding the indicator table, the table's header row and its columns."""
    sheets = [s for s in workbook.worksheets if s.title != META_SHEET]
    sheets.sort(key=lambda s: s.sheet_state != "visible")
    for sheet in sheets:
        grid = _Grid(sheet)
        for row in range(1, grid.rows + 1):
            columns = _indicator_columns(grid.row_labels(row))
            if columns:
                return sheet, row, columns
    raise InputError(
        name,
        "这个 Excel 工作簿不是部门整体支出绩效自评表：没有找到绩效指标表的表头"
        "（一级指标 / 二级指标 / 三级指标 / 年度指标值 / 实际完成值 / 分值 / 得分）。",
    )


def _ends_table(labels: list[tuple[int, str]]) -> bool:
    first = next((label for _, label in labels if label), "")
    return first.startswith(("总分", "合计", "自评等级", "说明", "填表说明", "评分说明")) or bool(
        re.match(r"^[一二三四五六七八九十]+、", first)
    )


def read_scorecard_xlsx(path: Path | str) -> Evaluation:
    """Import a 部门整体支出绩效自评表 in .xlsx. Raises `InputError` for a file that is not one."""
    path = Path(path)
    return scorecard_from_bytes(str(path), read_bytes(path))


def scorecard_from_bytes(name: str, data: bytes, kind: EvaluationKind | None = None) -> Evaluation:
    """A 自评表 workbook: the 部门整体支出绩效自评表, or the 项目支出绩效自评表 (told by its 项目名称, or forced
    by `kind`), whose project header and funds by source are read too."""
    workbook = _open(name, data)
    sheet, header_row, columns = _form_sheet(name, workbook)
    meta, damaged = _load_meta(workbook)
    reader = _Reader(name, sheet, meta)
    project = kind == PROJECT or (kind is None and _is_project(reader.grid))
    values: dict[str, Any] = {"kind": PROJECT if project else DEPARTMENT}
    if project:
        reader.form_title = PROJECT_FORM_TITLE
        _project_header(reader, values)
    _header(reader, values)
    execution = _budget(reader, values, project)
    _goals(reader, values)
    scores_shown = _indicators(reader, values, header_row, columns)
    _self_assessment(reader, values, execution, scores_shown)
    total = reader.grid.find(lambda t: t.startswith(TOTAL_LABEL))
    if total is not None and "weight" in columns:  # the 分值 the 总分 row states, when typed
        _stated(reader, values, "weight_total", total[0], columns["weight"])
    values["sources"] = reader.sources
    if damaged:
        values["unread"] = [{"reason": _DAMAGED_RECORD, "source": {"file": name, "sheet": META_SHEET}}]
    try:
        return Evaluation.model_validate(values)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error["loc"]).lstrip(".")
        source = _cited(reader.sources, where)
        cell = f"，工作表“{source.sheet}”单元格 {source.cell}" if source is not None and source.cell else ""
        raise InputError(
            name, f"自评表中的内容无法导入（{where}{cell}：{pydantic_problem(error)}）：请检查该项的填写。"
        ) from None


def _cited(sources: dict[str, Location], path: str) -> Location | None:
    """Where the value at `path` was read, or the nearest part holding it (a measure's cell for its number)."""
    while path:
        if path in sources:
            return sources[path]
        path = path[: max(path.rfind("."), path.rfind("["), 0)]
    return None


def _is_project(grid: _Grid) -> bool:
    return grid.find(lambda t: t == "项目名称" or PROJECT_FORM_TITLE in t) is not None


def _project_header(reader: _Reader, data: dict[str, Any]) -> None:
    """项目名称, 主管部门, 实施单位 … each in the cell right of its label; the unit is the 实施单位."""
    grid = reader.grid
    project: dict[str, Any] = {}
    for label, field in HEADER_LABELS:
        if field in project:
            continue
        found = grid.find(lambda t, label=label: t.removesuffix("(盖章)") == label)
        if found is None:
            continue
        row, col = grid.right_of(*found)
        value = _text(grid.cell(row, col))  # jixiao keeps no record of these: the cell is read as it stands
        if value:
            project[field] = value
            reader.locate(f"project.{field}", row, col)
    if project:
        data["project"] = project
    if project.get("implementer"):
        data["unit"] = {"name": project["implementer"]}
        reader.sources["unit.name"] = reader.sources["project.implementer"]


def _header(reader: _Reader, data: dict[str, Any]) -> None:
    grid = reader.grid
    found = grid.find(lambda t: t in {"部门(单位)名称", "单位名称", "部门名称", "部门(单位)"})
    if found:
        row, col = grid.right_of(*found)
        name = _text(grid.cell(row, col))
        if name and "unit" not in data:  # a project form's unit is its 实施单位, read already
            data["unit"] = {"name": name}
            reader.locate("unit.name", row, col)
    found = grid.find(lambda t: t in {"年度", "评价年度", "所属年度", "预算年度"})
    year = None
    if found:
        row, col = grid.right_of(*found)
        cell = grid.cell(row, col)
        if cell is not None and isinstance(cell.value, int) and not isinstance(cell.value, bool):
            year = cell.value
        else:
            match = _YEAR.search(_text(cell) or "")
            year = int(match[1]) if match else None
        if year is not None:
            reader.locate("fiscal_year", row, col)
    if year is None:  # the title may carry it: "2023年度部门整体支出绩效自评表", or a cell under it: "（2024年度）"
        title = grid.find(lambda t: ("自评表" in t or _YEAR_CELL.fullmatch(t) is not None) and _YEAR.search(t) is not None)
        if title:
            match = _YEAR.search(grid.text(*title))
            year = int(match[1]) if match else None
            reader.locate("fiscal_year", *title)
    if year is not None:
        data["fiscal_year"] = year


_RATE_AS_QUOTIENT = Decimal("1.5")  # a typed 执行率 up to this is B/A itself, above it a percentage


@dataclass(slots=True)
class _Execution:
    weight: Decimal | None = None
    score: Decimal | None = None  # min(B/A, 1) × weight, recomputed


def _budget(reader: _Reader, data: dict[str, Any], project: bool = False) -> _Execution:
    """The 预算执行 row (年度资金总额); for a project, the rows of its sources below it, and the money unit
    the form states (项目资金（元）), converted to 万元."""
    grid = reader.grid
    execution = _Execution()
    header = grid.find(lambda t: t.startswith("年初预算数"))
    if header is None:
        header = grid.find(lambda t: t.startswith("全年预算数"))
    if header is None:
        return execution
    roles: dict[str, int] = {}
    for col, label in grid.row_labels(header[0]):
        if label.startswith("年初预算"):
            roles.setdefault("initial", col)
        elif label.startswith(("全年预算", "调整后预算")):
            roles.setdefault("adjusted", col)
        elif label.startswith(("全年执行", "执行数")):
            roles.setdefault("executed", col)
        elif label.startswith(("分值", "权重")):
            roles.setdefault("weight", col)
        elif label.startswith("执行率") and "分" not in label:  # not a 执行率得分 column
            roles.setdefault("rate", col)
        elif label.startswith("得分"):
            roles.setdefault("score", col)
    # the row of the year's total: labelled 年度资金总额 (or 合计), else the first row below the header
    row = header[0] + 1
    for candidate in range(header[0] + 1, min(header[0] + 8, grid.rows) + 1):
        if any(
            label.startswith(("年度资金总额", "资金总额", "合计")) for _, label in grid.row_labels(candidate)
        ):
            row = candidate
            break
    unit = _money_unit(grid, header[0])
    budget: dict[str, Decimal] = {}
    for role, value, column in _amounts(reader, row, roles, unit, "budget"):
        budget[role] = value
        reader.locate(f"budget.{role}", row, column, unit=unit)
    rate = _rate(grid.cell(row, roles["rate"])) if "rate" in roles else None
    if rate is not None:  # typed by the unit (jixiao writes a formula, which is recomputed instead)
        budget["execution_rate"] = rate
        reader.locate("budget.execution_rate", row, roles["rate"])
    if budget:
        data["budget"] = budget
    if project:
        _fund_lines(reader, data, row, roles, unit)
    if "weight" in roles:
        execution.weight = _number(grid.cell(row, roles["weight"]))
        _stated(reader, data, "execution_weight", row, roles["weight"])
    if "score" in roles:
        _stated(reader, data, "execution_score", row, roles["score"])
    adjusted, executed = budget.get("adjusted"), budget.get("executed")
    # a figure out of bounds is refused with its cell by the model's validation: nothing is computed from it
    computable = all(within_bounds(n) for n in (adjusted, executed, execution.weight) if n is not None)
    if execution.weight is not None and adjusted and executed is not None and computable:
        execution.score = round_half_up(min(executed / adjusted, Decimal(1)) * execution.weight)
    return execution


_UNIT_LABEL = re.compile(r"\((万元|元|亿元)\)")


def _money_unit(grid: _Grid, header_row: int) -> str | None:
    """The unit the funds table states in a label at or just above its heading row (项目资金（元）), when not 万元."""
    for row in range(max(header_row - 2, 1), header_row + 1):
        for _, label in grid.row_labels(row):
            found = _UNIT_LABEL.search(label)
            if found and ("资金" in label or "预算" in label or label == found[0]):
                return None if found[1] == "万元" else found[1]
    return None


def _amounts(
    reader: _Reader, row: int, roles: dict[str, int], unit: str | None, path: str
) -> list[tuple[str, Decimal, int]]:
    """(role, amount in 万元, column) of the row's 年初预算数 / 全年预算数 / 全年执行数 that are stated, the fields
    `{path}.{role}`. An amount out of bounds is kept as written, unconverted: the model refuses it with its cell."""
    found = []
    for role in ("initial", "adjusted", "executed"):
        column = roles.get(role)
        if column is None:
            continue
        entry = reader.written(row, column, f"{path}.{role}")
        value = entry.value if entry else _number(reader.grid.cell(row, column))
        if value is not None:
            converted = unit and not entry and within_bounds(value)
            found.append((role, to_wanyuan(value, unit) if converted else value, column))
    return found


def _fund_lines(reader: _Reader, data: dict[str, Any], total_row: int, roles: dict[str, int], unit: str | None) -> None:
    """The rows below 年度资金总额 that name a source (其中：当年财政拨款, 上年结转资金, 其他资金)."""
    grid = reader.grid
    lines: list[dict[str, Any]] = []
    for row in range(total_row + 1, min(total_row + 8, grid.rows) + 1):
        labels = [label for _, label in grid.row_labels(row) if label]
        named = source_row(labels[0]) if labels else None
        if named is None:
            if labels and not labels[0].startswith("其中"):
                break
            continue
        line: dict[str, Any] = {"source": named[1], "label": named[0]}
        n = len(lines)
        for role, value, column in _amounts(reader, row, roles, unit, f"project.funds[{n}]"):
            line[role] = value
            reader.locate(f"project.funds[{n}].{role}", row, column, unit=unit)
        lines.append(line)
    if lines:
        data.setdefault("project", {})["funds"] = lines


def _stated(reader: _Reader, data: dict[str, Any], field: str, row: int, col: int) -> None:
    """A figure of the 自评表 as the unit typed it (a formula is recomputed, never read), or as jixiao recorded it."""
    entry = reader.written(row, col, f"self_assessment.{field}")
    value = entry.value if entry else _number(reader.grid.cell(row, col))
    if value is not None:
        data.setdefault("self_assessment", {})[field] = value
        reader.locate(f"self_assessment.{field}", row, col)


def _goals(reader: _Reader, data: dict[str, Any]) -> None:
    grid = reader.grid
    performance: dict[str, Any] = data.setdefault("performance", {})
    for label, key in ((TARGETS_LABEL, "targets"), (ACHIEVEMENTS_LABEL, "achievements")):
        found = grid.find(lambda t, label=label: t == label or t == f"年度{label}" or t == f"总体{label}")
        if found is None:
            continue
        row, col = grid.below(*found)
        if _text(grid.cell(row, col)) is None and reader.written(row, col, f"performance.{key}") is None:
            beside = grid.right_of(*found)  # the value beside its label, not under it
            if _text(grid.cell(*beside)) and grid.text(*beside) not in _GOAL_LABELS:
                row, col = beside
        entry = reader.written(row, col, f"performance.{key}")
        items = list(entry.value) if entry else _items(_text(grid.cell(row, col)))
        performance[key] = items
        for i, item in enumerate(items):
            reader.locate(f"performance.{key}[{i}]", row, col, item)


def _indicators(reader: _Reader, data: dict[str, Any], header: int, columns: dict[str, int]) -> list[Decimal]:
    """Read the indicator rows; returns the scores as the cells show them (for the total as Excel shows it)."""
    grid = reader.grid
    indicators: list[dict[str, Any]] = []
    shown: list[Decimal] = []
    for row in range(header + 1, grid.rows + 1):
        labels = grid.row_labels(row)
        if _ends_table(labels):
            break
        own = [col for role, col in columns.items() if role not in {"level1", "level2"}]
        if not any(grid.text(row, col) for col in own):
            continue  # an empty row, or one that only continues a merged 一级 / 二级 cell
        name = _text(grid.cell(row, columns["name"]))
        if name is None:
            raise InputError(
                reader.name,
                f"工作表“{grid.sheet.title}”第 {row} 行填了指标数据，但三级指标名称为空：请补上指标名称或删除该行。",
            )
        i = len(indicators)
        path = f"performance.indicators[{i}]"
        indicator: dict[str, Any] = {"name": name}
        reader.locate(path, row, columns["name"])
        for role in ("level1", "level2", "deviation"):
            col = columns.get(role)
            text = _text(grid.cell(row, col)) if col else None
            if text is not None and col is not None:
                indicator[role] = text
                reader.locate(f"{path}.{role}", row, col)
        if "target" in columns:
            col = columns["target"]
            entry = reader.written(row, col, f"{path}.target", name)
            target = entry.value if entry else None
            if entry is None:
                target = _measure_of(_measure_text(grid.cell(row, col)))
            if target is not None:
                indicator["target"] = target
                reader.locate(f"{path}.target", row, col)
        if "actual" in columns:
            col = columns["actual"]
            entry = reader.written(row, col, f"{path}.actual", name)
            if entry:
                actual = entry.value.actual
                indicator["not_applicable"] = entry.value.not_applicable
            else:
                text = _measure_text(grid.cell(row, col))
                if text is not None and _label(text) == NOT_APPLICABLE:
                    indicator["not_applicable"] = True
                    text = None
                actual = _measure_of(text)
            if actual is not None:
                indicator["actual"] = actual
            if actual is not None or indicator.get("not_applicable"):
                reader.locate(f"{path}.actual", row, col)
        for role in ("weight", "score"):
            col = columns.get(role)
            if col is None:
                continue
            cell = grid.cell(row, col)
            entry = reader.written(row, col, f"{path}.{role}", name)
            value = entry.value if entry else _number(cell)
            if value is not None:
                indicator[role] = value
                reader.locate(f"{path}.{role}", row, col)
            if role == "score" and (number := _number(cell)) is not None and within_bounds(number):
                shown.append(number)
        indicators.append(indicator)
    data["performance"]["indicators"] = indicators
    return shown


def _self_assessment(
    reader: _Reader, data: dict[str, Any], execution: _Execution, shown: list[Decimal]
) -> None:
    """自评等级 as written; 自评得分 = the total recomputed from the scores, never a formula's cached value."""
    grid = reader.grid
    assessment: dict[str, Any] = {}
    found = grid.find(lambda t: t.startswith(SELF_GRADE_LABEL))
    if found:
        row, col = grid.right_of(*found)
        grade = _text(grid.cell(row, col))
        if grade:
            assessment["grade"] = grade
            reader.locate("self_assessment.grade", row, col)
    total = None
    if shown:
        total = round_half_up(sum(shown, execution.score or Decimal(0)))
    found = grid.find(lambda t: t.startswith(TOTAL_LABEL))
    if found:
        # what jixiao wrote as the total (the formula's value then) and the unit's own total behind it
        total_cell = _total_cell(grid, found[0])
        entry = reader.meta.get(_coordinate(found[0], total_cell)) if total_cell is not None else None
        if (
            entry is not None
            and total_cell is not None
            and entry.path == "self_assessment.score"
            and _is_formula(grid.cell(found[0], total_cell))
        ):
            cap = entry.value.cap
            if total is not None and cap is not None:
                total = min(total, cap)  # the total formula jixiao wrote caps it so
            if total == entry.written:  # no score changed since: the unit's own total stands
                total = entry.value.self_score
        if total is not None and total_cell:
            reader.locate("self_assessment.score", found[0], total_cell)
    if total is not None:
        assessment["score"] = total
    if assessment:
        data.setdefault("self_assessment", {}).update(assessment)


def _total_cell(grid: _Grid, row: int) -> int | None:
    """The 得分 column of the 总分 row: its last formula or number cell."""
    candidates = [
        c
        for c in range(1, grid.cols + 1)
        if (row, c) not in grid.covered
        and grid.cell(row, c) is not None
        and not isinstance(grid.value(row, c), str)
    ]
    formulas = [c for c in range(1, grid.cols + 1) if _is_formula(grid.cell(row, c))]
    found = formulas or candidates
    return found[-1] if found else None


# ------------------------------------------------------------------------------ any workbook as text


def read_xlsx(name: str, data: bytes) -> SourceDocument:
    """Any .xlsx as text: each visible sheet's non-empty rows, one line each, cells joined by " | "."""
    workbook = _open(name, data)
    lines: list[Line] = []
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        grid = _Grid(sheet)
        for row in range(1, grid.rows + 1):
            texts = [
                _text(grid.cell(row, c)) or ""
                for c in range(1, grid.cols + 1)
                if (row, c) not in grid.covered and not _is_formula(grid.cell(row, c))
            ]
            texts = [t.replace("\n", " ") for t in texts if t]
            if texts:
                lines.append(Line(len(lines) + 1, " | ".join(texts)))
    if not lines:
        raise InputError(name, "Excel 工作簿中没有任何内容（所有可见工作表均为空）。")
    return SourceDocument(name, "xlsx", lines)

"""The summary files of a batch: the workbook, the same table as CSV, and the JSON lines of every record.

One row per file, in the order the files were named (folders walked in name order), whatever order the
workers finished in, so two runs over the same files write the same bytes. The columns are `COLUMNS`;
amounts and rates are written from their decimal strings, in the workbook as numbers shown with the
decimals the report wrote. The CSV is UTF-8 with a byte-order mark: without it Excel on Chinese Windows
reads UTF-8 as GBK and garbles every Chinese cell.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from jixiao.atomic import write_atomic
from jixiao.batch.record import STATUS_NAMES, Record
from jixiao.core.findings import CATEGORY_NAMES, SEVERITY_NAMES

WORKBOOK = "汇总.xlsx"
CSV = "汇总.csv"
JSON_LINES = "结果.jsonl"


@dataclass(frozen=True)
class Column:
    header: str
    get: Callable[[Record], Any]
    kind: str = "text"  # text, int or decimal (a decimal string in the record)
    width: int = 10


def _count(counts: str, key: str) -> Callable[[Record], Any]:
    """The getter of one count: findings of one severity or of one category."""
    return lambda record: record[counts][key]


def _flag(value: bool | None) -> str | None:
    return None if value is None else ("是" if value else "否")


COLUMNS: tuple[Column, ...] = (
    Column("文件", lambda r: r["file"], width=40),
    Column("状态", lambda r: STATUS_NAMES[r["status"]], width=9),
    Column("单位", lambda r: r["unit"], width=26),
    Column("年度", lambda r: r["fiscal_year"], "int", 7),
    Column("类型", lambda r: r["kind"], width=9),
    Column("收入合计（万元）", lambda r: r["income_total"], "decimal", 14),
    Column("支出合计（万元）", lambda r: r["expenditure_total"], "decimal", 14),
    Column("全年预算数（万元）", lambda r: r["budget_adjusted"], "decimal", 14),
    Column("全年执行数（万元）", lambda r: r["budget_executed"], "decimal", 14),
    Column("预算执行率（%）", lambda r: r["execution_rate"], "decimal", 12),
    Column("评分规则", lambda r: r["rulebook"], width=12),
    Column("得分", lambda r: r["score"], "decimal", 8),
    Column("折算百分制得分", lambda r: r["scaled_score"], "decimal", 12),
    Column("等级", lambda r: r["grade"], width=7),
    Column("暂评", lambda r: _flag(r["provisional"]), width=6),
    Column("自评得分", lambda r: r["self_score"], "decimal", 9),
    Column("自评等级", lambda r: r["self_grade"], width=9),
    *(Column(name, _count("severity_counts", key), "int", 6) for key, name in SEVERITY_NAMES.items()),
    *(Column(name, _count("category_counts", key), "int", 6) for key, name in CATEGORY_NAMES.items()),
    Column("未读到", lambda r: "、".join(r["missing"]) or None, width=30),
    Column("未归入提纲（段）", lambda r: r["unplaced"], "int", 8),
    Column("原因", lambda r: r["reason"], width=60),
)

def write_all(records: Sequence[Record], folder: Path) -> list[Path]:
    """Write the workbook, the CSV and the JSON lines into `folder`; the paths written."""
    written = [folder / WORKBOOK, folder / CSV, folder / JSON_LINES]
    write_atomic(written[0], workbook_bytes(records))
    write_atomic(written[1], csv_text(records).encode("utf-8-sig"))
    write_atomic(written[2], "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return written


def workbook_bytes(records: Sequence[Record]) -> bytes:
    """One sheet, 汇总, one row per file, written row by row (openpyxl's write-only mode). The findings
    themselves are in the JSON lines: a province's thousand reports have tens of thousands of them."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("汇总")
    for n, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = column.width
    sheet.freeze_panes = "B2"  # the header and the file name stay in view
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(records) + 1}"
    bold = Font(bold=True)
    header = [WriteOnlyCell(sheet, column.header) for column in COLUMNS]
    for cell in header:
        cell.font = bold
    sheet.append(header)
    for record in records:
        sheet.append([_cell(sheet, column, record) for column in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Any, column: Column, record: Record) -> Any:
    """A decimal as a number cell showing the decimals the report wrote; anything else as it is."""
    value = column.get(record)
    if value is None or column.kind != "decimal":
        return value
    cell = WriteOnlyCell(sheet, Decimal(value))
    places = len(value.partition(".")[2])
    cell.number_format = "0." + "0" * places if places else "0"
    return cell


def csv_text(records: Sequence[Record]) -> str:
    """The 汇总 table as CSV text: decimals exactly as in the record, blanks empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.header for column in COLUMNS])
    for record in records:
        writer.writerow(["" if (value := column.get(record)) is None else value for column in COLUMNS])
    return buffer.getvalue()

"""The region's table (the board) as CSV (UTF-8 with BOM, so Excel opens it in Chinese) and xlsx."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from jixiao.web.common.formats import decimal_text
from jixiao.web.review.board import NOT_STARTED, BoardRow

HEADER = ["单位", "类型", "年度", "状态", "得分", "等级", "暂评", "错误", "警告", "提示", "全年预算数（万元）",
          "全年执行数（万元）", "预算执行率（%）", "最后修改"]  # fmt: skip


def board_table(year: int, board_rows: list[BoardRow]) -> list[list[object]]:
    rows: list[list[object]] = []
    for row in board_rows:
        if row.values is None:
            rows.append([row.unit, "", year, NOT_STARTED] + [""] * (len(HEADER) - 4))
            continue
        e = row.values
        rows.append([
            row.unit, e["kind"], e["fiscal_year"], row.state_label, _blank(e["score"]), e["grade"],
            "是" if e["provisional"] else "", e["errors"], e["warnings"], e["infos"], _blank(e["budget_adjusted"]),
            _blank(e["budget_executed"]), _blank(e["execution_rate"]), e["updated"].date().isoformat(),
        ])  # fmt: skip
    return [HEADER, *rows]


def _blank(value: object) -> str:
    text = decimal_text(value)
    return "" if text == "—" else text


def csv_bytes(table: Sequence[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(table)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(table: Sequence[Sequence[object]], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for row in table:
        sheet.append([_cell(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 36
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: object) -> object:
    """Numbers as numbers in the workbook, with the digits written (a Decimal string stays exact text
    when it is not a plain number)."""
    if isinstance(value, str) and value.replace(".", "", 1).lstrip("-").isdigit():
        from decimal import Decimal

        return Decimal(value)
    return value


def response(table: Sequence[Sequence[object]], fmt: str, stem: str) -> HttpResponse:
    if fmt == "csv":
        content, kind = csv_bytes(table), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        content = xlsx_bytes(table, "汇总表")
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404("不支持的格式。")
    result = HttpResponse(content, content_type=kind)
    result["Content-Disposition"] = content_disposition_header(True, f"{stem}.{fmt}")
    return result

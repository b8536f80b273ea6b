"""The report as a renderer sees it: a cover, a title and a sequence of blocks, drafted once from the data.

`draft(ev)` (render/draft.py) turns an evaluation into a `Document`; each renderer (docx, html, markdown,
pdf) lays out the same blocks, so every number in every output is the number in the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Cover:
    """The cover page as the seed has one: attachment number, year, title, unit, date."""

    title: str  # 2023年度部门整体支出绩效自评报告
    attachment: str | None = None  # 附件1
    year: int | None = None
    unit: str | None = None  # 单位名称（盖章）
    date: str | None = None  # 2024年3月14日, as printed


@dataclass(frozen=True)
class Heading:
    level: int  # 1: 一、 (黑体)  2: （一） (楷体)  3: 1. (仿宋 bold)  4: (1)
    numbering: str  # as printed: "一、", "（一）", "1.", "（1）"
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: Literal["body", "note"] = "body"  # note: a remark such as "暂评" or "本节无内容"


@dataclass(frozen=True)
class Table:
    caption: str  # 表1 2023年度财政拨款支出（按经济分类）
    header: list[str]
    rows: list[list[str]]
    unit: str | None = "万元"  # printed above the table's right edge as "单位：万元"; None for none
    numeric: list[bool] = field(default_factory=list)  # per column: right-aligned figures


Block = Heading | Paragraph | Table


@dataclass
class Document:
    cover: Cover
    title: str  # the inner title above the body (2号 小标宋)
    blocks: list[Block] = field(default_factory=list)
    appendix_title: str | None = None  # 附：部门整体支出绩效自评表 — rendered from the scorecard, landscape
    provisional: bool = False  # the appendix's scores are provisional
    # the appendix's own blocks (the 自评表's parts as tables), drafted with the scorecard; empty for none
    appendix: list[Block] = field(default_factory=list)

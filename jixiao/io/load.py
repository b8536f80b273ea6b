"""Import a report file into an `Evaluation`: read, normalise, segment, extract, validate once.

Text the importer could not place is kept, never dropped: every section keeps its body in the outline,
an appendix after the body (the 自评表 a rendered report carries) goes to `outline.appendix`, and lines
outside any recognised section go to `outline.unplaced`.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePath
from typing import Any

from jixiao.core.model import DEPARTMENT, PROJECT, Evaluation, EvaluationKind
from jixiao.io import canonical
from jixiao.io.context import Context
from jixiao.io.document import SourceDocument
from jixiao.io.extract_budget import extract_budget
from jixiao.io.extract_identity import extract_identity
from jixiao.io.extract_narrative import extract_narrative
from jixiao.io.extract_performance import extract_performance
from jixiao.io.extract_project import extract_project, has_form
from jixiao.io.extract_staffing import extract_staffing
from jixiao.io.limits import refuse_many_headings
from jixiao.io.normalize import normalize_document
from jixiao.io.numerals import lines_maybe_unreadable, unreadable
from jixiao.io.outline import segment
from jixiao.io.readers import document_from_bytes, read_bytes

_HUNAN_BUDGETS = {"general_budget", "government_fund", "state_capital", "social_insurance"}


def load_report(path: Path | str, kind: EvaluationKind | None = None) -> Evaluation:
    """Read a txt, docx or pdf report, or a 自评表 in xlsx. Raises `InputError` for a file that cannot be read.

    `kind` forces the evaluation's kind (部门整体 or 项目支出); by default it is told from the title, the outline
    and the form."""
    return load_report_bytes(str(path), read_bytes(Path(path)), kind)


def load_report_bytes(name: str, data: bytes, kind: EvaluationKind | None = None) -> Evaluation:
    """`load_report` of a file already read (from disk, or from a zip by `jixiao batch`); `name` gives its suffix."""
    doc = document_from_bytes(name, data)
    if doc.kind == "xlsx":  # a form: read by its labels and cells, not as running text
        from jixiao.io.xlsx_reader import scorecard_from_bytes

        return scorecard_from_bytes(name, data, kind)
    return import_document(doc, kind)


def load_any_bytes(name: str, data: bytes, kind: EvaluationKind | None = None) -> Evaluation:
    """A canonical yaml/json file by its suffix (it states its own kind), else a report (txt, docx, pdf, xlsx)
    by its content."""
    if PurePath(name).suffix.lower() in canonical.SUFFIXES:
        return canonical.loads_canonical(name, data)
    return load_report_bytes(name, data, kind)


def import_document(doc: SourceDocument, kind: EvaluationKind | None = None) -> Evaluation:
    lines = normalize_document(doc)
    outline = segment(lines)
    refuse_many_headings(doc.path, len(outline.headings))
    ctx = Context(doc, lines, outline)
    extract_identity(ctx)
    # the kind first: what a figure is read as depends on whose report it is (基本支出 and 项目支出 are the kinds
    # of a unit's spending, and a project's own spending is its 执行数; a project's 全年预算数 is the report's own
    # in a project report, and that one project's in a department's)
    ctx.put("kind", kind or _kind(ctx), None)
    extract_staffing(ctx)
    extract_budget(ctx)
    extract_performance(ctx)
    extract_narrative(ctx)
    _unread_figures(ctx)
    if ctx.data.get("kind") == PROJECT:
        extract_project(ctx)
        _project_figures(ctx)
    ctx.data["outline"] = _outline(ctx)
    ctx.data["sources"] = ctx.sources
    ctx.data["restated"] = ctx.restated
    ctx.data["unread"] = ctx.unread
    return Evaluation.model_validate(ctx.data)


def _unread_figures(ctx: Context) -> None:
    """Every amount or percentage of the text that no extractor could read with confidence, with why.

    One quick search of the whole text tells the few lines to read closely: most reports have none."""
    candidates = lines_maybe_unreadable("\n".join(line.text for line in ctx.lines))
    for i in sorted(candidates - ctx.seg.toc):
        text = ctx.lines[i].text
        # cells a tab apart, which squeezing left a space apart, are read one by one: no one number cut in pieces
        for piece in text.split(" ") if _TAB_ROW.search(ctx.lines[i].source.text) else (text,):
            for figure in unreadable(piece):
                ctx.leave_unread(i, figure.written, figure.reason)


# a table row pasted as text, its cells a tab apart ("年度资金总额\t30.00\t32.00"), as the table readers take it
_TAB_ROW = re.compile(r"\d[^\S\n]*\t\s*-?\d")


_PROJECT_HEADING = re.compile(r"^项目(?:基本情况|概况)|^项目资金|^项目绩效")


def _kind(ctx: Context) -> EvaluationKind | None:
    """项目支出 when the title names a project or its funds, the report carries a 项目支出绩效自评表, or its
    outline opens with the project (项目基本情况, 项目概况); 部门整体 when the title says 整体 or the outline
    has the Hunan budget sections."""
    title = ctx.data.get("title") or ""
    if re.search(r"项目|资金", title) and "整体" not in title:
        return PROJECT
    if "整体" in title or any(h.key in _HUNAN_BUDGETS for h in ctx.seg.headings):
        return DEPARTMENT
    if has_form(ctx) or any(_PROJECT_HEADING.match(h.title) for h in ctx.seg.headings):
        return PROJECT
    return None


def _project_figures(ctx: Context) -> None:
    """In a project report the year's budget is what the project was given and its execution what it spent:
    each is read under either name (全年预算数 or 资金总额, 全年执行数 or 支出), and stands for the other."""
    for source, targets in (
        ("budget.expenditure.total", ("budget.executed",)),
        ("budget.income.total", ("budget.adjusted",)),
        ("budget.executed", ("budget.expenditure.total", "budget.expenditure.project")),
        ("budget.adjusted", ("budget.income.total",)),
    ):
        value = ctx.get(source)
        for target in targets:
            if value is not None and ctx.put(target, value, None) and source in ctx.sources:
                ctx.sources[target] = ctx.sources[source]


def _outline_kind(ctx: Context) -> str:
    top = [h for h in ctx.seg.headings if h.level == 1]
    keys = {h.key for h in top}
    if len(keys & _HUNAN_BUDGETS) >= 2 or {"basic_info", "general_budget"} <= keys:
        return "hunan-10"
    if "summary" in keys:
        return "yn-kunming"
    if {"basic_info", "project_funds", "implementation", "performance"} <= keys:
        return "hunan-project-7"
    return "other"


def _outline(ctx: Context) -> dict[str, Any]:
    headings = ctx.seg.headings
    sections = []
    end = ctx.seg.appendix if ctx.seg.appendix is not None else len(ctx.lines)  # where the body ends
    bounds = [h.index for h in headings] + [end]
    for n, heading in enumerate(headings):
        body = [i for i in range(bounds[n] + 1, bounds[n + 1]) if ctx.lines[i].text and i not in ctx.seg.toc]
        sections.append(
            {
                "numbering": heading.numbering,
                "title": heading.title,
                "level": heading.level,
                "key": heading.key,
                "line": ctx.lines[heading.index].source.no,
                "text": "\n".join(ctx.lines[i].text for i in body),
                "lines": [ctx.lines[i].source.no for i in body],
            }
        )
    first = bounds[0]
    preamble = [i for i in range(first) if ctx.lines[i].text]
    # body lines under no recognised section, and not read for any value
    unplaced = [
        ctx.lines[i].text
        for i in range(first, end)
        if ctx.lines[i].text
        and i not in ctx.used
        and i not in ctx.heading_lines
        and i not in ctx.seg.toc
        and not any(ctx.keys(i))
    ]
    toc = [ctx.lines[i].text for i in sorted(ctx.seg.toc) if ctx.lines[i].text]
    appendix = [i for i in range(end, len(ctx.lines)) if ctx.lines[i].text]
    return {
        "kind": _outline_kind(ctx),
        "sections": sections,
        "preamble": "\n".join(ctx.lines[i].text for i in preamble),
        "preamble_lines": [ctx.lines[i].source.no for i in preamble],
        "toc": toc,
        "appendix": "\n".join(ctx.lines[i].text for i in appendix),
        "appendix_lines": [ctx.lines[i].source.no for i in appendix],
        "unplaced": unplaced,
        "ocr_pages": ctx.doc.ocr_pages,
        "unread_pages": ctx.doc.unread_pages,
    }

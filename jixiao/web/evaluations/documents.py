"""Documents of an evaluation for download, made by the core's renderers exactly as `jixiao render`
makes them: the report (docx, pdf, html) drafted once from the data and the scorecard, the 自评表 (xlsx)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from jixiao.core.model import Evaluation as CoreEvaluation
from jixiao.render.draft import draft
from jixiao.scoring.scorecard import Scorecard

FORMATS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "pdf": ("application/pdf", ".pdf"),
    "html": ("text/html; charset=utf-8", ".html"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".自评表.xlsx"),
}


@dataclass(frozen=True)
class Rendered:
    content: bytes
    content_type: str
    filename: str


def render(ev: CoreEvaluation, card: Scorecard, fmt: str, stem: str) -> Rendered:
    content_type, suffix = FORMATS[fmt]
    if fmt == "xlsx":
        from jixiao.render.xlsx import scorecard_xlsx_bytes

        return Rendered(scorecard_xlsx_bytes(ev, card), content_type, stem + suffix)
    doc = draft(ev, card)
    if fmt == "html":
        from jixiao.render.html import render_html

        content = render_html(doc).encode("utf-8")
    elif fmt == "pdf":
        from jixiao.render.pdf import pdf_bytes

        content = pdf_bytes(doc)
    else:
        from jixiao.render.docx import build_docx

        buffer = io.BytesIO()
        build_docx(doc, card).save(buffer)
        content = buffer.getvalue()
    return Rendered(content, content_type, stem + suffix)


def download(rendered: Rendered, inline: bool = False) -> HttpResponse:
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, rendered.filename)
    return response


def report_stem(unit: str, year: int, kind_title: str) -> str:
    return f"{unit}{year}年度{kind_title}绩效自评报告"

"""The bureau's pages: the status board (and its export), and one evaluation under review with its
findings, the unit's explanations, a comment thread per field and the reviewer's steps."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.core.findings import CATEGORY_NAMES, SEVERITY_NAMES
from jixiao.scoring.scorecard import Scorecard
from jixiao.web.accounts.access import bureau_required, get_evaluation_for_user, own_region_id
from jixiao.web.evaluations import fields, store, workflow
from jixiao.web.evaluations.layout import Drawing
from jixiao.web.evaluations.models import State
from jixiao.web.review import board as boards
from jixiao.web.review import export


def _board(request: HttpRequest) -> boards.Board:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    return boards.board(
        own_region_id(request),
        year,
        state=request.GET.get("state", ""),
        sort=request.GET.get("sort", "unit"),
        query=request.GET.get("q", "").strip(),
    )


@bureau_required
def board(request: HttpRequest) -> HttpResponse:
    the_board = _board(request)
    return render(
        request,
        "review/board.html",
        {"board": the_board, "page": the_board.page(request.GET.get("page")), "states": State.choices,
         "sort": request.GET.get("sort", "unit"), "state": request.GET.get("state", ""), "q": request.GET.get("q", "")},
    )  # fmt: skip


@bureau_required
def board_export(request: HttpRequest, fmt: str) -> HttpResponse:
    the_board = _board(request)
    return export.response(export.board_table(the_board), fmt, f"绩效自评汇总表_{the_board.year}年度")


@bureau_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_evaluation_for_user(request, pk)
    version = store.current_version(evaluation)
    threads: dict[str, list[Any]] = {}
    for comment in evaluation.comments.select_related("author"):
        threads.setdefault(comment.field, []).append(comment)
    explanations = {(e.rule, e.field): e for e in evaluation.explanations.all()}
    drawings = [Drawing(s, version.data, version.findings, comments=threads) for s in fields.SECTIONS]
    # what is worth reading: a filled field, or one with a finding or a comment (a blank is left out)
    shown = [
        (d, [(path, box) for path, box in d.boxes.items() if (box.kind and box.value) or box.findings or box.comments])
        for d in drawings
    ]
    findings = [
        {**f, "explanation": explanations.get((f["rule"], f["location"].get("field") or ""))} for f in version.findings
    ]
    return render(
        request,
        "review/review.html",
        {
            "evaluation": evaluation,
            "version": version,
            "card": Scorecard.model_validate(version.scorecard),
            "sections": shown,
            "findings": findings,
            "threads": threads,
            "steps": workflow.allowed_steps(evaluation, request.user),
            "transitions": evaluation.transitions.select_related("by"),
            "severity_names": SEVERITY_NAMES,
            "category_names": CATEGORY_NAMES,
            "comment_field": request.GET.get("field", "")[:300],
        },
    )

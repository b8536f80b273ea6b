"""The bureau's pages: the status board (and its export), and one evaluation under review with its
findings, the unit's explanations, a comment thread per field and the reviewer's steps."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from jixiao.core.findings import SEVERITY_NAMES
from jixiao.web.accounts.access import bureau_required, get_evaluation_for_user, membership, own_region
from jixiao.web.accounts.models import Role
from jixiao.web.common.regioncache import page_key
from jixiao.web.evaluations import workflow
from jixiao.web.evaluations.models import State
from jixiao.web.review import board as boards
from jixiao.web.review import export
from jixiao.web.review.reading import Reading


def _filters(request: HttpRequest) -> dict[str, Any]:
    """The board's year (the latest when none is asked for), state, sort and name filter."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = boards.latest_year(own_region(request))
    return {
        "year": year,
        "state": request.GET.get("state", ""),
        "sort": request.GET.get("sort", "unit"),
        "query": request.GET.get("q", "").strip(),
    }


@bureau_required
def board(request: HttpRequest) -> HttpResponse:
    region, filters = own_region(request), _filters(request)
    return render(
        request,
        "review/board.html",
        {
            "year": filters["year"],
            # read only when the page has no kept copy (common/regioncache.py)
            "board": SimpleLazyObject(lambda: boards.board(region.pk, **filters, page=request.GET.get("page"))),
            "years": SimpleLazyObject(lambda: boards.region_years(region)),
            "kept_as": page_key(region, request),
            "states": State.choices,
            "sort": filters["sort"],
            "state": filters["state"],
            "q": request.GET.get("q", ""),
        },
    )


@bureau_required
def board_export(request: HttpRequest, fmt: str) -> HttpResponse:
    filters = _filters(request)
    table = export.board_table(filters["year"], boards.all_rows(own_region(request).pk, **filters))
    return export.response(table, fmt, f"绩效自评汇总表_{filters['year']}年度")


@bureau_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_evaluation_for_user(request, pk)
    member = membership(request.user)
    return render(
        request,
        "review/review.html",
        {
            "evaluation": evaluation,
            "reading": Reading(evaluation, can_comment=member is not None and member.role == Role.REVIEWER),
            "steps": workflow.allowed_steps(evaluation, request.user),
            "severity_names": SEVERITY_NAMES,
            "comment_field": request.GET.get("field", "")[:300],
        },
    )

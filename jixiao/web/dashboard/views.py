"""The dashboard page: the year's charts (drawn by Apache ECharts from data embedded with json_script)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.web.accounts.access import bureau_required, own_region_id
from jixiao.web.dashboard.stats import stats
from jixiao.web.review.board import years_of


@bureau_required
def dashboard(request: HttpRequest) -> HttpResponse:
    region_id = own_region_id(request)
    years = years_of(region_id)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = years[0] if years else 0
    figures = stats(region_id, year)
    return render(request, "dashboard/dashboard.html", {"stats": figures, "charts": figures.charts(), "years": years})

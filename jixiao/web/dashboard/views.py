"""The dashboard page: the year's charts (drawn by Apache ECharts from data embedded with json_script)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from jixiao.web.accounts.access import bureau_required, own_region
from jixiao.web.common.regioncache import page_key
from jixiao.web.dashboard.stats import stats
from jixiao.web.review.board import latest_year, region_years


@bureau_required
def dashboard(request: HttpRequest) -> HttpResponse:
    region = own_region(request)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = latest_year(region)
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "year": year,
            # read only when the page has no kept copy (common/regioncache.py)
            "stats": SimpleLazyObject(lambda: stats(region.pk, year)),
            "years": SimpleLazyObject(lambda: region_years(region)),
            "kept_as": page_key(region, request),
        },
    )

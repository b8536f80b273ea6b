"""Public pages: regions and years with published reports, a report as HTML with its PDF and docx, and
the region's published figures as CSV and JSON (opendata.py). Only published evaluations are reachable:
anything else is a 404, as if it did not exist."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.clickjacking import xframe_options_sameorigin

from jixiao.scoring.scorecard import Scorecard
from jixiao.web.accounts.access import published_evaluations
from jixiao.web.accounts.models import Region
from jixiao.web.evaluations import documents, store
from jixiao.web.public import opendata
from jixiao.web.review.export import csv_bytes


def index(request: HttpRequest) -> HttpResponse:
    years: dict[int, list[int]] = {}
    for region_id, year in published_evaluations().order_by().values_list("unit__region_id", "fiscal_year").distinct():
        years.setdefault(region_id, []).append(year)
    regions = [(r, sorted(years[r.pk], reverse=True)) for r in Region.objects.filter(pk__in=years)]
    return render(request, "public/index.html", {"regions": regions})


def _published(region: str, year: int) -> tuple[Region, list]:
    found = get_object_or_404(Region, code=region)
    evaluations = list(published_evaluations().filter(unit__region=found, fiscal_year=year).order_by("unit__name", "kind"))
    if not evaluations:
        raise Http404("该地区该年度没有已公开的自评。")
    return found, evaluations


def region_year(request: HttpRequest, region: str, year: int) -> HttpResponse:
    found, evaluations = _published(region, year)
    return render(request, "public/region_year.html", {"region": found, "year": year, "evaluations": evaluations})


def report(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_object_or_404(published_evaluations(), pk=pk)
    return render(request, "public/report.html", {"evaluation": evaluation})


def _document(pk: int, fmt: str) -> documents.Rendered:
    evaluation = get_object_or_404(published_evaluations(), pk=pk)
    version = store.current_version(evaluation)
    stem = documents.report_stem(evaluation.unit.name, evaluation.fiscal_year, evaluation.kind_title)
    return documents.render(store.core_of(version), Scorecard.model_validate(version.scorecard), fmt, stem)


@xframe_options_sameorigin  # shown in the report page's frame
def report_html(request: HttpRequest, pk: int) -> HttpResponse:
    return documents.download(_document(pk, "html"), inline=True)


def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in {"pdf", "docx"}:
        raise Http404("不支持的格式。")
    return documents.download(_document(pk, fmt))


def _records(evaluations: list) -> list[dict]:
    versions = store.current_versions(evaluations)
    return [opendata.record(e, versions[e.pk].data) for e in evaluations]


def data_csv(request: HttpRequest, region: str, year: int) -> HttpResponse:
    found, evaluations = _published(region, year)
    records = _records(evaluations)
    table = [[c.name for c in opendata.COLUMNS]] + [["" if r[c.name] is None else r[c.name] for c in opendata.COLUMNS] for r in records]
    response = HttpResponse(csv_bytes(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{found.code}_{year}.csv")
    return response


def data_json(request: HttpRequest, region: str, year: int) -> HttpResponse:
    found, evaluations = _published(region, year)
    payload = {"schema": opendata.SCHEMA_ID, "region": found.name, "fiscal_year": year, "records": _records(evaluations)}
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 2})


def schema(request: HttpRequest) -> HttpResponse:
    return render(request, "public/schema.html", {"columns": opendata.COLUMNS, "schema_id": opendata.SCHEMA_ID})


def healthz(request: HttpRequest) -> HttpResponse:
    """A trivial endpoint: for load balancers, and the benchmark's baseline."""
    return HttpResponse("ok", content_type="text/plain")


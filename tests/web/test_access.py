"""Every URL of the web application, with who may use it: the right people get the page, every wrong
person gets 403 (wrong role) or 404 (another tenant's object, or one not visible to them), and an
anonymous visitor is sent to the login page. A URL added without an entry here fails the first test."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jixiao.web.jobs.models import Job, JobFile, JobState, Kind
from tests.web.cast import CAST, CastTestCase

UNIT_A = {"preparer_a", "head_a"}
BUREAU = {"reviewer", "admin"}
EVERYONE = set(CAST)


@dataclass(frozen=True)
class Entry:
    allowed: set[str]  # who gets `status`
    kwargs: Callable[[Any], dict[str, Any]] = lambda t: {}
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)
    status: int = 200
    public: bool = False  # anonymous visitors are not sent to the login page


def draft(t: Any) -> dict[str, Any]:
    return {"pk": t.draft.pk}


def reported(t: Any) -> dict[str, Any]:
    return {"pk": t.reported.pk}


def published(t: Any) -> dict[str, Any]:
    return {"pk": t.published.pk}


TABLE: dict[str, Entry] = {
    "accounts:home": Entry(EVERYONE, status=302, public=True),
    "accounts:login": Entry(EVERYONE, public=True),
    "accounts:logout": Entry(EVERYONE, method="post", status=302, public=True),
    "accounts:year_settings": Entry({"admin"}),
    "accounts:users": Entry({"admin"}),
    "accounts:deactivate": Entry({"admin"}, lambda t: {"pk": t.preparer_b.membership.pk}, method="post", status=302),
    "evaluations:unit_home": Entry(UNIT_A | {"preparer_b"}),
    "evaluations:create_empty": Entry({"preparer_a", "preparer_b"}, method="post", data={"year": "2030"}, status=302),
    "evaluations:create_from_last_year": Entry({"preparer_a", "preparer_b"}, method="post", data={"year": "2025"}, status=302),
    "evaluations:upload": Entry({"preparer_a", "preparer_b"}),
    "evaluations:overview": Entry(UNIT_A | BUREAU, reported),
    "evaluations:imported": Entry(UNIT_A, reported),
    "evaluations:edit": Entry(UNIT_A | BUREAU, lambda t: {**reported(t), "section": "s2"}),
    "evaluations:live_check": Entry({"preparer_a"}, lambda t: {**draft(t), "section": "basic"}, method="post"),
    "evaluations:scorecard": Entry(UNIT_A | BUREAU, reported),
    "evaluations:download": Entry(UNIT_A | BUREAU, lambda t: {**reported(t), "fmt": "html"}),
    "evaluations:upload_scorecard": Entry({"preparer_a"}, draft),
    "evaluations:submit": Entry({"preparer_a"}, draft),
    "evaluations:step": Entry(UNIT_A | BUREAU, lambda t: {**reported(t), "name": "approve"}, method="post", status=302),
    "evaluations:comment": Entry(UNIT_A | {"reviewer"}, reported, method="post", data={"text": "请核实。"}, status=302),
    "evaluations:history": Entry(UNIT_A | BUREAU, reported),
    "evaluations:diff": Entry(UNIT_A | BUREAU, reported),
    "review:board": Entry(BUREAU | {"other_reviewer"}),
    "review:board_export": Entry(BUREAU | {"other_reviewer"}, lambda t: {"fmt": "csv"}),
    "review:review": Entry(BUREAU, reported),
    "dashboard:dashboard": Entry(BUREAU | {"other_reviewer"}),
    "public:index": Entry(EVERYONE, public=True),
    "public:schema": Entry(EVERYONE, public=True),
    "public:report": Entry(EVERYONE, published, public=True),
    "public:report_html": Entry(EVERYONE, published, public=True),
    "public:report_download": Entry(EVERYONE, lambda t: {**published(t), "fmt": "docx"}, public=True),
    "public:region_year": Entry(EVERYONE, lambda t: {"region": "qingshan", "year": 2022}, public=True),
    "public:data_csv": Entry(EVERYONE, lambda t: {"region": "qingshan", "year": 2022}, public=True),
    "public:data_json": Entry(EVERYONE, lambda t: {"region": "qingshan", "year": 2022}, public=True),
    "public:healthz": Entry(EVERYONE, public=True),
    "jobs:list": Entry(BUREAU | {"other_reviewer"}),
    "jobs:bulk_upload": Entry(BUREAU | {"other_reviewer"}, method="post", data={"year": "2024"}, status=400),
    "jobs:start": Entry(BUREAU | {"other_reviewer"}, lambda t: {"kind": "export"}, method="post", data={"year": "2023"}, status=302),
    "jobs:job": Entry({"reviewer"}, lambda t: {"pk": t.job.pk}),
    "jobs:progress": Entry({"reviewer"}, lambda t: {"pk": t.job.pk}),
    "jobs:result": Entry({"reviewer"}, lambda t: {"pk": t.job.pk}),
    "jobs:readyz": Entry(EVERYONE, public=True),
}


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    """The name of every URL pattern, with its namespace, found by walking the resolver."""
    names: set[str] = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL {pattern.pattern} has no name"
            names.add(namespace + pattern.name)
    return names


class AccessTest(CastTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # a finished export of the reviewer's: only the person who started a job sees it
        cls.job = Job.objects.create(kind=Kind.REGION_EXPORT, region=cls.region, fiscal_year=2023,
                                     started_by=cls.reviewer, state=JobState.DONE)  # fmt: skip
        JobFile.objects.create(job=cls.job, role=JobFile.OUTPUT, name="导出.zip", data=b"PK\x05\x06" + bytes(18))

    def test_every_url_has_an_entry_in_the_access_table(self) -> None:
        assert url_names() == set(TABLE)

    def test_the_right_people_get_each_page_and_everyone_else_is_refused(self) -> None:
        login = reverse("accounts:login")
        for name, entry in TABLE.items():
            url = reverse(name, kwargs=entry.kwargs(self))
            for who in CAST:
                with self.subTest(url=name, who=who), transaction.atomic():
                    response = getattr(self.client_for(who), entry.method)(url, entry.data)
                    if who in entry.allowed:
                        assert response.status_code == entry.status, response.content[:300]
                    elif who == "anonymous" and not entry.public:
                        assert response.status_code == 302
                        assert response["Location"].startswith(login)
                    else:
                        assert response.status_code in (403, 404), response.status_code
                    transaction.set_rollback(True)  # each request sees the cast as it was made

    def test_a_draft_is_not_visible_to_the_bureau(self) -> None:
        for who in ("reviewer", "admin"):
            response = self.client_for(who).get(reverse("evaluations:overview", kwargs=draft(self)))
            assert response.status_code == 404

    def test_an_unpublished_evaluation_is_not_public(self) -> None:
        for name in ("public:report", "public:report_html"):
            response = self.client_for("anonymous").get(reverse(name, kwargs=reported(self)))
            assert response.status_code == 404

    def test_another_regions_board_does_not_list_our_units(self) -> None:
        response = self.client_for("other_reviewer").get(reverse("review:board"))
        assert "青山县农业农村局" not in response.content.decode()
        response = self.client_for("reviewer").get(reverse("review:board"))
        assert "青山县农业农村局" in response.content.decode()

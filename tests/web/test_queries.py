"""The board and the dashboard read a fixed number of queries, whatever the number of units; a signed-in
user is read with their membership in one query."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jixiao.web.accounts.models import Organisation, Role
from jixiao.web.evaluations.demo import bulk_region
from jixiao.web.review.board import PAGE_SIZE
from tests.web.cast import user


def queries(units: int, code: str) -> dict[str, int]:
    region = bulk_region(f"测试县{units}", code, units, [2023, 2024])
    if connection.vendor == "postgresql":  # statistics, as autovacuum keeps them for a real database; the
        with connection.cursor() as cursor:  # planner's guesses for never-analysed tables take minutes here
            cursor.execute("ANALYZE")
    reviewer = user(f"reviewer_{code}", Organisation.objects.get(region=region, kind=Organisation.BUREAU), Role.REVIEWER)
    client = Client()
    client.force_login(reviewer)
    counts = {}
    for name in ("review:board", "dashboard:dashboard"):
        for query in ("", "?year=2023&sort=-score"):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(reverse(name) + query)
            assert response.status_code == 200
            if name == "review:board":  # a page of the board: every unit up to the page size
                assert response.content.decode().count("号预算单位") == min(units, PAGE_SIZE)
            counts[name + query] = len(captured)
    return counts


@pytest.mark.django_db
def test_the_board_and_the_dashboard_need_as_many_queries_for_300_units_as_for_10() -> None:
    small, large = queries(10, "small"), queries(300, "large")
    assert small == large
    assert max(small.values()) <= 10  # the session, the user, the membership and a handful of our own


@pytest.mark.django_db
def test_a_signed_in_user_is_read_with_their_membership_organisation_and_region_in_one_query() -> None:
    region = bulk_region("测试县", "one", 1, [2024])
    reviewer = user("reviewer_one", Organisation.objects.get(region=region, kind=Organisation.BUREAU), Role.REVIEWER)
    client = Client()
    client.force_login(reviewer)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("review:board")).status_code == 200
    people = [q["sql"] for q in captured if '"auth_user"' in q["sql"] or '"accounts_membership"' in q["sql"]]
    assert len(people) == 1
    assert all(f'"{table}"' in people[0] for table in ("accounts_membership", "accounts_organisation", "accounts_region"))

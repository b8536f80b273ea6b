"""The cast every web test plays with, made once per test class (healthchecks' hc/test.py does the same):

- region 青山县 (qingshan): its finance bureau with a reviewer and an administrator; unit A (农业农村局) with a
  preparer and a unit head; unit B (教育局) with a preparer;
- region 云溪县 (yunxi): its finance bureau with a reviewer;
- an anonymous visitor (the test client without a login).

Unit A has three evaluations of our example report: a draft (2024) and one reported and under review
(2023), both with a 收入合计 10 万元 above its parts (an error finding), and one published (2022).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client, TestCase

from jixiao.core.model import Evaluation as CoreEvaluation
from jixiao.io.load import load_report
from jixiao.web.accounts.models import Membership, Organisation, Region, Role
from jixiao.web.evaluations import store
from jixiao.web.evaluations.models import Evaluation, State, Transition
from tests.support import ROOT

EXAMPLE = ROOT / "examples" / "qingshan_nongye_2024.txt"
WRONG_TOTAL = "1794.88"  # the example's 收入合计 is 1784.88
CAST = ("preparer_a", "head_a", "preparer_b", "reviewer", "admin", "other_reviewer", "anonymous")


@cache
def example() -> CoreEvaluation:
    return load_report(EXAMPLE)


def example_for(year: int, income_total: str | None = None) -> CoreEvaluation:
    """The example as of `year`; with `income_total`, a 收入合计 that no longer adds up (an error finding)."""
    data = example().model_dump(mode="json")
    data["fiscal_year"] = year
    if income_total is not None:
        data["budget"]["income"]["total"] = income_total
    return CoreEvaluation.model_validate(data)


def user(name: str, organisation: Organisation, role: Role) -> Any:
    person = get_user_model().objects.create_user(name, password="pass-" + name, first_name=name)
    Membership.objects.create(user=person, organisation=organisation, role=role)
    return person


def put_in_state(evaluation: Evaluation, state: State, by: Any) -> None:
    """Set a state directly (recorded as a transition), for fixtures; the workflow tests take the steps."""
    Transition.objects.create(evaluation=evaluation, source=evaluation.state, target=state, by=by, reason="测试准备")
    evaluation.state = state
    evaluation.save(update_fields=["state", "updated"])  # as a workflow step saves it


class CastTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.region = Region.objects.create(name="青山县", code="qingshan")
        cls.bureau = Organisation.objects.create(region=cls.region, name="青山县财政局", kind=Organisation.BUREAU)
        cls.unit_a = Organisation.objects.create(region=cls.region, name="青山县农业农村局")
        cls.unit_b = Organisation.objects.create(region=cls.region, name="青山县教育局")
        cls.other_region = Region.objects.create(name="云溪县", code="yunxi")
        cls.other_bureau = Organisation.objects.create(region=cls.other_region, name="云溪县财政局", kind=Organisation.BUREAU)
        cls.preparer_a = user("preparer_a", cls.unit_a, Role.PREPARER)
        cls.head_a = user("head_a", cls.unit_a, Role.HEAD)
        cls.preparer_b = user("preparer_b", cls.unit_b, Role.PREPARER)
        cls.reviewer = user("reviewer", cls.bureau, Role.REVIEWER)
        cls.admin = user("admin", cls.bureau, Role.ADMIN)
        cls.other_reviewer = user("other_reviewer", cls.other_bureau, Role.REVIEWER)
        cls.draft = store.create_evaluation(cls.unit_a, example_for(2024, WRONG_TOTAL), cls.preparer_a, "导入示例")
        cls.reported = store.create_evaluation(cls.unit_a, example_for(2023, WRONG_TOTAL), cls.preparer_a, "导入示例")
        put_in_state(cls.reported, State.IN_REVIEW, cls.reviewer)
        cls.published = store.create_evaluation(cls.unit_a, example_for(2022), cls.preparer_a, "导入示例")
        put_in_state(cls.published, State.PUBLISHED, cls.reviewer)

    def setUp(self) -> None:
        caches["default"].clear()  # what pages keep is keyed by the data; a test that edits rows behind them starts afresh

    def client_for(self, who: str) -> Client:
        client = Client()
        if who != "anonymous":
            client.force_login(getattr(self, who))
        return client

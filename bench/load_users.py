"""The simulated users of bench/bench_load.py (a locustfile; locust runs it, it imports nothing of Django).

Each user is one preparer with a session made by the benchmark (LOAD_USERS names the file of them); five
preparers share each evaluation, so saves of the same field meet. A user views the evaluation, opens the
section 二 form as a browser does (every input of the form, the hidden revision included) and saves it with
one figure changed to a value no other save writes. A save answered 302 was accepted: it is written to
LOAD_RESULTS with the revision it was made on, for the benchmark to find in the database afterwards. A 409
that says 未保存 is the application refusing a save made on an old revision: a correct answer, counted
apart, not an error. Anything else is an error.
"""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from typing import Any

from locust import HttpUser, between, events, task

FIELD = "budget.income.other"
PEOPLE: list[dict[str, Any]] = json.loads(open(os.environ["LOAD_USERS"], encoding="utf-8").read())  # noqa: SIM115
ACCEPTED: list[dict[str, Any]] = []
REFUSED: list[dict[str, Any]] = []


class SectionForm(HTMLParser):
    """The fields of `<form id="section-form">` as the browser would post them."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.template = 0  # inputs inside <template> (the new-row pattern) are not posted
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("id") == "section-form":
            self.inside = True
        self.template += tag == "template"
        if not self.inside or self.template or ("name" not in a and tag != "option"):
            return
        if tag == "input" and (a.get("type") not in ("checkbox", "radio") or "checked" in a):
            self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields.append((a["name"], ""))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            name, text = self.fields[-1]
            self.fields[-1] = (name, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "template":
            self.template -= 1
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


class Preparer(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.me = PEOPLE.pop()
        self.client.cookies.set("sessionid", self.me["session"])
        self.client.cookies.set("csrftoken", self.me["csrf"])
        self.saves = 0

    @task(2)
    def view(self) -> None:
        self.client.get(f"/e/{self.me['evaluation']}/", name="查看自评")

    @task(1)
    def history(self) -> None:
        self.client.get(f"/e/{self.me['evaluation']}/history/", name="修改记录")

    @task(2)
    def edit(self) -> None:
        url = f"/e/{self.me['evaluation']}/edit/s2/"
        page = self.client.get(url, name="打开填写页")
        form = SectionForm()
        form.feed(page.text)
        fields = [(k, v) for k, v in form.fields if k != FIELD]
        base = int(dict(fields)["revision"])
        self.saves += 1
        value = f"{self.me['n']}.{self.saves:04d}"  # no other save writes this value
        data = [*fields, (FIELD, value), ("csrfmiddlewaretoken", self.me["csrf"])]
        with self.client.post(url, data=data, name="保存", allow_redirects=False, catch_response=True) as answer:
            if answer.status_code == 302:
                ACCEPTED.append({"evaluation": self.me["evaluation"], "base": base, "value": value, "user": self.me["user"]})
                answer.success()
            elif answer.status_code == 409 and "未保存" in answer.text:
                REFUSED.append({"evaluation": self.me["evaluation"], "base": base})
                answer.success()
            else:
                answer.failure(f"HTTP {answer.status_code}")


@events.quitting.add_listener
def _write_results(**_: Any) -> None:
    with open(os.environ["LOAD_RESULTS"], "w", encoding="utf-8") as handle:
        json.dump({"accepted": ACCEPTED, "refused": REFUSED}, handle, ensure_ascii=False)

"""End to end in a real browser: Debian's chromium, headless, driven by Playwright, against the application
served by the test (pytest-django's live server) with the demo region loaded.

A preparer uploads a report whose 收入合计 does not add up, sees the finding beside the field, fixes the
figure and sees the finding go as she types, downloads the docx (python-docx reads the fixed figure back)
and submits; the unit head sends it on; the reviewer returns it with a comment on a field; the preparer
sees the comment, fixes and resubmits; the reviewer approves and publishes; an anonymous visitor reads it
on the public page and downloads the CSV, whose row holds the fixed figure. Each step writes a
screenshot to out/web-e2e/ (docs/web-*.png are copies of three of them).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from tests.support import ROOT

SHOTS = ROOT / "out" / "web-e2e"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]  # fmt: skip
UNIT = "青山县民政局"  # has no 2024 evaluation in the demo region


def report_text() -> bytes:
    """Our example, written by 民政局, with a 收入合计 10 万元 above its parts."""
    text = (ROOT / "examples" / "qingshan_nongye_2024.txt").read_text(encoding="utf-8")
    text = text.replace("青山县农业农村局", UNIT).replace("农业农村局", "民政局")
    assert "收入合计1784.88万元" in text
    return text.replace("收入合计1784.88万元", "收入合计1794.88万元").encode("utf-8")


@pytest.fixture
def site(live_server: Any, transactional_db: None) -> str:
    from jixiao.web.evaluations import demo

    demo.load_demo()
    return str(live_server.url)


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the live server's database calls run beside Playwright's loop
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield launched
        launched.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


class Person:
    """One signed-in person: a browser context (own cookies) and its page."""

    def __init__(self, browser: Any, site: str, login: str | None, width: int = 1366, height: int = 768) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True,
                                           locale="zh-CN", timezone_id="Asia/Shanghai")  # fmt: skip
        self.context.set_default_timeout(20000)
        self.page = self.context.new_page()
        self.site = site
        if login:
            self.go("/login/")
            self.page.fill("input[name=username]", login)
            self.page.fill("input[name=password]", "jixiao-demo")
            self.page.click("button:text('登录')")
            self.page.wait_for_load_state()

    def go(self, path: str) -> None:
        self.page.goto(self.site + path)

    def shot(self, name: str, full: bool = False) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)

    def click(self, text: str) -> None:
        self.page.get_by_role("button", name=text).first.click()
        self.page.wait_for_load_state()

    def download(self, link: str, tmp: Path) -> Path:
        with self.page.expect_download() as info:
            self.page.get_by_role("link", name=link).first.click()
        target = tmp / info.value.suggested_filename
        info.value.save_as(target)
        return target

    def explain_and_submit(self) -> None:
        self.page.get_by_role("link", name="提交单位审核").click()
        for box in self.page.locator("textarea[name^=explain-]").all():
            box.fill("该项已与决算报表核对。")
        self.click("提交")

    def close(self) -> None:
        self.context.close()


def test_a_report_goes_from_upload_to_the_public_page(site: str, browser: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    upload = tmp_path / "民政局2024年度自评报告.txt"
    upload.write_bytes(report_text())

    # the preparer uploads and sees what was read
    preparer = Person(browser, site, "minzheng_tianbao")
    preparer.go("/unit/upload/")
    preparer.page.fill("input[name=year]", "2024")
    preparer.page.set_input_files("input[name=file]", str(upload))
    preparer.shot("01-upload")
    preparer.click("上传并读取")
    expect(preparer.page.get_by_text("读到的内容")).to_be_visible()
    preparer.shot("02-imported")

    # the finding beside its field, gone as the figure is fixed
    preparer.page.get_by_role("link", name="二、一般公共预算支出情况").click()
    beside = preparer.page.locator("#f-budget-income-total-findings .finding.sev-error")
    expect(beside.first).to_contain_text("收入合计 1794.88万元")
    preparer.page.locator("#f-budget-income-total").scroll_into_view_if_needed()
    preparer.shot("03-finding-beside-field")
    preparer.page.fill("#f-budget-income-total", "1784.88")
    expect(beside).to_have_count(0)
    preparer.shot("04-finding-gone")
    preparer.click("保存")
    expect(preparer.page.get_by_text("已保存")).to_be_visible()

    # the docx holds the fixed figure
    preparer.page.get_by_role("link", name="概况").click()
    report = docx.Document(str(preparer.download("自评报告（Word）", tmp_path)))
    text = "\n".join(p.text for p in report.paragraphs) + "\n".join(
        cell.text for table in report.tables for row in table.rows for cell in row.cells
    )
    assert "1784.88" in text and "1794.88" not in text
    preparer.explain_and_submit()
    expect(preparer.page.get_by_text("已提交单位负责人审核")).to_be_visible()

    head = Person(browser, site, "minzheng_fuze")
    head.go("/unit/")
    head.page.get_by_role("link", name="2024年度").click()
    head.click("报送财政局")
    expect(head.page.get_by_text("已报送财政局")).to_be_visible()

    # the reviewer returns it with a comment on a field
    reviewer = Person(browser, site, "czj_shenhe")
    reviewer.go("/bureau/board/?year=2024")
    reviewer.shot("05-board", full=True)
    reviewer.page.locator("table.board a", has_text=UNIT).click()
    reviewer.click("开始审核")
    reviewer.page.locator("a.comment-link[data-field='budget.initial']").click()
    expect(reviewer.page.locator("#comment .comment-on")).to_contain_text("年初预算数")
    reviewer.page.fill("#comment textarea", "年初预算数与预算批复不一致，请核实。")
    reviewer.page.locator("#comment button").click()
    reviewer.page.wait_for_load_state()
    reviewer.page.locator("form.step textarea[name=reason]").fill("请核实年初预算数后重新报送。")
    reviewer.click("退回单位修改")
    expect(reviewer.page.locator(".state").first).to_have_text("退回")
    reviewer.shot("06-returned")

    # the preparer sees the comment beside the field, fixes and resubmits
    preparer.go("/unit/")
    preparer.page.get_by_role("link", name="2024年度").click()
    expect(preparer.page.get_by_text("请核实年初预算数后重新报送。")).to_be_visible()
    preparer.page.get_by_role("link", name="二、一般公共预算支出情况").click()
    thread = preparer.page.locator(".field:has(#f-budget-initial) .thread")
    expect(thread).to_contain_text("年初预算数与预算批复不一致，请核实。")
    preparer.page.locator("#f-budget-initial").scroll_into_view_if_needed()
    preparer.shot("07-comment-beside-field")
    preparer.page.fill("#f-budget-initial", "1600.00")
    preparer.click("保存")
    preparer.page.get_by_role("link", name="概况").click()
    preparer.explain_and_submit()
    head.page.reload()
    head.click("报送财政局")

    # the reviewer approves and publishes; the dashboard counts it
    reviewer.page.reload()
    reviewer.click("开始审核")
    reviewer.click("审核通过")
    reviewer.click("公开")
    expect(reviewer.page.locator(".state").first).to_have_text("已公开")
    reviewer.go("/bureau/dashboard/?year=2024")
    reviewer.page.wait_for_selector("html[data-charts-ready='1']")
    reviewer.page.wait_for_timeout(800)  # ECharts animates the first drawing
    reviewer.shot("08-dashboard", full=True)
    reviewer.go("/e/" + preparer.page.url.rstrip("/").split("/e/")[1].split("/")[0] + "/edit/s6/")
    reviewer.shot("09-indicators")

    # an anonymous visitor reads it and downloads the region's CSV; a phone-width reader too
    visitor = Person(browser, site, None)
    visitor.go("/public/")
    visitor.page.locator("section:has(h2:text-is('青山县')) a", has_text="2024年度").click()
    visitor.page.locator("table a", has_text=UNIT).click()
    frame = visitor.page.frame_locator("iframe.report")
    expect(frame.get_by_text("1784.88").first).to_be_visible()
    visitor.shot("10-public-report")
    visitor.page.go_back()
    rows = list(csv.DictReader(io.StringIO(visitor.download("CSV", tmp_path).read_text(encoding="utf-8-sig"))))
    ours = [r for r in rows if r["unit"] == UNIT and r["fiscal_year"] == "2024"]
    assert len(ours) == 1
    assert (ours[0]["income_total"], ours[0]["budget_initial"]) == ("1784.88", "1600.00")
    phone = Person(browser, site, None, width=390, height=844)
    phone.go(visitor.page.url.split(site)[1])
    phone.shot("11-public-phone", full=True)
    for person in (preparer, head, reviewer, visitor, phone):
        person.close()

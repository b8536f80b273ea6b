"""The status board: filtered by state and name, sorted, never showing a draft's figures (nor exporting
them), and showing a change to the region's units, evaluations or deadline as soon as it is made."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from django.urls import reverse

from jixiao.web.accounts.models import Organisation, Region, YearSettings
from jixiao.web.evaluations import store
from tests.web.cast import CastTestCase, example_for


class BoardTest(CastTestCase):
    def board(self, query: str) -> str:
        return self.client_for("reviewer").get(reverse("review:board") + query).content.decode()

    def units(self, page: str) -> list[str]:
        return re.findall(r"<td>(?:<a [^>]*>)?(青山县[^<]+)", page)

    def test_units_that_have_not_started_are_listed_as_such(self) -> None:
        assert self.units(self.board("?year=2023&state=none")) == ["青山县教育局"]

    def test_a_state_and_a_name_filter_the_rows(self) -> None:
        assert self.units(self.board("?year=2023&state=in_review")) == ["青山县农业农村局"]
        assert self.units(self.board("?year=2023&q=教育")) == ["青山县教育局"]

    def test_sorting_by_score_puts_units_without_one_last_either_way(self) -> None:
        assert self.units(self.board("?year=2023&sort=-score")) == ["青山县农业农村局", "青山县教育局"]
        assert self.units(self.board("?year=2023&sort=score")) == ["青山县农业农村局", "青山县教育局"]

    def test_a_drafts_score_and_findings_are_not_shown_to_the_bureau(self) -> None:
        page = self.board("?year=2024")
        row = page[page.index("青山县农业农村局"):page.index("</tr>", page.index("青山县农业农村局"))]
        assert "草稿" in row and str(self.draft.score) not in row and "sev-error" not in row

    def test_a_drafts_score_and_findings_are_not_in_the_export_either(self) -> None:
        response = self.client_for("reviewer").get(reverse("review:board_export", kwargs={"fmt": "csv"}) + "?year=2024")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        draft = next(r for r in rows if r[0] == "青山县农业农村局")
        assert draft[3] == "草稿" and draft[4:10] == ["", "", "", "", "", ""]

    def test_a_unit_added_to_the_region_is_on_the_board_at_once(self) -> None:
        assert "青山县水利局" not in self.board("?year=2023")  # and the page is now kept
        Organisation.objects.create(region=self.region, name="青山县水利局")
        assert "青山县水利局" in self.units(self.board("?year=2023"))

    def test_a_deadline_set_for_the_year_is_on_the_board_at_once(self) -> None:
        assert "未设截止日期" in self.board("?year=2023")
        YearSettings.objects.create(region=self.region, fiscal_year=2023, deadline=dt.date(2024, 4, 30))
        assert "报送截止：2024年4月30日" in self.board("?year=2023")

    def test_a_new_version_changes_its_regions_data_version_and_no_other(self) -> None:
        before = dict(Region.objects.values_list("code", "data_version"))
        store.save_version(self.draft, example_for(2024), self.preparer_a, "改正收入合计")
        after = dict(Region.objects.values_list("code", "data_version"))
        assert after["qingshan"] != before["qingshan"] and after["yunxi"] == before["yunxi"]

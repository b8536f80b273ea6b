"""The status board: filtered by state and name, sorted, and never showing a draft's figures."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.web.cast import CastTestCase


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

"""Public pages and open data: only what is published, one schema for CSV and JSON, documented in
docs/open-data.md; the bureau's export of the region's table."""

from __future__ import annotations

import csv
import io
import json

from django.urls import reverse
from openpyxl import load_workbook

from jixiao.web.public import opendata
from tests.support import ROOT
from tests.web.cast import CastTestCase


class PublicTest(CastTestCase):
    def test_the_csv_and_the_json_hold_the_same_published_records_under_the_documented_columns(self) -> None:
        client = self.client_for("anonymous")
        where = {"region": "qingshan", "year": 2022}
        raw = client.get(reverse("public:data_csv", kwargs=where)).content
        assert raw.startswith("\ufeff".encode())
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        payload = json.loads(client.get(reverse("public:data_json", kwargs=where)).content)
        assert payload["schema"] == opendata.SCHEMA_ID
        assert list(rows[0]) == [c.name for c in opendata.COLUMNS] == list(payload["records"][0])
        record = payload["records"][0]
        assert (record["unit"], record["fiscal_year"], record["income_total"], record["budget_initial"]) == (
            "青山县农业农村局", 2022, "1784.88", "1598.40"
        )
        assert {k: ("" if v is None else str(v)) for k, v in record.items()} == rows[0]

    def test_a_year_without_published_reports_has_no_data(self) -> None:
        response = self.client_for("anonymous").get(reverse("public:data_csv", kwargs={"region": "qingshan", "year": 2023}))
        assert response.status_code == 404

    def test_the_published_report_downloads_as_a_pdf_with_its_text(self) -> None:
        import pypdfium2

        response = self.client_for("anonymous").get(
            reverse("public:report_download", kwargs={"pk": self.published.pk, "fmt": "pdf"})
        )
        text = "".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(response.content))
        assert "青山县农业农村局" in text

    def test_the_bureaus_export_has_a_row_per_evaluation_with_its_figures(self) -> None:
        client = self.client_for("reviewer")
        workbook = load_workbook(io.BytesIO(client.get(reverse("review:board_export", kwargs={"fmt": "xlsx"}) + "?year=2023").content))
        rows = list(workbook.active.iter_rows(values_only=True))
        assert rows[0][0] == "单位"
        unit_a = next(r for r in rows if r[0] == "青山县农业农村局")
        assert unit_a[3] == "财政审核中" and unit_a[7] == self.reported.errors
        unit_b = next(r for r in rows if r[0] == "青山县教育局")
        assert unit_b[3] == "未开始"


def test_the_open_data_documentation_is_current() -> None:
    assert (ROOT / "docs" / "open-data.md").read_text(encoding="utf-8") == opendata.schema_markdown()

"""A region's long work for the bureau: every reported evaluation of a year rendered to PDF (one zip), and
the year's export (the summary table as xlsx and CSV, and every finding as CSV, in one zip).

Both read the current version of each evaluation the bureau may see (reported, under review, returned,
approved or published) and write their result once at the end, so a job taken up again after a crash
starts over and never hands out half a zip.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from jixiao.core.findings import CATEGORY_NAMES, SEVERITY_NAMES
from jixiao.scoring.scorecard import Scorecard
from jixiao.web.evaluations import documents, store
from jixiao.web.evaluations.models import BUREAU_VISIBLE, Evaluation, Finding
from jixiao.web.jobs.models import Job
from jixiao.web.jobs.runner import Progress
from jixiao.web.review import board, export

ZIP = "application/zip"


def _reported(job: Job) -> list[Evaluation]:
    return list(
        Evaluation.objects.filter(
            unit__region_id=job.region_id, fiscal_year=job.fiscal_year, state__in=BUREAU_VISIBLE
        )
        .select_related("unit")
        .order_by("unit__name", "kind", "subject")
    )


def region_pdfs(job: Job, progress: Progress) -> None:
    evaluations = _reported(job)
    progress.total(len(evaluations))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # PDFs are compressed already
        for n, evaluation in enumerate(evaluations):
            progress.step(n, evaluation.unit.name)
            version = store.current_version(evaluation)
            stem = documents.report_stem(evaluation.unit.name, evaluation.fiscal_year, evaluation.kind_title)
            rendered = documents.render(
                store.core_of(version), Scorecard.model_validate(version.scorecard), "pdf", stem
            )
            archive.writestr(rendered.filename, rendered.content)
        progress.step(len(evaluations), "打包")
    progress.output(f"{job.region.name}{job.fiscal_year}年度绩效自评报告PDF.zip", ZIP, buffer.getvalue())


def region_export(job: Job, progress: Progress) -> None:
    progress.total(3)
    progress.step(0, "汇总表")
    table = export.board_table(job.fiscal_year, board.all_rows(job.region_id, job.fiscal_year))
    progress.step(1, "检查发现")
    findings = [["单位", "年度", "类型", "规则", "类别", "严重程度", "字段", "说明"], *_finding_rows(job)]
    progress.step(2, "打包")
    stem = f"{job.region.name}{job.fiscal_year}年度绩效自评"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{stem}汇总表.xlsx", export.xlsx_bytes(table, "汇总表"))
        archive.writestr(f"{stem}汇总表.csv", export.csv_bytes(table))
        archive.writestr(f"{stem}检查发现.csv", export.csv_bytes(findings))
    progress.output(f"{stem}导出.zip", ZIP, buffer.getvalue())


def _finding_rows(job: Job) -> Iterator[list[object]]:
    found = (
        Finding.objects.filter(
            evaluation__unit__region_id=job.region_id,
            evaluation__fiscal_year=job.fiscal_year,
            evaluation__state__in=BUREAU_VISIBLE,
        )
        .order_by("evaluation__unit__name", "evaluation_id", "id")
        .values_list("evaluation__unit__name", "evaluation__fiscal_year", "evaluation__kind", "rule", "category",
                     "severity", "field", "message")
    )  # fmt: skip
    for unit, year, kind, rule, category, severity, field, message in found.iterator():
        yield [unit, year, kind, rule, CATEGORY_NAMES.get(category, category), SEVERITY_NAMES.get(severity, severity),
               field, message]  # fmt: skip

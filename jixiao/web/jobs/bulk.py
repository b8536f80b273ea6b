"""Bulk upload: every report in the uploaded files (a folder's files, or zips of them) becomes an
evaluation of the unit it names, and a review list says what became of each file.

The files are read as `jixiao batch` reads them (batch/inputs.py: a zip member by member in memory, its
paths, links, encryption and bombs refused, GBK names decoded); a report the web's single upload would
refuse (an executable renamed, a zip bomb inside a docx: evaluations/uploads.py) is refused the same way.
A report is matched to a unit of the job's region by the unit name it states (spaces ignored), or, when
it states none or one that is not a unit of the region, by the one unit whose name its file name holds.
An evaluation that already exists is given a new version while the unit may still edit it, and left
alone once reported.

Each file is one transaction: its evaluation (a new one, or a new version) and its line in the review
list are written together or not at all. A job taken up again after a crash skips the files that have
their line already, so no report is imported twice and none is lost.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from django.db import transaction

from jixiao.batch.inputs import Reader, Source, collect
from jixiao.batch.record import bug_reason
from jixiao.core.errors import InputError
from jixiao.core.model import Evaluation as CoreEvaluation
from jixiao.io.load import load_any_bytes
from jixiao.web.accounts.models import Organisation
from jixiao.web.evaluations import store, uploads
from jixiao.web.jobs.models import Job, JobFile, JobItem, Outcome
from jixiao.web.jobs.runner import Progress

_SPACES = re.compile(r"[\s\u3000]+")


def _key(name: str) -> str:
    return _SPACES.sub("", name)


class Units:
    """The region's budget units, looked up by the name a report gives."""

    def __init__(self, region_id: int) -> None:
        units = Organisation.objects.filter(region_id=region_id, kind=Organisation.UNIT)
        self.by_key = {_key(unit.name): unit for unit in units}

    def match(self, stated: str | None, file_name: str) -> Organisation | None:
        if stated and (unit := self.by_key.get(_key(stated))) is not None:
            return unit
        named = [unit for key, unit in self.by_key.items() if key and key in _key(file_name)]
        return named[0] if len(named) == 1 else None


def bulk_upload(job: Job, progress: Progress) -> None:
    units = Units(job.region_id)
    done = set(job.items.values_list("name", flat=True))
    with tempfile.TemporaryDirectory(prefix="jixiao-job-") as tmp, Reader() as reader:
        sources = _sources(job, Path(tmp))
        progress.total(len(sources), done=len(done))
        for source, shown in sources:
            if shown in done:
                continue
            progress.step(len(done), shown)
            with transaction.atomic():
                _one(job, units, reader, source, shown)
                done.add(shown)
                progress.step(len(done), shown)


def _sources(job: Job, folder: Path) -> list[tuple[Source, str]]:
    """Every report in the job's uploaded files, with the name the review list shows (unique in the job)."""
    found: list[tuple[Source, str]] = []
    seen: set[str] = set()
    for n, upload in enumerate(job.files.filter(role=JobFile.INPUT).order_by("id")):
        home = folder / f"{n:05d}"
        home.mkdir()
        path = home / Path(upload.name).name
        path.write_bytes(bytes(upload.data))
        for source in collect([path]).sources:
            shown = Path(upload.name).name + source.name[len(str(path)) :]
            while shown in seen:  # two uploaded files of the same name
                shown += "（重名）"
            seen.add(shown)
            found.append((source, shown))
    return found


def _one(job: Job, units: Units, reader: Reader, source: Source, shown: str) -> None:
    """Import one report and write its evaluation and its line of the review list."""
    try:
        data = reader.read(source)
        if source.suffix in uploads.SUFFIXES:
            uploads.sniff(shown, data)
        ev = load_any_bytes(shown, data)
    except InputError as exc:
        JobItem.objects.create(job=job, name=shown, outcome=Outcome.UNREADABLE, message=exc.message)
        return
    except Exception as exc:  # one file's bug is that file's line; the upload goes on
        JobItem.objects.create(job=job, name=shown, outcome=Outcome.UNREADABLE, message=bug_reason(exc))
        return
    stated = ev.unit.name or ""
    unit = units.match(stated, shown)
    if unit is None:
        why = f"报告中的单位“{stated}”不是本地区的预算单位" if stated else "未能从报告中读出单位名称"
        JobItem.objects.create(job=job, name=shown, outcome=Outcome.UNMATCHED, unit_read=stated[:200],
                               message=f"{why}，文件名也不含唯一的单位名称。请核对后在单位页面单独上传。")  # fmt: skip
        return
    _store(job, unit, ev, shown, stated)


def _store(job: Job, unit: Organisation, ev: CoreEvaluation, shown: str, stated: str) -> None:
    if ev.fiscal_year is None:
        ev = ev.model_copy(update={"fiscal_year": job.fiscal_year})
    kind = ev.kind or store.KIND_DEPARTMENT
    found = unit.evaluations.filter(
        fiscal_year=ev.fiscal_year, kind=kind, subject=store.subject_of(ev)
    ).first()
    note = f"批量导入 {shown}"
    if found is None:
        evaluation = store.create_evaluation(unit, ev, job.started_by, note)
        message = f"新建{ev.fiscal_year}年度自评"
    elif not found.editable:
        JobItem.objects.create(job=job, name=shown, outcome=Outcome.REFUSED, unit_read=stated[:200], evaluation=found,
                               message=f"{unit.name}{found.fiscal_year}年度自评已在“{found.get_state_display()}”状态，未覆盖。")  # fmt: skip
        return
    else:
        store.save_version(found, ev, job.started_by, note)
        evaluation, message = found, f"已存为第 {found.revision} 版"
    JobItem.objects.create(job=job, name=shown, outcome=Outcome.IMPORTED, unit_read=stated[:200],
                           evaluation=evaluation, message=message)  # fmt: skip

"""`jixiao batch`: import, check and score every report of a folder, a zip or a list, in parallel processes.

The parent process reads each file in turn, hashes it and looks its result up in the store of the output
folder; what is not there goes to the worker pool (`pool.py`). A Rich progress bar shows the files done,
the rate, the time left and the failures so far. When every file has its record, the summary files are
written (`outputs.py`, `overview.py`). A bad file is a row with its reason; one file's internal error or
crashed worker is that file's row; nothing stops the batch but Ctrl-C, and a re-run after Ctrl-C takes
what was finished from the store.

Exit code: the worst over the files — 4 when any file hit an internal error, 3 when any could not be
read, 1 when any report has error-severity findings, else 0; 130 when interrupted.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from jixiao.atomic import write_atomic
from jixiao.batch import outputs
from jixiao.batch.inputs import Reader, collect
from jixiao.batch.overview import OVERVIEW, overview_html
from jixiao.batch.pool import Pool
from jixiao.batch.record import CHECKED, INTERNAL_ERROR, UNREADABLE, Record, blank, rulebook_name
from jixiao.batch.store import Store, content_hash
from jixiao.batch.worker import FAULT_VARIABLE, Job, Reply, Setup, Usage
from jixiao.checks import Settings
from jixiao.core.errors import ExitCode, InputError
from jixiao.scoring.rulebook import Rulebook

# ExitCode.INTERNAL is being added to jixiao/core/errors.py by the developer of the internal-error
# handling of every command; until that lands, the batch names the code here.
INTERNAL_EXIT = 4
INTERRUPTED_EXIT = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


@dataclass
class Batch:
    """What a run found: every file's record in input order, and how the run went."""

    records: list[Record]
    reused: int  # records taken from the store, not processed again
    skipped: int  # files under the folders that are not reports
    seconds: float = 0.0  # the whole run, writing the summary files included
    writing_seconds: float = 0.0  # writing the summary files
    parent_cpu_seconds: float = 0.0  # processor time of this process: reading, hashing, scheduling, writing
    workers: dict[int, Usage] = field(default_factory=dict)  # per worker process id, its last figures
    written: list[Path] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.records if r["status"] == status)

    @property
    def with_errors(self) -> int:
        return sum(1 for r in self.records if r["status"] == CHECKED and r["severity_counts"]["error"])

    @property
    def exit_code(self) -> int:
        if self.count(INTERNAL_ERROR):
            return INTERNAL_EXIT
        if self.count(UNREADABLE):
            return ExitCode.UNREADABLE
        return ExitCode.FINDINGS if self.with_errors else ExitCode.OK


class _Rate(ProgressColumn):
    """Files per second over the files processed (not those taken from the store)."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text("— 份/秒" if speed is None else f"{speed:.1f} 份/秒", style="progress.data.speed")


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _Rate(),
        TextColumn("剩余"),
        TimeRemainingColumn(),
        TextColumn("失败 {task.fields[failed]}"),
        console=console,
        transient=False,
    )


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_batch(
    arguments: Sequence[Path],
    output: Path,
    rulebook: Rulebook | None,
    jobs: int,
    console: Console,
    settings: Settings | None = None,
) -> Batch:
    """Process every file and write the summary files into `output`, scoring under `rulebook`, or under each
    file's kind's default when it is None. KeyboardInterrupt propagates, after the
    workers have finished the files in hand (their records are kept)."""
    start, cpu = time.perf_counter(), time.process_time()
    settings = settings or Settings(rulebook=rulebook)
    found = collect(arguments, exclude=output)
    sources = found.sources
    store = Store(output, rulebook, settings)
    records: list[Record | None] = [None] * len(sources)
    order = {source.name: n for n, source in enumerate(sources)}
    workers: dict[int, Usage] = {}
    reused = 0
    failed = 0

    with _progress(console) as progress, Reader() as reader:
        task = progress.add_task("检查", total=len(sources), failed=0)

        def finish(record: Record) -> None:
            nonlocal failed
            records[order[record["file"]]] = record
            failed += record["status"] != CHECKED
            progress.update(task, advance=1, failed=failed)

        def jobs_to_run() -> Iterator[Job]:
            nonlocal reused
            for source in sources:
                try:
                    data = reader.read(source)
                except InputError as exc:
                    finish(blank(source.name, None, rulebook_name(rulebook), UNREADABLE, exc.message))
                    continue
                sha256 = content_hash(data)
                kept = store.get(source.name, sha256)
                if kept is not None:
                    reused += 1
                    finish(kept)
                    continue
                yield Job(source.name, sha256, data)

        def on_reply(job: Job, reply: Reply) -> None:
            if reply.usage is not None:
                workers[reply.usage.pid] = reply.usage
            finish(reply.record)

        setup = Setup(rulebook, settings, store, os.environ.get(FAULT_VARIABLE) or None)
        Pool(max(jobs, 1), setup).run(jobs_to_run(), on_reply)

    done = [record for record in records if record is not None]
    assert len(done) == len(sources), "every file gives one record"
    batch = Batch(done, reused, found.skipped, workers=workers)
    writing = time.perf_counter()
    batch.written = outputs.write_all(done, output)
    overview = output / OVERVIEW
    write_atomic(overview, overview_html(done, rulebook))
    batch.written.append(overview)
    end = time.perf_counter()
    batch.seconds, batch.writing_seconds = end - start, end - writing
    batch.parent_cpu_seconds = time.process_time() - cpu
    return batch


def report_lines(batch: Batch) -> list[str]:
    """The Chinese account printed after a run: each failure on its line, then the counts and the files written."""
    lines = []
    for record in batch.records:
        if record["status"] == UNREADABLE:
            lines.append(f"无法读取：{record['file']}：{record['reason']}")
        elif record["status"] == INTERNAL_ERROR:
            lines.append(f"内部错误：{record['file']}：{record['reason']}（详情见 {outputs.JSON_LINES}）")
    lines.append(
        f"共 {len(batch.records)} 份：已检查 {batch.count(CHECKED)} 份（其中有错误级发现 {batch.with_errors} 份），"
        f"无法读取 {batch.count(UNREADABLE)} 份，内部错误 {batch.count(INTERNAL_ERROR)} 份；"
        f"沿用已有结果 {batch.reused} 份；用时 {batch.seconds:.1f} 秒。"
    )
    if batch.skipped:
        lines.append(f"跳过 {batch.skipped} 个不是报告的文件（图片、隐藏文件等）。")
    if not batch.records:
        lines.append("没有找到报告文件（txt、docx、pdf、xlsx、yaml、json 或 zip）。")
    peaks = [usage.peak_kib for usage in batch.workers.values() if usage.peak_kib is not None]
    if peaks:
        lines.append(f"工作进程 {len(batch.workers)} 个，单个进程内存峰值 {max(peaks) / 1024:.0f} MB。")
    lines.append("已写入 " + "、".join(str(path) for path in batch.written))
    return lines

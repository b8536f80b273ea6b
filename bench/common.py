"""Shared pieces of the benchmarks in bench/: time a call, compare jixiao with a baseline, print a table.

A benchmark script describes each thing it times as a `Case` — a kind (an input format or a pipeline stage
such as check, score or render), the items to run it on, a baseline that does only the unavoidable work and
jixiao's own call — runs the cases with `run_case` and prints the rows with `report`. Nothing here asserts:
the numbers are for reading beside their aim, and a part that is missing or fails is shown as such.
"""

import importlib
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

MIN_SECONDS = 0.3  # each measurement repeats a call until it has run this long ...
MAX_REPEAT = 50  # ... or this many times, whichever comes first


def measure(fn: Callable[..., object], args: Sequence[Any] = ()) -> float:
    """Median seconds of `fn(*args)`: one warm-up call, then calls until MIN_SECONDS or MAX_REPEAT."""
    fn(*args)
    times: list[float] = []
    total = 0.0
    while total < MIN_SECONDS and len(times) < MAX_REPEAT:
        start = time.perf_counter()
        fn(*args)
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        total += elapsed
    return statistics.median(times)


def optional(module: str, attr: str) -> tuple[Callable[..., Any] | None, str]:
    """`module.attr` if it can be imported, else None and why not (a part still being written is no crash)."""
    try:
        return getattr(importlib.import_module(module), attr), ""
    except (ImportError, AttributeError) as exc:
        return None, f"{module}.{attr}: {type(exc).__name__}: {exc}"


@dataclass
class Case:
    kind: str
    items: Sequence[Any]  # one per report; both callables take one item
    baseline: Callable[[Any], object]
    measured: Callable[[Any], object] | None  # None while jixiao's side is missing; `missing` says why
    aim: float | None = None  # the ratio measured/baseline to stay under
    missing: str = ""
    label: Callable[[Any], str] = str  # names an item in an error message


@dataclass
class Row:
    kind: str
    files: int
    baseline: float | None = None  # seconds per report
    measured: float | None = None  # seconds per report
    aim: float | None = None
    note: str = ""  # "missing: …" or "error: …", printed under the table
    failed: bool = False  # jixiao's side raised: its column says "error", not "n/a"

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.measured is None or self.baseline == 0:
            return None
        return self.measured / self.baseline


def _paired(case: Case, item: Any) -> tuple[float, float]:
    """Median seconds of the baseline and of jixiao on one item, timed in alternation.

    Alternating the two calls round by round means a slow spell of this shared machine slows both sides
    alike, so their ratio holds even when the absolute times drift.
    """
    assert case.measured is not None
    case.baseline(item)
    case.measured(item)
    base: list[float] = []
    ours: list[float] = []
    while sum(base) + sum(ours) < 2 * MIN_SECONDS and len(base) < MAX_REPEAT:
        start = time.perf_counter()
        case.baseline(item)
        middle = time.perf_counter()
        case.measured(item)
        end = time.perf_counter()
        base.append(middle - start)
        ours.append(end - middle)
    return statistics.median(base), statistics.median(ours)


def run_case(case: Case) -> Row:
    """Per report, the median time of each side; summed over the reports and divided by their number."""
    row = Row(case.kind, len(case.items), aim=case.aim)
    if not case.items:
        row.note = f"missing: {case.missing or 'no input files'}"
        return row
    base_total = ours_total = 0.0
    for item in case.items:
        side = "baseline"
        try:
            if case.measured is None:
                base_total += measure(case.baseline, (item,))
                continue
            case.baseline(item)
            side = "jixiao"
            base, ours = _paired(case, item)
        except Exception as exc:
            suffix = " (baseline)" if side == "baseline" else ""
            row.note, row.failed = f"error{suffix}: {case.label(item)}: {type(exc).__name__}: {exc}", side == "jixiao"
            return row
        base_total += base
        ours_total += ours
    row.baseline = base_total / len(case.items)
    if case.measured is None:
        row.note = f"missing: {case.missing}"
        return row
    row.measured = ours_total / len(case.items)
    return row


def _ms(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds * 1000:.2f}"


HEADER = ("kind", "files", "baseline ms/report", "jixiao ms/report")


def report(rows: Sequence[Row], header: tuple[str, str, str, str] = HEADER) -> None:
    """Print one line per row — kind, files, ms per report for baseline and jixiao, ratio, aim — then the notes.

    `header` names the first four columns for a benchmark that counts or times something else."""
    columns = (*header, "ratio", "aim", "")
    lines = [columns]
    for row in rows:
        ratio = row.ratio
        verdict = "" if ratio is None or row.aim is None else ("ok" if ratio <= row.aim else "over aim")
        lines.append(
            (
                row.kind,
                str(row.files),
                _ms(row.baseline),
                "error" if row.failed else _ms(row.measured),
                "n/a" if ratio is None else f"{ratio:.2f}×",
                "—" if row.aim is None else f"≤ {row.aim:g}×",
                verdict,
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(columns))]
    for line in lines:
        cells = [
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())
    for row in rows:
        if row.note:
            print(f"{row.kind}: {row.note}")

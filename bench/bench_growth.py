"""Cost growth: import + check time and peak memory at size N and 4N, and peak memory at the input limits.

Time and memory must grow linearly with the input (issue 11, item 6). Three inputs are written at size N
and 4N: one long line (our example report with its line breaks lost, copied with its digits varied so that
no two copies are alike), many short number-only lines, and a docx whose body is a numeric table. Each run
is a child process of its own that imports and checks the file (`load_report` + `run_checks`) and reports
the seconds that took; its peak memory is the child's own maximum resident set (`os.wait4`). The table
gives the 4N ÷ N ratio of the time (aim ≤ 4.5×: linear) and of the memory above an idle child's (the
interpreter with jixiao imported), each run in alternation, N then 4N, the median of three rounds.

Then each input at one of the limits (`jixiao.io.limits`) runs once: the largest file, the longest text,
the densest figures, a docx and an xlsx at their inflated size limits, canonical YAML and JSON at theirs, a
PDF at the page limit. The peak memory of the worst is the figure to hold beside its aim: under 500 MB.
Nothing is asserted.

Run with `make bench`, or `.venv/bin/python bench/bench_growth.py`.
"""

from __future__ import annotations

import io
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.handmade lives in the checkout, not the package
EXAMPLE = ROOT / "examples" / "qingshan_nongye_2024.txt"
ROUNDS = 3
TIME_AIM = 4.5
MEMORY_AIM_MB = 500
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# ------------------------------------------------------------------------------------------------ the child


def child(path: str | None) -> None:
    """Import and check `path` (nothing, for the idle run); print the seconds, or the refusal."""
    from jixiao.checks import run_checks
    from jixiao.core.errors import InputError
    from jixiao.io import load_report
    from jixiao.io.canonical import load_canonical

    start = time.perf_counter()
    note = ""
    if path is not None:
        try:
            file = Path(path)
            evaluation = load_canonical(file) if file.suffix in {".yaml", ".json"} else load_report(file)
            run_checks(evaluation)
        except InputError as exc:
            note = f"refused: {exc.message}"
    print(f"{time.perf_counter() - start} {_own_peak_kb()} {note}")


def _own_peak_kb() -> int:
    """This process's peak resident memory in KB, since it began running this program: the kernel's VmHWM.
    (`ru_maxrss` would count the parent's memory too, which a child holds between fork and exec.)"""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


@dataclass
class Run:
    seconds: float
    peak_mb: float
    note: str = ""


def run(path: Path | None) -> Run:
    """One child: its seconds of import and check, and its peak resident memory (as it reports it; the
    kernel's count for it when it failed)."""
    command = [sys.executable, __file__, "--child", *([str(path)] if path else [])]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
    assert process.stdout is not None
    out = process.stdout.read().strip()
    # not `wait()`: `wait4` reaps the child and gives its own resource usage, its peak memory among them
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    last = out.splitlines()[-1] if out else ""
    if process.returncode != 0:
        return Run(float("nan"), usage.ru_maxrss / 1024, f"failed ({process.returncode}): {last[-200:]}")
    seconds, peak, note = [*last.split(" ", 2), ""][:3]
    return Run(float(seconds), int(peak) / 1024, note)


# ------------------------------------------------------------------------------------------------ the inputs


def _example_copies(characters: int, separator: str) -> str:
    """Our example report, copied to `characters` with its digits varied per copy and lines joined by
    `separator` (a space: one long line)."""
    text = EXAMPLE.read_text(encoding="utf-8").replace("\n", separator)
    rng = random.Random(11)
    parts: list[str] = []
    total = 0
    while total + len(text) + 1 <= characters:
        parts.append(re.sub(r"\d", lambda _: str(rng.randrange(10)), text))
        total += len(text) + 1
    return separator.join(parts)


def long_line(path: Path, characters: int) -> None:
    path.write_text(_example_copies(characters, " "), encoding="utf-8")


def numeric_lines(path: Path, lines: int) -> None:
    """Number-only lines of up to three digits: as many lines as the limits allow in their characters."""
    rng = random.Random(12)
    path.write_text("\n".join(str(rng.randrange(1000)) for _ in range(lines)) + "\n")


def _docx(path: Path, body: str, media: bytes = b"") -> None:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'.encode()
            target.writestr(item.filename, data)
        if media:
            target.writestr("word/media/image1.png", media, zipfile.ZIP_STORED)


def _cell(text: str) -> str:
    return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def docx_table(path: Path, rows: int) -> None:
    rng = random.Random(13)
    body = "<w:p><w:r><w:t>2023年度部门整体支出绩效自评报告</w:t></w:r></w:p><w:tbl>"
    body += "".join(
        "<w:tr>" + "".join(_cell(f"{rng.randrange(10_000)}.{rng.randrange(100):02d}") for _ in range(4)) + "</w:tr>"
        for _ in range(rows)
    )
    _docx(path, body + "</w:tbl>")


# ------------------------------------------------------------------------------------------------ at the limits


def at_size_limit(path: Path) -> None:
    """A txt exactly at the size limit: read and decoded, then refused for its length."""
    from jixiao.io.limits import max_bytes

    line = "本年度收入合计239.67万元，其中财政拨款200.00万元。\n".encode()
    path.write_bytes(line * (max_bytes() // len(line)))


def dense_figures(path: Path) -> None:
    """One line of nothing but staff counts, to the character limit: the densest figures we know of."""
    from jixiao.io.limits import MAX_CHARS

    rng = random.Random(14)
    parts, total = [], 0
    while total < MAX_CHARS - 20:
        part = f"编制{rng.randrange(100)}人，"
        parts.append(part)
        total += len(part)
    path.write_text("".join(parts), encoding="utf-8")


def docx_at_size_limit(path: Path) -> None:
    """A numeric table to the length limits, and an image of random bytes filling the file to the size limit."""
    from jixiao.io.limits import MAX_CHARS, MAX_LINES, max_bytes

    rng = random.Random(15)
    rows = "".join(
        "<w:tr>" + _cell(f"{n % 100}") + _cell(f"{rng.randrange(100)}.{rng.randrange(10)}") + "</w:tr>"
        for n in range(min(MAX_LINES, MAX_CHARS // 10) - 10)  # "12 | 34.5": at most 10 characters a row
    )
    _docx(path, f"<w:tbl>{rows}</w:tbl>")
    _docx(path, f"<w:tbl>{rows}</w:tbl>", rng.randbytes(max_bytes() - path.stat().st_size - 4096))


def docx_at_member_limit(path: Path) -> None:
    """A document.xml just under the inflated size limit of a member, within the length limits: as many
    paragraphs as they allow, each of four characters in runs heavy with formatting."""
    from jixiao.io.limits import MAX_CHARS, MAX_LINES, MAX_MEMBER_BYTES

    count = min(MAX_LINES, MAX_CHARS // 4) - 10
    room = (MAX_MEMBER_BYTES - 4096) // count // 4  # the bytes of XML each run may take
    run = "<w:r><w:rPr>{}</w:rPr><w:t>{}</w:t></w:r>"
    fonts = '<w:rFonts w:ascii="仿宋" w:eastAsia="仿宋"/>'
    repeat = (room - len(run.format("", "甲").encode())) // len(fonts.encode())
    paragraph = "<w:p>" + "".join(run.format(fonts * repeat, character) for character in "收入合计") + "</w:p>"
    _docx(path, paragraph * count)


def xlsx_at_member_limit(path: Path) -> None:
    """A worksheet just under the inflated size limit of an xlsx member, of numeric cells."""
    import openpyxl

    from jixiao.io.limits import MAX_XLSX_MEMBER_BYTES

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("自评表")
    rng = random.Random(16)
    rows = MAX_XLSX_MEMBER_BYTES // 400  # some 340 to 380 bytes of sheet XML per row of ten numbers
    for _ in range(rows):
        sheet.append([rng.randrange(1000) for _ in range(10)])
    workbook.save(path)


def yaml_at_limit(path: Path) -> None:
    """Canonical YAML to its size limit, of the smallest items: the most for its pure-Python parser."""
    from jixiao.io.limits import MAX_YAML_BYTES

    path.write_text("outline:\n  unplaced:\n" + "  - 甲\n" * ((MAX_YAML_BYTES - 40) // 8), encoding="utf-8")


def json_at_limit(path: Path) -> None:
    from jixiao.io.limits import MAX_JSON_BYTES

    items = ",".join(['"甲乙"'] * ((MAX_JSON_BYTES - 100) // 9))
    path.write_text('{"outline": {"unplaced": [' + items + "]}}", encoding="utf-8")


def pdf_at_page_limit(path: Path) -> None:
    """A PDF of as many pages as the limit allows, each a line of figures."""
    from jixiao.io.limits import MAX_PAGES
    from tests.handmade import pdf

    path.write_bytes(pdf(MAX_PAGES, b"Budget 2023: 239.67, spent 230.12, rate 96.02%"))


@dataclass
class Growth:
    kind: str
    unit: str
    n: int
    write: Callable[[Path, int], None]
    suffix: str


GROWTH = [
    Growth("one long line", "characters", 50_000, long_line, ".txt"),
    Growth("short numeric lines", "lines", 20_000, numeric_lines, ".txt"),
    Growth("docx numeric table", "rows", 2_500, docx_table, ".docx"),
]

LIMITS: list[tuple[str, Callable[[Path], None], str]] = [
    ("txt at the size limit (refused for its length)", at_size_limit, ".txt"),
    ("one line at the character limit", lambda path: long_line(path, _max_chars() - 10), ".txt"),
    ("densest figures at the character limit", dense_figures, ".txt"),
    ("numeric lines at the line limit", lambda path: numeric_lines(path, _max_lines() - 10), ".txt"),
    ("docx at the size limit", docx_at_size_limit, ".docx"),
    ("docx body at the member limit", docx_at_member_limit, ".docx"),
    ("xlsx sheet at the member limit", xlsx_at_member_limit, ".xlsx"),
    ("PDF at the page limit", pdf_at_page_limit, ".pdf"),
    ("canonical JSON at its limit", json_at_limit, ".json"),
    ("canonical YAML at its limit", yaml_at_limit, ".yaml"),
]


def _max_chars() -> int:
    from jixiao.io.limits import MAX_CHARS

    return MAX_CHARS


def _max_lines() -> int:
    from jixiao.io.limits import MAX_LINES

    return MAX_LINES


# ------------------------------------------------------------------------------------------------ the tables


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    lines = [header, *rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for line in lines:
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths, strict=True))).rstrip())


def growth(folder: Path, idle_mb: float) -> None:
    rows = []
    notes = []
    for case in GROWTH:
        small, large = folder / f"n{case.suffix}", folder / f"4n{case.suffix}"
        case.write(small, case.n)
        case.write(large, 4 * case.n)
        runs: dict[Path, list[Run]] = {small: [], large: []}
        for _ in range(ROUNDS):
            for path in (small, large):
                runs[path].append(run(path))
        seconds = {path: statistics.median(r.seconds for r in found) for path, found in runs.items()}
        peak = {path: max(r.peak_mb for r in found) for path, found in runs.items()}
        ratio = seconds[large] / seconds[small]
        memory = (peak[large] - idle_mb) / max(peak[small] - idle_mb, 1)
        rows.append(
            (
                case.kind,
                f"{case.n:,} {case.unit}",
                f"{seconds[small]:.2f}",
                f"{seconds[large]:.2f}",
                f"{ratio:.2f}×",
                f"{peak[small]:.0f}",
                f"{peak[large]:.0f}",
                f"{memory:.2f}×",
                "ok" if ratio <= TIME_AIM else "over aim",
            )
        )
        notes += [f"{case.kind}: {r.note}" for found in runs.values() for r in found if r.note]
        small.unlink()
        large.unlink()
    print(f"cost growth, import + check, size N and 4N (median of {ROUNDS}; memory ratio above an idle child of {idle_mb:.0f} MB)")
    _table(("input", "N", "s at N", "s at 4N", "time ratio", "MB at N", "MB at 4N", "memory ratio", f"aim ≤ {TIME_AIM}×"), rows)
    for note in dict.fromkeys(notes):
        print(note)


def limits(folder: Path) -> None:
    rows = []
    worst: tuple[float, str] = (0.0, "")
    for name, write, suffix in LIMITS:
        path = folder / f"limit{suffix}"
        write(path)
        size = path.stat().st_size
        result = run(path)
        path.unlink()
        rows.append((name, f"{size / 1024 / 1024:.1f}", f"{result.seconds:.1f}", f"{result.peak_mb:.0f}", result.note[:70]))
        worst = max(worst, (result.peak_mb, name))
    print()
    print("peak memory at the limits, import + check (one run each)")
    _table(("input", "file MB", "s", "peak MB", "note"), rows)
    verdict = "ok" if worst[0] < MEMORY_AIM_MB else "over aim"
    print(f"worst: {worst[1]}, {worst[0]:.0f} MB (aim < {MEMORY_AIM_MB} MB): {verdict}")


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2] if len(sys.argv) > 2 else None)
        return 0
    idle = run(None).peak_mb
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-growth-") as tmp:
        folder = Path(tmp)
        growth(folder, idle)
        limits(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Checking speed: `run_checks` on an imported evaluation against importing the same report.

Inputs are the seed, every corpus file (header stripped) and the example, written once as txt. For each
report the import (`load_report`, the baseline) and the check of its evaluation (`run_checks`, every
registered rule) are timed in alternation; the table gives time per report and the ratio check ÷ import,
beside the aim: checking takes at most 10% of the import time of the same report. Nothing is asserted.

Run with `make bench`, or `.venv/bin/python bench/bench_check.py`.
"""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.support and bench.* live in the checkout, not the package

from bench.bench_import import gather, write_txt  # noqa: E402
from bench.common import Case, report, run_case  # noqa: E402
from jixiao.checks import RULES, run_checks  # noqa: E402
from jixiao.io import load_report  # noqa: E402


def main() -> int:
    notes: list[str] = []
    reports = gather(notes)
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-check-") as tmp:
        paths = write_txt(reports, Path(tmp) / "txt")
        items = [(path, load_report(path)) for path in paths]
        case = Case(
            "check (txt)",
            items,
            lambda item: load_report(item[0]),
            lambda item: run_checks(item[1]),
            0.10,
            "",
            lambda item: item[0].name,
        )
        row = run_case(case)
    for note in notes:
        print(note)
    print(f"inputs: {len(items)} reports, {len(RULES)} rules; baseline = import of the same report")
    report([row])
    return 0


if __name__ == "__main__":
    sys.exit(main())

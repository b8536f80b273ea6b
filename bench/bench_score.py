"""Scoring speed: `score` of an imported evaluation under hunan-2023 against importing the same report.

Inputs are the seed, every corpus file (header stripped) and the example, written once as txt. For each
report the import (`load_report`, the baseline) and the scoring of its evaluation (`score`, the rulebook
loaded once beforehand) are timed in alternation; the table gives time per report and the ratio
score ÷ import, beside the aim: scoring takes at most 10% of the import time. Nothing is asserted.

Run with `make bench`, or `.venv/bin/python bench/bench_score.py`.
"""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.support and bench.* live in the checkout, not the package

from bench.bench_import import gather, write_txt  # noqa: E402
from bench.common import Case, report, run_case  # noqa: E402
from jixiao.io import load_report  # noqa: E402
from jixiao.scoring.engine import score  # noqa: E402
from jixiao.scoring.rulebook import DEFAULT_RULEBOOK, load_rulebook  # noqa: E402


def main() -> int:
    notes: list[str] = []
    reports = gather(notes)
    rulebook = load_rulebook(DEFAULT_RULEBOOK)
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-score-") as tmp:
        paths = write_txt(reports, Path(tmp) / "txt")
        items = [(path, load_report(path)) for path in paths]
        case = Case(
            f"score ({rulebook.id})",
            items,
            lambda item: load_report(item[0]),
            lambda item: score(item[1], rulebook),
            0.10,
            "",
            lambda item: item[0].name,
        )
        row = run_case(case)
    for note in notes:
        print(note)
    indicators = sum(len(ev.performance.indicators) for _, ev in items)
    print(f"inputs: {len(items)} reports, {indicators} indicators; baseline = import of the same report")
    report([row])
    return 0


if __name__ == "__main__":
    sys.exit(main())

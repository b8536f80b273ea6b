"""Checking speed: `run_checks` on an imported evaluation against importing the same report.

Inputs are the seed, every corpus file (header stripped) and the example, written once as txt, as docx and
as pdf (as in bench_import). For each report the import (`load_report`, the baseline) and the check of its
evaluation (`run_checks`, every registered rule) are timed in alternation; the table gives time per report
and the ratio check ÷ import per input kind, beside the aim as issue 14 restates it: checking a report
costs at most 0.35× of importing its txt and 0.1× of importing its docx or pdf. The evaluation checked is
the same whatever the file kind, so the txt row, where the import is cheapest, is the hardest. Nothing is
asserted.

Run with `make bench`, or `.venv/bin/python bench/bench_check.py`.
"""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.support and bench.* live in the checkout, not the package

from bench.bench_import import gather, write_docx, write_pdf, write_txt  # noqa: E402
from bench.common import Case, report, run_case  # noqa: E402
from jixiao.checks import RULES, run_checks  # noqa: E402
from jixiao.io import load_report  # noqa: E402

AIMS = {"txt": 0.35, "docx": 0.10, "pdf": 0.10}  # check ÷ import of the same report (issue 14)


def main() -> int:
    notes: list[str] = []
    reports = gather(notes)
    rows = []
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-check-") as tmp:
        folder = Path(tmp)
        txt = write_txt(reports, folder / "txt")
        docx_paths = write_docx(reports, folder / "docx", notes)
        pdf, _ = write_pdf(docx_paths, folder / "pdf", notes)
        for kind, paths in (("txt", txt), ("docx", docx_paths), ("pdf", pdf)):
            items = [(path, load_report(path)) for path in paths]
            case = Case(
                f"check vs {kind} import",
                items,
                lambda item: load_report(item[0]),
                lambda item: run_checks(item[1]),
                AIMS[kind],
                "",
                lambda item: item[0].name,
            )
            rows.append(run_case(case))
    for note in notes:
        print(note)
    print(f"inputs: {len(reports)} reports, {len(RULES)} rules; baseline = import of the same report")
    print("aim (issue 14): checking costs at most 0.35× of importing the txt, 0.1× of importing the docx or pdf")
    report(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

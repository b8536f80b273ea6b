"""Rendering speed: jixiao's docx and PDF of each report, against LibreOffice turning that docx into a PDF.

Inputs are the seed, every corpus file (header stripped) and the example, imported once and scored under
hunan-2023, then drafted (`jixiao.render.draft.draft`). For each report the table gives, per report:

- docx — `render_docx` (draft included) against the baseline;
- pdf — `pdf_bytes` (draft + HTML + WeasyPrint) against the baseline; aim: below LibreOffice's time (≤ 1×);

where the baseline is a fresh headless LibreOffice process (`jixiao.tools.libreoffice.convert`, its own
throw-away profile) converting the docx jixiao wrote for that report to PDF: what a server would do if it
made the PDF from the docx. Nothing is asserted.

Run with `make bench`, or `.venv/bin/python bench/bench_render.py`.
"""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.support and bench.* live in the checkout, not the package

from bench.bench_import import gather, write_txt  # noqa: E402
from bench.common import Case, optional, report, run_case  # noqa: E402
from jixiao.io import load_report  # noqa: E402
from jixiao.scoring.engine import score  # noqa: E402
from jixiao.scoring.rulebook import load_rulebook  # noqa: E402
from jixiao.tools.libreoffice import convert  # noqa: E402


def main() -> int:
    notes: list[str] = []
    reports = gather(notes)
    draft, missing_draft = optional("jixiao.render.draft", "draft")
    render_docx, missing_docx = optional("jixiao.render.docx", "render_docx")
    pdf_bytes, missing_pdf = optional("jixiao.render.pdf", "pdf_bytes")
    rows = []
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-render-") as tmp:
        folder = Path(tmp)
        rulebook = load_rulebook("hunan-2023")
        items = []
        for path in write_txt(reports, folder / "txt"):
            ev = load_report(path)
            items.append((path.stem, ev, score(ev, rulebook)))
        if draft is None or render_docx is None:
            notes.append(f"missing: {missing_draft or missing_docx} (no docx to convert, no baseline)")
            items = []
        docx_dir, lo_dir, our_dir = folder / "docx", folder / "lo", folder / "ours"
        docx_dir.mkdir()
        our_dir.mkdir()
        for stem, ev, card in items:
            render_docx(draft(ev, card), card, docx_dir / f"{stem}.docx")

        def baseline(item: tuple) -> object:
            return convert(docx_dir / f"{item[0]}.docx", "pdf", lo_dir)

        def ours_docx(item: tuple) -> object:
            stem, ev, card = item
            return render_docx(draft(ev, card), card, our_dir / f"{stem}.docx")

        def ours_pdf(item: tuple) -> object:
            stem, ev, card = item
            return (our_dir / f"{stem}.pdf").write_bytes(pdf_bytes(draft(ev, card)))

        label = lambda item: item[0]  # noqa: E731
        rows.append(run_case(Case("docx vs LibreOffice docx→pdf", items, baseline, ours_docx, None, missing_docx, label)))
        rows.append(
            run_case(
                Case("pdf vs LibreOffice docx→pdf", items, baseline, ours_pdf if pdf_bytes else None, 1.0, missing_pdf, label)
            )
        )
    for note in notes:
        print(note)
    print(f"inputs: {len(reports)} reports; baseline = a fresh headless LibreOffice converting jixiao's docx to PDF")
    report(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

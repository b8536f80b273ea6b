"""Import speed: jixiao's `load_report` on txt, docx and pdf reports, against the least a reader must do.

The reports are the seed (`../shared/seeds/`), every corpus file with its header stripped and, when it
exists, the example `examples/qingshan_nongye_2024.txt`. Each is written once to a temporary folder as
txt, as docx (python-docx, one paragraph per line) and as pdf (LibreOffice, from that docx). Each kind is
read two ways on the same files:

- baseline — only the unavoidable work. txt: read the bytes, decode, split into lines, find every number
  with one regular expression. docx: python-docx lists every paragraph's and table cell's text. pdf:
  pypdfium2 extracts every page's text.
- jixiao — `jixiao.io.load_report(path)`; for pdf also `jixiao.io.pdf_reader.read_pdf_tables` alone.

The table gives the time per report (median per file, summed over files, divided by their number) and the
ratio to the baseline, beside the aim: txt ≤ 25×, docx ≤ 1.5×, pdf ≤ 1.3×. Nothing is asserted: this is
not a test. Parts not written yet are reported as missing and the script still exits 0.

Run with `make bench`, or `.venv/bin/python bench/bench_import.py`.
"""

import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.support and bench.common live in the checkout, not the package

import docx  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

from bench.common import Case, optional, report, run_case  # noqa: E402
from tests import support  # noqa: E402

EXAMPLE = ROOT / "examples" / "qingshan_nongye_2024.txt"
AIMS = {"txt": 25.0, "docx": 1.5, "pdf": 1.3}
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Report:
    name: str
    text: str


def gather(notes: list[str]) -> list[Report]:
    reports: list[Report] = []
    try:
        seed = support.seed_path()
        reports.append(Report(seed.stem, seed.read_text(encoding="utf-8")))
        for path in support.corpus_files():
            reports.append(Report(path.stem, support.strip_corpus_header(path.read_text(encoding="utf-8"))))
    except FileNotFoundError as exc:
        notes.append(f"missing: {exc}")
    if EXAMPLE.exists():
        reports.append(Report(EXAMPLE.stem, EXAMPLE.read_text(encoding="utf-8")))
    else:
        notes.append(f"missing: {EXAMPLE.relative_to(ROOT)} (left out)")
    return reports


# --- baselines: the least work that gets every line's text out of the file ---


def scan_txt(path: Path) -> object:
    text = path.read_bytes().decode("utf-8")
    return [_NUMBER.findall(line) for line in text.splitlines()]


def scan_docx(path: Path) -> object:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return texts


def scan_pdf(path: Path) -> object:
    pdf = pdfium.PdfDocument(path)
    try:
        texts = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()


# --- the files of each kind, made once ---


def write_txt(reports: list[Report], folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for r in reports:
        path = folder / f"{r.name}.txt"
        path.write_text(r.text, encoding="utf-8")
        paths.append(path)
    return paths


def write_docx(reports: list[Report], folder: Path, notes: list[str]) -> list[Path]:
    folder.mkdir()
    paths = []
    for r in reports:
        try:
            document = docx.Document()
            for line in r.text.splitlines():
                document.add_paragraph(line)
            path = folder / f"{r.name}.docx"
            document.save(str(path))
            paths.append(path)
        except Exception as exc:
            notes.append(f"docx: could not make {r.name}.docx ({type(exc).__name__}: {exc}), left out")
    return paths


def write_pdf(docx_paths: list[Path], folder: Path, notes: list[str]) -> tuple[list[Path], str]:
    convert_all, missing = optional("jixiao.tools.libreoffice", "convert_all")
    if convert_all is None:
        return [], missing
    folder.mkdir()
    start = time.perf_counter()
    try:
        paths = [Path(path) for path in convert_all(docx_paths, "pdf", folder)]
    except Exception as exc:  # one file LibreOffice cannot open: keep the others it wrote
        paths = [path for src in docx_paths if (path := folder / f"{src.stem}.pdf").is_file()]
        notes.append(f"pdf: {type(exc).__name__}: {exc}; {len(paths)} of {len(docx_paths)} converted")
    notes.append(f"pdf: converted {len(paths)} docx with LibreOffice in {time.perf_counter() - start:.1f} s")
    return paths, "" if paths else "no pdf could be made"


def with_bytes(read: Callable[[str, bytes], object], data: dict[Path, bytes]) -> Callable[[Path], object]:
    """`read(name, data)` as a call on the path alone, the bytes read beforehand so only the reader is timed."""
    return lambda path: read(str(path), data[path])


def main() -> int:
    notes: list[str] = []
    reports = gather(notes)
    print(f"inputs: {len(reports)} reports")
    load_report, load_missing = optional("jixiao.io", "load_report")
    read_pdf_tables, tables_missing = optional("jixiao.io.pdf_reader", "read_pdf_tables")

    def name(path: Path) -> str:
        return path.name

    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        folder = Path(tmp)
        txt = write_txt(reports, folder / "txt")
        docx_paths = write_docx(reports, folder / "docx", notes)
        pdf, pdf_missing = write_pdf(docx_paths, folder / "pdf", notes)
        pdf_bytes = {path: path.read_bytes() for path in pdf}

        cases = [
            Case("txt", txt, scan_txt, load_report, AIMS["txt"], load_missing, name),
            Case("docx", docx_paths, scan_docx, load_report, AIMS["docx"], load_missing, name),
            Case("pdf", pdf, scan_pdf, load_report, AIMS["pdf"], pdf_missing or load_missing, name),
            Case(
                "pdf tables",
                pdf,
                scan_pdf,
                None if read_pdf_tables is None else with_bytes(read_pdf_tables, pdf_bytes),
                None,
                pdf_missing or tables_missing,
                name,
            ),
        ]
        rows = [run_case(case) for case in cases]

    for note in notes:
        print(note)
    print()
    report(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

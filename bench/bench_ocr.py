"""Which OCR engine reads a scanned Chinese report best: accuracy and time per page, measured on our own pages.

Pages: the example report rendered by jixiao (`jixiao render … --to pdf`: import, draft, WeasyPrint) and the
seed report as written, set by LibreOffice (its txt opened in Writer and exported to PDF). The text layer of
each page is the truth. Each page is rasterised by pdftoppm (grey) at 150 and 300 dpi, and once as a poor
scan: 200 dpi, turned by 0.6°, with grain (Pillow's Gaussian noise, σ 24), then read by each engine:

- tesseract — Debian's `tesseract` with `chi_sim` (tesseract-ocr-chi-sim), through a subprocess;
- rapidocr-v4 — `rapidocr_onnxruntime` from PyPI, the PP-OCRv4 mobile models inside its wheel;
- rapidocr-v6 — `rapidocr` 3.x with `onnxruntime`, the PP-OCRv6 small models inside its wheel;
- jixiao — what the importer does (`jixiao.io.ocr`): the image wrapped in a PDF page, rendered by pdfium at the
  engine's working size, read by the engine chosen, its boxes put back into lines.

For each engine and raster the table gives, over all pages:

- CER — character error rate: edit distance / reference length, whitespace removed and both sides folded
  with NFKC (full-width letters, digits and punctuation to their half-width forms, as jixiao's normaliser
  does before reading), so that a line break or a ；/; difference is not counted as an error;
- numbers — the share of the reference's numbers (`\\d+(?:\\.\\d+)?`, as a multiset) read exactly;
- invented — numbers in the OCR text that the page does not hold: a misread figure, the dangerous error;
- s/page — median wall time per page (the machine is shared: compare engines within one run) and the CPU
  seconds per page (this process and its children).

Run: `.venv/bin/python bench/bench_ocr.py [--pages N] [--engines a,b] [--rasters 150,300,scan]`. An engine that
is not installed is listed as missing. Nothing is asserted; it is not part of `make test` or `make bench`
(it takes several minutes). Results and the decision are in docs/ocr.md.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.support lives in the checkout, not the package

from tests.support import seed_path  # noqa: E402

EXAMPLE = ROOT / "examples" / "qingshan_nongye_2024.txt"
NUMBER = re.compile(r"\d+(?:\.\d+)?")
Reader = Callable[[Image.Image], str]


# --- the pages ----------------------------------------------------------------------------------------


def example_pdf(folder: Path) -> Path:
    """The example as jixiao renders it."""
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "jixiao"), "render", str(EXAMPLE), "--to", "pdf", "-o", str(folder)],
        check=True,
        capture_output=True,
    )
    return folder / f"{EXAMPLE.stem}.pdf"


def seed_pdf(folder: Path) -> Path:
    """The seed's own text, set by LibreOffice Writer."""
    from jixiao.tools.libreoffice import convert

    text = folder / "seed.txt"
    shutil.copyfile(seed_path(), text)
    return convert(text, "pdf", folder / "lo")


def page_texts(pdf: Path) -> list[str]:
    document = pdfium.PdfDocument(str(pdf))
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def rasterise(pdf: Path, page: int, raster: str, folder: Path) -> Image.Image:
    """Page `page` (1-based) through pdftoppm: "150", "300", or "scan" (200 dpi, turned, grainy)."""
    dpi = 200 if raster == "scan" else int(raster)
    prefix = folder / f"{pdf.stem}-{page}-{raster}"
    subprocess.run(
        ["pdftoppm", "-gray", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
         str(pdf), str(prefix)],
        check=True,
    )
    image = Image.open(f"{prefix}.png").convert("L")
    if raster == "scan":
        image = image.rotate(0.6, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
        grain = Image.effect_noise(image.size, 24)  # Gaussian, centred on 128
        image = ImageChops.add(image, grain, scale=1.0, offset=-128)
    return image


# --- the engines ----------------------------------------------------------------------------------------


def tesseract() -> Reader | None:
    if shutil.which("tesseract") is None:
        return None

    def read(image: Image.Image) -> str:
        png = io.BytesIO()
        image.save(png, "PNG")
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", "chi_sim"], input=png.getvalue(), capture_output=True, check=True
        )
        return done.stdout.decode("utf-8")

    return read


def rapidocr_v4() -> Reader | None:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        return None
    engine = RapidOCR()

    def read(image: Image.Image) -> str:
        result, _ = engine(image.convert("RGB"))
        return "\n".join(text for _, text, _ in result or [])

    return read


def rapidocr_v6() -> Reader | None:
    try:
        from rapidocr import RapidOCR
    except ImportError:
        return None
    engine = RapidOCR(params={"Global.log_level": "critical"})

    def read(image: Image.Image) -> str:
        result = engine(image.convert("RGB"))
        return "\n".join(result.txts or ())

    return read


def jixiao_ocr() -> Reader | None:
    """What jixiao does with a scanned page: the image in a PDF page, rendered by pdfium, lines rebuilt."""
    from jixiao.io import ocr

    engine = ocr.engine()
    if engine is None:
        return None

    def read(image: Image.Image) -> str:
        buffer = io.BytesIO()
        image.save(buffer, "PDF", resolution=image.info.get("dpi", (150, 150))[0])
        pdf = pdfium.PdfDocument(buffer.getvalue())
        try:
            return "\n".join(engine.read(pdf[0]))
        finally:
            pdf.close()

    return read


ENGINES: dict[str, Callable[[], Reader | None]] = {
    "tesseract": tesseract,
    "rapidocr-v4": rapidocr_v4,
    "rapidocr-v6": rapidocr_v6,
    "jixiao": jixiao_ocr,
}


# --- the measures ---------------------------------------------------------------------------------------


def folded(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def distance(a: str, b: str) -> int:
    """Levenshtein distance, one row at a time."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@dataclass
class Tally:
    chars: int = 0
    errors: int = 0
    numbers: int = 0
    numbers_read: int = 0
    invented: int = 0
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    samples: list[str] = field(default_factory=list)  # a few misread numbers, to show in the docs

    def add(self, truth: str, read: str, wall: float, cpu: float) -> None:
        truth, read = folded(truth), folded(read)
        self.chars += len(truth)
        self.errors += distance(truth, read)
        expected, got = Counter(NUMBER.findall(truth)), Counter(NUMBER.findall(read))
        self.numbers += sum(expected.values())
        self.numbers_read += sum((expected & got).values())
        wrong = got - expected
        self.invented += sum(wrong.values())
        self.samples.extend(list(wrong)[: max(0, 6 - len(self.samples))])
        self.wall.append(wall)
        self.cpu.append(cpu)


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# --- the run --------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=0, help="at most this many pages of each document (0: all)")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--rasters", default="150,300,scan")
    args = parser.parse_args()
    rasters = args.rasters.split(",")
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-ocr-") as tmp:
        folder = Path(tmp)
        pages: list[tuple[str, str, Path, int]] = []  # (document, its text, pdf, page number)
        for name, make in (("example (jixiao)", example_pdf), ("seed (LibreOffice)", seed_pdf)):
            pdf = make(folder)
            texts = page_texts(pdf)
            chosen = [n for n, text in enumerate(texts, start=1) if text.strip()]
            if args.pages:
                chosen = chosen[: args.pages]
            pages.extend((name, texts[n - 1], pdf, n) for n in chosen)
        images = {(pdf, n, r): rasterise(pdf, n, r, folder) for _, _, pdf, n in pages for r in rasters}
        print(f"{len(pages)} pages, {sum(len(folded(t)) for _, t, _, _ in pages)} characters; "
              f"rasters {', '.join(rasters)}; load average {os.getloadavg()[0]:.1f} at start\n")
        print("| engine | raster | CER | numbers read | invented numbers | s/page (wall) | CPU s/page |")
        print("|---|---|---:|---:|---:|---:|---:|")
        examples: dict[str, list[str]] = {}
        for engine_name in args.engines.split(","):
            started = time.perf_counter()
            reader = ENGINES[engine_name]()
            if reader is None:
                print(f"| {engine_name} | – | missing | | | | |")
                continue
            load = time.perf_counter() - started
            for raster in rasters:
                tally = Tally()
                for _, truth, pdf, n in pages:
                    cpu, wall = cpu_seconds(), time.perf_counter()
                    read = reader(images[(pdf, n, raster)])
                    tally.add(truth, read, time.perf_counter() - wall, cpu_seconds() - cpu)
                print(
                    f"| {engine_name} | {raster} | {100 * tally.errors / tally.chars:.2f}% "
                    f"| {100 * tally.numbers_read / tally.numbers:.1f}% ({tally.numbers_read}/{tally.numbers}) "
                    f"| {tally.invented} | {statistics.median(tally.wall):.1f} | {statistics.median(tally.cpu):.1f} |",
                    flush=True,
                )
                examples[f"{engine_name} {raster}"] = tally.samples
            print(f"<!-- {engine_name}: engine loaded in {load:.1f} s -->", flush=True)
        print("\nsome invented numbers, per engine and raster:")
        for key, samples in examples.items():
            print(f"- {key}: {', '.join(samples) or '–'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Read a PDF page that has no text layer (a scan) by OCR: RapidOCR with the PP-OCR models inside its wheel.

The engine was chosen by measured accuracy on Chinese report pages against Debian's Tesseract (`docs/ocr.md`,
`bench/bench_ocr.py`). A page is scanned when its text layer holds almost nothing while an image covers much
of it, or many drawn shapes do (text turned into outlines); only such pages are read by OCR, which costs
seconds a page where the text layer costs milliseconds.

The page is rendered by pdfium at the size the engine works at, its text boxes are read, and the boxes are put
back into printed lines: boxes side by side on one line are joined, with a space where the gap between them is
wide (table cells, as pdfium's own text gives them). The only change made to the text is one the engine is
known to make: it reads the dashes around a page number ("— 3 —") as 一 or -, and such a line is written back
as a page number for the normaliser to drop. Everything else (full-width forms, spaces inside numbers) is the
importer's normaliser's business, as for any other text; a character the engine misread is never corrected
here, least of all a digit.

Nothing is downloaded at run time: the model files are given by their path inside the installed package, and
a missing file makes the engine unavailable rather than fetched. Without the engine (`engine()` is None) a
scanned page is left unread, and the reader says so.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

ENGINE_NAME = "RapidOCR（PP-OCRv6）"
INSTALL_HINT = "pip install rapidocr onnxruntime"

SCAN_TEXT_MAX = 20  # a page whose text layer has fewer visible characters than this may be a scan ...
SCAN_IMAGE_SHARE = 0.25  # ... when images cover at least this share of it,
SCAN_PATHS_MIN = 200  # or it draws at least this many shapes (text turned into outlines)
LONG_SIDE_PIXELS = 2000  # the engine scales a page down to this long side before reading: render no larger

_MODELS = {  # the files of rapidocr 3.10's default models, in its package's `models` folder
    "Det.model_path": "PP-OCRv6_det_small.onnx",
    "Cls.model_path": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
    "Rec.model_path": "PP-OCRv6_rec_small.onnx",
}
_WIDE_GAP = 1.0  # a gap between two boxes on one line wider than this many line heights separates cells
# a page number whose dashes the engine read as 一 or as hyphens: "-1一", "一12-", "- 3 -"
_PAGE_NUMBER = re.compile(r"^[-—–一－]+\s*(\d{1,4})\s*[-—–一－]+$")


@dataclass(frozen=True, slots=True)
class ScannedPage:
    """The lines read from a page without a text layer, and the engine that read them (None: not read)."""

    lines: list[str]
    engine: str | None


def is_scanned(page: pdfium.PdfPage, text: str) -> bool:
    """Whether `page`, whose text layer reads `text`, is a scan (or text drawn as shapes) that needs OCR."""
    if len(text) >= SCAN_TEXT_MAX and len("".join(text.split())) >= SCAN_TEXT_MAX:
        return False
    width, height = page.get_size()
    area = max(width * height, 1.0)
    covered = 0.0
    paths = 0
    for obj in page.get_objects(max_depth=4):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            left, bottom, right, top = obj.get_bounds()
            covered += max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
            if covered >= SCAN_IMAGE_SHARE * area:
                return True
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths += 1
            if paths >= SCAN_PATHS_MIN:
                return True
    return False


def read_scanned(page: pdfium.PdfPage) -> ScannedPage:
    """The page's text by OCR, line by line; no lines and no engine when none is installed."""
    reader = engine()
    if reader is None:
        return ScannedPage([], None)
    return ScannedPage(reader.read(page), ENGINE_NAME)


class Engine:
    """RapidOCR on onnxruntime, loaded once per process (loading the models takes a second or two)."""

    def __init__(self, rapid: Any) -> None:
        self.rapid = rapid

    def read(self, page: pdfium.PdfPage) -> list[str]:
        width, height = page.get_size()
        bitmap = page.render(scale=LONG_SIDE_PIXELS / max(width, height, 1.0), grayscale=True)
        try:
            image = bitmap.to_pil().convert("RGB")
        finally:
            bitmap.close()
        result = self.rapid(image)
        if not result.txts:
            return []
        boxes = [_Box.of(points, text) for points, text in zip(result.boxes, result.txts, strict=True)]
        return [_page_number(line) for line in _lines(boxes)]


@cache
def engine() -> Engine | None:
    """The OCR engine, or None when its package (or a model file inside it) is not installed."""
    try:
        import rapidocr
        from rapidocr import RapidOCR
    except ImportError:
        return None
    models = Path(rapidocr.__file__).parent / "models"
    params: dict[str, Any] = {key: str(models / name) for key, name in _MODELS.items()}
    if not all(Path(path).is_file() for path in params.values()):
        return None  # a path the package would download to: never fetched here
    params["Global.log_level"] = "error"
    return Engine(RapidOCR(params=params))


# --- boxes into lines -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Box:
    text: str
    left: float
    right: float
    top: float
    bottom: float  # image coordinates: y grows downwards

    @classmethod
    def of(cls, points: Any, text: str) -> _Box:
        xs = [float(point[0]) for point in points]
        ys = [float(point[1]) for point in points]
        return cls(text, min(xs), max(xs), min(ys), max(ys))

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _lines(boxes: list[_Box]) -> list[str]:
    """Boxes grouped into printed lines, top to bottom, each line's boxes left to right.

    A box joins the line above when its middle lies within that line's height: the engine finds a line's
    text as one box or several (the cells of a table row, or a line broken at a wide space)."""
    rows: list[list[_Box]] = []
    for box in sorted(boxes, key=lambda b: (b.middle, b.left)):
        if rows:
            row = rows[-1]
            top = min(b.top for b in row)
            bottom = max(b.bottom for b in row)
            if top <= box.middle <= bottom:
                row.append(box)
                continue
        rows.append([box])
    lines = []
    for row in rows:
        row.sort(key=lambda b: b.left)
        height = statistics.median(b.height for b in row)
        parts = [row[0].text]
        for before, after in itertools.pairwise(row):
            parts.append(" " if after.left - before.right > _WIDE_GAP * height else "")
            parts.append(after.text)
        lines.append("".join(parts))
    return lines


def _page_number(line: str) -> str:
    """A page number as printed ("— 3 —"), where the engine read its dashes as 一 or hyphens."""
    found = _PAGE_NUMBER.match(line.strip())
    return f"— {found[1]} —" if found else line

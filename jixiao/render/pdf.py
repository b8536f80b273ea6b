"""The report as PDF: the HTML page (render/html.py) laid out by WeasyPrint with its print stylesheet.

Chosen by measurement (docs/documents.md): on our example and the seed, WeasyPrint writes the PDF in
0.4–0.8 s in a running process, against 1.2–1.6 s for a fresh headless LibreOffice converting the docx
(and about 1.2 s when the conversion is handed to an soffice kept running). What made WeasyPrint slow
before was font subsetting: without HarfBuzz's subsetter it falls back to fontTools, which takes ~12 s
to cut the Noto CJK collection down to the glyphs used. The install prepares the fonts' path instead:
scripts/setup-system.sh installs Debian's `libharfbuzz-subset0` beside `fonts-noto-cjk`, and with it the
same subsetting takes a fraction of a second, with the full CJK collection and no font files of our own.

The PDF embeds subsets of Noto Serif CJK SC (仿宋/宋体/楷体/小标宋 stand-ins) and Noto Sans CJK SC (黑体),
so its text extracts as Chinese; pages are A4 (the 自评表 appendix landscape), numbered "— 1 —" at the
outer bottom from the first page after the cover; table headers repeat on every page a table spans.
WeasyPrint is imported on first use, so the other commands do not pay for it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jixiao.render.document import Document
from jixiao.render.html import render_html
from jixiao.scoring.scorecard import Scorecard

_LOG = logging.getLogger(__name__)


def _weasyprint() -> Any:
    """The weasyprint module, with its chatter about unsupported CSS kept out of the command's output."""
    import weasyprint  # imported here: loading Pango and the fonts costs ~0.7 s, only PDFs need it

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint


def fast_subsetting() -> bool:
    """Whether WeasyPrint subsets fonts with HarfBuzz (fast) rather than fontTools (~12 s with Noto CJK)."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return bool(harfbuzz_subset) and bool(harfbuzz.hb_version_atleast(4, 1, 0))


def pdf_bytes(doc: Document, card: Scorecard | None = None) -> bytes:
    """The document as PDF bytes (the 自评表 appendix from `doc.appendix`, or from `card` when given)."""
    weasyprint = _weasyprint()
    html = render_html(doc, card)
    result: bytes = weasyprint.HTML(string=html, base_url=None).write_pdf(
        pdf_identifier=b"jixiao", custom_metadata=False
    )
    return result


def render_pdf(doc: Document, card: Scorecard | None, path: Path | str) -> Path:
    """Write the document as PDF to `path`; returns the path."""
    path = Path(path)
    path.write_bytes(pdf_bytes(doc, card))
    return path

"""Scanned pages: which pages of a PDF had no text layer, and whether OCR read them or nobody did.

The importer lists them in `outline.ocr_pages` (read by OCR) and `outline.unread_pages` (no OCR engine
installed); each value read from a scanned page names the engine in `sources[path].ocr`. One finding per file
says so: a figure read by OCR is to be compared with the original before anything is corrected, and a page
nobody read holds figures nothing was checked against.
"""

from __future__ import annotations

from jixiao.checks.registry import Look, rule
from jixiao.core.findings import CheckResult
from jixiao.core.model import Evaluation
from jixiao.io.ocr import INSTALL_HINT


def page_list(pages: list[int]) -> str:
    """Pages as a reader writes them: "1–3、5"."""
    runs: list[list[int]] = []
    for page in sorted(set(pages)):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return "、".join(f"{run[0]}–{run[-1]}" if len(run) > 2 else "、".join(map(str, run)) for run in runs)


def ocr_note(ev: Evaluation) -> str | None:
    """The sentence saying which pages OCR read and how many values came from them; None when none did."""
    pages = ev.outline.ocr_pages
    if not pages:
        return None
    read = [source for source in ev.sources.values() if source.ocr]
    engine = f"（{read[0].ocr}）" if read else ""
    return (
        f"第{page_list(pages)}页没有文字层（扫描件），文字由 OCR{engine}识别；"
        f"从中读到 {len(read)} 个数值，出处均注明“OCR”，请与原件核对。"
    )


def unread_note(ev: Evaluation) -> str | None:
    """The sentence saying which scanned pages were left unread for want of an OCR engine; None when none were."""
    pages = ev.outline.unread_pages
    if not pages:
        return None
    return (
        f"第{page_list(pages)}页没有文字层（扫描件），本机未安装文字识别（OCR）引擎，这些页未读取，"
        f"其中的数字没有导入和核对。请安装 OCR 引擎（{INSTALL_HINT}）后重新导入，或提供文字版 PDF。"
    )


@rule("pages-read-by-ocr", "structure", "info", "扫描页的文字由 OCR 识别")
def check_pages_read_by_ocr(ev: Evaluation, look: Look) -> CheckResult:
    """PDF 中没有文字层的页（扫描件）由文字识别（OCR）读取。识别可能认错字，数字也不例外：从这些页读到的
    每个数值在出处（`sources`）中注明所用的 OCR 引擎，涉及它们的发现也注明“OCR 识别”，改正之前请先与原件核对。

    每份文件提示一次，列出识别的页码和从中读到的数值个数。"""
    note = ocr_note(ev)
    if note is not None:
        pages = ev.outline.ocr_pages
        values = sum(1 for source in ev.sources.values() if source.ocr)
        look.info(note, evidence={"pages": page_list(pages), "values": values}, page=pages[0])
    return look.result()


@rule("pages-not-read", "structure", "warning", "扫描页未读取：未安装 OCR 引擎")
def check_pages_not_read(ev: Evaluation, look: Look) -> CheckResult:
    """PDF 中没有文字层的页（扫描件）需要文字识别（OCR）才能读取。本机未安装 OCR 引擎时，这些页被跳过，
    其余的文字页照常导入；跳过的页上的数字没有导入，也没有核对。

    每份文件提示一次，列出未读取的页码和安装方法。"""
    note = unread_note(ev)
    if note is not None:
        pages = ev.outline.unread_pages
        look.fail(note, evidence={"pages": page_list(pages), "install": INSTALL_HINT}, page=pages[0])
    return look.result()

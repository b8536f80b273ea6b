"""Read a Word .docx report into a `SourceDocument`, one line per paragraph and one per table row.

The body is walked in document order, paragraphs and tables interleaved as they appear, so that a line
number always points at the same paragraph or row of the file. A table row becomes one line: its cell
texts joined by " | " (a horizontally merged cell once, a multi-paragraph cell joined by spaces, a nested
table flattened into its cell). Headers and footers are not part of the report text.

Anything that is not a readable .docx (an old .doc, an encrypted file, a zip of something else, a truncated
or corrupt file) gives one `InputError` with a Chinese message, never a traceback.
"""

import io
import zipfile
from collections.abc import Iterator

from lxml import etree

from jixiao.core.errors import InputError
from jixiao.io.document import Line, SourceDocument

CELL_SEPARATOR = " | "

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Word keeps an encrypted .docx inside an OLE compound file whose payload stream has this name.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_MAIN_PART = "word/document.xml"
_MAIN_CONTENT_TYPE = b"wordprocessingml.document.main"
# The main part of a real report is a few MB at most; refuse zip bombs before parsing.
_MAX_MAIN_PART_BYTES = 256 * 1024 * 1024

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_P, _TBL, _TR, _TC = _w("p"), _w("tbl"), _w("tr"), _w("tc")
_T, _TAB, _PTAB, _BR, _CR = _w("t"), _w("tab"), _w("ptab"), _w("br"), _w("cr")
_NO_BREAK_HYPHEN, _SDT_CONTENT = _w("noBreakHyphen"), _w("sdtContent")
# Wrappers whose children are ordinary body, row or cell content.
_TRANSPARENT = frozenset({_w("sdt"), _SDT_CONTENT, _w("customXml"), _w("smartTag")})
# Text under these is not part of the visible paragraph: deleted revisions, and drawings and text boxes,
# whose content Word stores twice (DrawingML and a VML fallback) and which float outside the text flow.
_HIDDEN = frozenset(
    {
        _w("del"),
        _w("moveFrom"),
        _w("drawing"),
        _w("pict"),
        _w("object"),
        _w("footnoteReference"),
        _w("endnoteReference"),
        f"{{{_MC}}}AlternateContent",
    }
)


def read_docx(name: str, data: bytes) -> SourceDocument:
    """Read a .docx file's body text; `InputError` for anything that is not a readable .docx."""
    _refuse_non_docx(name, data)
    body = _load_body(name, data)
    try:
        texts = list(_body_lines(body))
    except Exception as exc:  # malformed but parseable XML must still not leak a traceback
        raise InputError(
            name, "Word 文档内容结构异常，无法读取正文，请在 Word 中重新另存为 .docx 后再导入。"
        ) from exc
    return SourceDocument(name, "docx", [Line(no, text) for no, text in enumerate(texts, start=1)])


def _refuse_non_docx(name: str, data: bytes) -> None:
    """Recognise the usual wrong files by their first bytes, to say what they are instead of 'corrupt'."""
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise InputError(
                name, "Word 文档已加密（设置了打开密码），请在 Word 中取消密码后另存为 .docx 再导入。"
            )
        raise InputError(
            name, "这是旧版 Word（.doc）格式的文件，不是 .docx，请在 Word 或 WPS 中另存为 .docx 后再导入。"
        )
    if data.startswith(b"%PDF-"):
        raise InputError(
            name, "不是有效的 Word 文档（.docx）：文件内容是 PDF，请把扩展名改为 .pdf 后再导入。"
        )
    if data.lstrip().startswith(b"{\\rtf"):
        raise InputError(
            name, "不是有效的 Word 文档（.docx）：文件是 RTF 格式，请在 Word 中另存为 .docx 后再导入。"
        )
    if not data.startswith(b"PK"):
        raise InputError(name, "不是有效的 Word 文档（.docx）：文件不是 Word 使用的压缩包格式。")


def _load_body(name: str, data: bytes) -> etree._Element:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if _MAIN_PART in names:
                if archive.getinfo(_MAIN_PART).file_size > _MAX_MAIN_PART_BYTES:
                    raise InputError(name, "Word 文档正文过大，不像一份自评报告。")
            else:
                _refuse_missing_main_part(name, archive, names)
    except zipfile.BadZipFile as exc:
        raise InputError(name, "不是有效的 Word 文档（.docx）：文件不完整或已损坏，无法打开。") from exc
    except InputError:
        raise
    except Exception as exc:
        raise InputError(name, "不是有效的 Word 文档（.docx）：文件已损坏，无法打开。") from exc

    # python-docx is imported here so that reading a txt or pdf report does not pay for it.
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:  # python-docx, zipfile and lxml raise many unrelated types for bad files
        raise InputError(
            name, "Word 文档已损坏或内容无法解析，请在 Word 中重新另存为 .docx 后再导入。"
        ) from exc
    if body is None:
        # e.g. "Strict Open XML", whose elements are in other namespaces than python-docx reads
        raise InputError(
            name, "Word 文档中找不到正文，请在 Word 中另存为普通的 .docx（Word 文档）格式后再导入。"
        )
    return body


def _refuse_missing_main_part(name: str, archive: zipfile.ZipFile, names: set[str]) -> None:
    if any(n.startswith("xl/") for n in names):
        raise InputError(
            name, "不是有效的 Word 文档（.docx）：这是 Excel 表格文件，请提供 Word 或 PDF 格式的报告。"
        )
    if any(n.startswith("ppt/") for n in names):
        raise InputError(
            name, "不是有效的 Word 文档（.docx）：这是 PowerPoint 演示文稿，请提供 Word 或 PDF 格式的报告。"
        )
    # A few generators name the main part differently; python-docx finds it through the package
    # relationships, so only refuse when the package declares no Word main part at all.
    if "[Content_Types].xml" in names and _MAIN_CONTENT_TYPE in archive.read("[Content_Types].xml"):
        return
    raise InputError(name, "不是有效的 Word 文档（.docx）：压缩包中没有 Word 正文（word/document.xml）。")


def _body_lines(body: etree._Element) -> Iterator[str]:
    for child in body:
        if child.tag == _P:
            yield _paragraph_text(child)
        elif child.tag == _TBL:
            yield from _table_rows(child)
        elif child.tag in _TRANSPARENT:
            yield from _body_lines(child)


def _table_rows(table: etree._Element) -> Iterator[str]:
    for row in _children(table, _TR):
        yield CELL_SEPARATOR.join(_cell_text(cell) for cell in _row_cells(row))


def _row_cells(row: etree._Element) -> Iterator[etree._Element]:
    for cell in _children(row, _TC):
        # Legacy horizontal merges repeat the cell with hMerge="continue"; today's use one cell with
        # gridSpan. Either way a merged cell is emitted once.
        merge = cell.find(f"{_w('tcPr')}/{_w('hMerge')}")
        if merge is not None and merge.get(_w("val")) == "continue":
            continue
        yield cell


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Direct children with `tag`, looking through content controls and custom XML wrappers."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _children(child, tag)


def _cell_text(cell: etree._Element) -> str:
    parts = [part.strip() for part in _block_texts(cell)]
    return " ".join(part for part in parts if part)


def _block_texts(container: etree._Element) -> Iterator[str]:
    """Paragraph texts of a cell in order; a nested table's cells are flattened into the same sequence."""
    for child in container:
        if child.tag == _P:
            yield _paragraph_text(child)
        elif child.tag == _TBL:
            for row in _children(child, _TR):
                for cell in _row_cells(row):
                    yield _cell_text(cell)
        elif child.tag in _TRANSPARENT:
            yield from _block_texts(child)


def _paragraph_text(paragraph: etree._Element) -> str:
    return "".join(_run_texts(paragraph))


def _run_texts(element: etree._Element) -> Iterator[str]:
    for child in element:
        tag = child.tag
        if tag in _HIDDEN or not isinstance(tag, str):  # comments and processing instructions have no str tag
            continue
        if tag == _T:
            yield child.text or ""
        elif tag in (_TAB, _PTAB):
            yield "\t"
        elif tag in (_BR, _CR):
            # A soft line break stays inside its paragraph's line (one line per paragraph keeps line
            # numbers tied to paragraphs); a page or column break is layout, not text.
            if child.get(_w("type")) in (None, "textWrapping"):
                yield " "
        elif tag == _NO_BREAK_HYPHEN:
            yield "-"
        else:
            yield from _run_texts(child)

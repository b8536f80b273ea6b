"""Read a Word .docx report into a `SourceDocument`, one line per paragraph and one per table row.

The body is walked in document order, paragraphs and tables interleaved as they appear, so that a line
number always points at the same paragraph or row of the file. A table row becomes one line: its cell
texts joined by " | " (a horizontally merged cell once, a multi-paragraph cell joined by spaces, a nested
table flattened into its cell). Headers and footers are not part of the report text.

The XML streams in (lxml's iterparse), and each paragraph or row is dropped once read, so the memory a
document takes is its text, not its tree; before that, every member of the package is inflated once through
a counting stream, so a zip bomb is refused by what it truly inflates to (`limits.check_archive`).

Anything that is not a readable .docx (an old .doc, an encrypted file, a zip of something else, a truncated
or corrupt file) gives one `InputError` with a Chinese message, never a traceback.
"""

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Any

from lxml import etree

from jixiao.core.errors import InputError
from jixiao.io.document import Line, SourceDocument
from jixiao.io.limits import TextCounter, check_archive

CELL_SEPARATOR = " | "

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Word keeps an encrypted .docx inside an OLE compound file whose payload stream has this name.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_MAIN_PART = "word/document.xml"
_MAIN_CONTENT_TYPE = b"wordprocessingml.document.main"
_RELATIONSHIPS = "_rels/.rels"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOCUMENT = "/officeDocument"
# A paragraph of a real report has at most some thousands of elements (runs, their properties and texts);
# a row, its cells' as well. The elements of one are held in memory until it ends.
_MAX_UNIT_ELEMENTS = 200_000
# No entities, no DTD, no network: the XML of a docx needs none of them, and they are how XML is attacked.
_SAFE_XML: dict[str, Any] = {"resolve_entities": False, "load_dtd": False, "no_network": True, "huge_tree": False}

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_DOCUMENT, _BODY = _w("document"), _w("body")
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
    counter = TextCounter(name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            part = _main_part(name, archive)
            with archive.open(part) as stream:
                texts = [counter.add(text) for text in _stream_lines(name, stream)]
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise InputError(name, "不是有效的 Word 文档（.docx）：文件不完整或已损坏，无法打开。") from exc
    except etree.XMLSyntaxError as exc:
        raise InputError(
            name, "Word 文档已损坏或内容无法解析，请在 Word 中重新另存为 .docx 后再导入。"
        ) from exc
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


def _main_part(name: str, archive: zipfile.ZipFile) -> str:
    """The member holding the document body, after every member has been inflated once through a counting
    stream (a zip bomb anywhere in the package is refused before anything is parsed)."""
    check_archive(name, archive, "Word 文档")
    names = set(archive.namelist())
    if _MAIN_PART not in names:
        _refuse_missing_main_part(name, archive, names)
    # A few generators name the main part differently; the package relationships say which part it is.
    if _RELATIONSHIPS in names:
        with archive.open(_RELATIONSHIPS) as stream:
            for _, relationship in etree.iterparse(stream, tag=_RELATIONSHIP, **_SAFE_XML):
                target = (relationship.get("Target") or "").lstrip("/")
                if (relationship.get("Type") or "").endswith(_OFFICE_DOCUMENT) and target in names:
                    return target
                relationship.clear()
    if _MAIN_PART in names:
        return _MAIN_PART
    raise InputError(name, "不是有效的 Word 文档（.docx）：压缩包中没有 Word 正文（word/document.xml）。")


def _refuse_missing_main_part(name: str, archive: zipfile.ZipFile, names: set[str]) -> None:
    if any(n.startswith("xl/") for n in names):
        raise InputError(
            name, "不是有效的 Word 文档（.docx）：这是 Excel 表格文件，请提供 Word 或 PDF 格式的报告。"
        )
    if any(n.startswith("ppt/") for n in names):
        raise InputError(
            name, "不是有效的 Word 文档（.docx）：这是 PowerPoint 演示文稿，请提供 Word 或 PDF 格式的报告。"
        )
    # A few generators name the main part differently; the package relationships name it (`_main_part`), so
    # only refuse when the package declares no Word main part at all.
    if "[Content_Types].xml" in names and _MAIN_CONTENT_TYPE in archive.read("[Content_Types].xml"):
        return
    raise InputError(name, "不是有效的 Word 文档（.docx）：压缩包中没有 Word 正文（word/document.xml）。")


def _stream_lines(name: str, stream: IO[bytes]) -> Iterator[str]:
    """The body's lines as its XML streams in: each body paragraph, and each row of a body table, is read
    when its element ends and then dropped, so memory holds one of them at a time, never the whole tree."""
    states: list[str] = []  # for each open element, what it is (`_state`)
    body = False
    inside = 0  # elements open inside the current paragraph or row
    for event, element in etree.iterparse(stream, events=("start", "end"), **_SAFE_XML):
        if event == "start":
            state = _state(states[-1] if states else None, element.tag)
            states.append(state)
            body = body or state == _BODY_STATE
            if state == _INSIDE:
                inside += 1
                if inside > _MAX_UNIT_ELEMENTS:
                    raise InputError(name, "Word 文档中有一个段落或表格行结构异常庞大，不像一份自评报告，不予导入。")
            continue
        state = states.pop()
        if state == _UNIT:
            inside = 0
            if element.tag == _P:
                yield _paragraph_text(element)
            else:
                yield CELL_SEPARATOR.join(_cell_text(cell) for cell in _row_cells(element))
        if state != _INSIDE:  # read, or holding nothing to read: free it and what came before it
            element.clear()
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]
    if not body:
        # e.g. "Strict Open XML", whose elements are in other namespaces than the ones read here
        raise InputError(
            name, "Word 文档中找不到正文，请在 Word 中另存为普通的 .docx（Word 文档）格式后再导入。"
        )


# What an element of document.xml is, decided when it starts from its parent's state and its own tag:
_ROOT, _OUTSIDE, _BODY_STATE, _TABLE, _UNIT, _INSIDE, _OTHER = "root", "outside", "body", "table", "unit", "inside", "other"


def _state(parent: str | None, tag: Any) -> str:
    """`root` the document element; `body` the body, or a wrapper in it (`_TRANSPARENT`); `table` a body
    table or a wrapper in it; `unit` a body paragraph or a body table's row, the pieces read as lines;
    `inside` anything within a unit; `other` anything else in the body (section properties …), and `outside`
    anything outside the body, neither of them read."""
    if parent is None:
        return _ROOT if tag == _DOCUMENT else _OUTSIDE
    if parent == _ROOT:
        return _BODY_STATE if tag == _BODY else _OUTSIDE
    if parent == _BODY_STATE:
        return _UNIT if tag == _P else _TABLE if tag == _TBL else _BODY_STATE if tag in _TRANSPARENT else _OTHER
    if parent == _TABLE:
        return _UNIT if tag == _TR else _TABLE if tag in _TRANSPARENT else _OTHER
    if parent in (_UNIT, _INSIDE):
        return _INSIDE
    return parent  # within `other` or `outside`


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

"""Read a report file into a `SourceDocument`: decode text files, dispatch docx, pdf and xlsx to their readers.

Bad input gives one `InputError` with a Chinese message: an empty file, a file over the size limit or a text
over the length limit (`limits`), binary junk, a docx or pdf that is not one. Nothing is written before a
file has been read whole.
"""

import re
from pathlib import Path, PurePath

from jixiao.core.errors import InputError
from jixiao.io.document import Line, SourceDocument
from jixiao.io.limits import max_bytes, refuse_large_file, refuse_long_text

_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF-"
_ENCODINGS = ("utf-8", "gb18030")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # gb18030 is a superset of GBK and GB2312


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes; `InputError` when it is missing, empty or over `limit` (the size limit by default)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(str(path), "文件不存在。") from None
    except OSError as exc:
        raise InputError(str(path), f"无法读取文件：{exc.strerror}。") from None
    if path.is_dir():
        raise InputError(str(path), "这是一个目录，不是报告文件。")
    refuse_size(str(path), size, limit)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"无法读取文件：{exc.strerror}。") from None


def refuse_size(name: str, size: int, limit: int | None = None) -> None:
    """`InputError` for a file of `size` bytes that is empty or over `limit` (the size limit by default), checked
    before reading."""
    if size == 0:
        raise InputError(name, "文件为空，没有可导入的内容。")
    refuse_large_file(name, size, max_bytes() if limit is None else limit)


def decode_text(path: str, data: bytes) -> str:
    """Decode a text report: UTF-8 (with or without BOM), else GB18030; refuse binary junk."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _refuse_binary(path, data.decode("utf-16"))
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is not None:
            try:
                return _refuse_binary(path, data.decode(encoding))
            except UnicodeDecodeError:
                pass
        raise InputError(path, "文件含有二进制内容，不是文本报告（如为 Word 或 PDF，请使用 .docx 或 .pdf 扩展名）。")
    for encoding in _ENCODINGS:
        try:
            return _refuse_binary(path, data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise InputError(path, "无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK 文本。")


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the bytes look like UTF-16 text written without a byte order mark.

    In UTF-16 every ASCII character (digits, spaces, line breaks: a Chinese report has many) has a zero
    byte, on the second byte of its pair in little-endian and on the first in big-endian, while only one CJK
    character in 256 has one, on the other side. So the zero bytes of such a text fall mostly on one side
    of the pairs; in binary data they fall on both (and what decodes of it is refused for its control
    characters)."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd >= 4 * even:
        return "utf-16-le"
    if even >= 4 * odd:
        return "utf-16-be"
    return None


def _refuse_binary(path: str, text: str) -> str:
    control = _CONTROL.subn("", text)[1]  # a count, not a list of the characters found: a file may be all of them
    if control > max(8, len(text) // 100):
        raise InputError(path, "文件含有大量控制字符，不是文本报告。")
    if not text.strip():
        raise InputError(path, "文件只有空白，没有可导入的内容。")
    return text


def _is_xlsx(data: bytes) -> bool:
    from jixiao.io.xlsx_reader import is_xlsx

    return is_xlsx(data)


def read_document(path: Path) -> SourceDocument:
    """Read any supported report file; the kind comes from the content, the suffix only confirms it."""
    return document_from_bytes(str(path), read_bytes(path))


def document_from_bytes(name: str, data: bytes) -> SourceDocument:
    """A report file already read (from disk, or from a zip by `jixiao batch`); `name` gives its suffix."""
    suffix = PurePath(name).suffix.lower()
    if suffix in {".xlsx", ".xlsm"} or (suffix != ".docx" and data.startswith(_ZIP_MAGIC) and _is_xlsx(data)):
        from jixiao.io.xlsx_reader import read_xlsx

        return _within_limits(read_xlsx(name, data))
    if suffix == ".docx" or (data.startswith(_ZIP_MAGIC) and suffix not in {".pdf", ".txt"}):
        from jixiao.io.docx_reader import read_docx

        return read_docx(name, data)
    if suffix == ".pdf" or data.startswith(_PDF_MAGIC):
        from jixiao.io.pdf_reader import read_pdf

        return _within_limits(read_pdf(name, data))
    if suffix in {".doc", ".xls", ".wps"}:
        raise InputError(name, f"不支持旧版 {suffix} 格式，请另存为 .docx 或 .pdf 后再导入。")
    text = decode_text(name, data)
    refuse_long_text(name, 0, len(text))  # before its lines are made: they cost more than its characters
    texts = text.splitlines()
    refuse_long_text(name, len(texts), 0)
    return SourceDocument(name, "txt", [Line(no, line) for no, line in enumerate(texts, start=1)])


def _within_limits(doc: SourceDocument) -> SourceDocument:
    """The document as read, or `InputError` when its text is longer than any report (`limits`)."""
    refuse_long_text(doc.path, len(doc.lines), sum(len(line.text) for line in doc.lines))
    return doc

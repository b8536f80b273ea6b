"""Read a report file into a `SourceDocument`: decode text files, dispatch docx, pdf and xlsx to their readers.

Bad input gives one `InputError` with a Chinese message: an empty file, a file too large to be a report,
binary junk, a docx or pdf that is not one. Nothing is written before a file has been read whole.
"""

import re
from pathlib import Path, PurePath

from jixiao.core.errors import InputError
from jixiao.io.document import SourceDocument

MAX_BYTES = 30 * 1024 * 1024  # a published report, even a PDF with its tables, is far below this

_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF-"
_ENCODINGS = ("utf-8", "gb18030")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # gb18030 is a superset of GBK and GB2312


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(str(path), "文件不存在。") from None
    except OSError as exc:
        raise InputError(str(path), f"无法读取文件：{exc.strerror}。") from None
    if path.is_dir():
        raise InputError(str(path), "这是一个目录，不是报告文件。")
    refuse_size(str(path), size)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"无法读取文件：{exc.strerror}。") from None


def refuse_size(name: str, size: int) -> None:
    """`InputError` for a file of `size` bytes that is empty or too large to be a report (checked before reading)."""
    if size == 0:
        raise InputError(name, "文件为空，没有可导入的内容。")
    if size > MAX_BYTES:
        raise InputError(
            name, f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {MAX_BYTES // 1024 // 1024} MB），不像一份自评报告。"
        )


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
        raise InputError(path, "文件含有二进制内容，不是文本报告（如为 Word 或 PDF，请使用 .docx 或 .pdf 扩展名）。")
    for encoding in _ENCODINGS:
        try:
            return _refuse_binary(path, data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise InputError(path, "无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK 文本。")


def _refuse_binary(path: str, text: str) -> str:
    control = len(_CONTROL.findall(text))
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

        return read_xlsx(name, data)
    if suffix == ".docx" or (data.startswith(_ZIP_MAGIC) and suffix not in {".pdf", ".txt"}):
        from jixiao.io.docx_reader import read_docx

        return read_docx(name, data)
    if suffix == ".pdf" or data.startswith(_PDF_MAGIC):
        from jixiao.io.pdf_reader import read_pdf

        return read_pdf(name, data)
    if suffix in {".doc", ".xls", ".wps"}:
        raise InputError(name, f"不支持旧版 {suffix} 格式，请另存为 .docx 或 .pdf 后再导入。")
    return SourceDocument.from_text(name, "txt", decode_text(name, data))

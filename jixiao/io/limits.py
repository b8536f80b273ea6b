"""How large an input may be, and the one clear refusal when it is larger.

Reading costs time and memory in proportion to the input, so a bound on the input bounds both: no file
within these limits takes more than a few hundred MB to import and check (`bench/bench_growth.py`). The
limits are far above any real report (the seed has some 3,400 characters; a long report runs to a few
dozen pages, its tables and appendices included), so only broken or hostile files meet them; they are
refused with a Chinese message saying which limit, never cut short in silence.

* the file: `JIXIAO_MAX_MB` megabytes (default 50), before it is read;
* a PDF, `MAX_PAGES` pages, before any is read;
* the text a report holds: `MAX_LINES` lines (paragraphs and table rows) and `MAX_CHARS` characters, as
  they are extracted, whatever the format, and `MAX_HEADINGS` headings as its outline is found (each holds
  a section, and most checks look at sections: a text of nothing but headings is the costliest there is);
* a docx or xlsx, which is a zip: at most `MAX_MEMBERS` members, each of which may inflate to
  `MAX_MEMBER_BYTES` and all of them together to `MAX_UNPACKED_BYTES` (an xlsx, whose cells openpyxl holds
  as objects, less), counted as they stream, not as the archive declares (a zip bomb lies);
* a canonical YAML file, read by a pure-Python parser at some tens of KB a second, `MAX_YAML_BYTES`;
  a canonical JSON file, `MAX_JSON_BYTES`.
"""

from __future__ import annotations

import math
import os
import zipfile

from jixiao.core.errors import InputError

DEFAULT_MAX_MB = 50
MAX_MB_VARIABLE = "JIXIAO_MAX_MB"

MAX_LINES = 100_000
MAX_PAGES = 2_000  # a PDF: the longest report has some hundreds
MAX_HEADINGS = 5_000  # a report has tens of headings, hundreds with its numbered items
MAX_CHARS = 500_000  # some 800 pages set as GB/T 9704 sets a 公文 (28 characters × 22 lines)
MAX_MEMBERS = 10_000  # a docx has tens of parts, an xlsx hundreds at most
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
# openpyxl holds every cell of a workbook as an object of some hundreds of bytes: a 自评表's sheets are some
# hundred KB, and these keep the largest workbook opened well within the memory aim
MAX_XLSX_MEMBER_BYTES = 8 * 1024 * 1024
MAX_XLSX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_YAML_BYTES = 4 * 1024 * 1024
MAX_JSON_BYTES = 10 * 1024 * 1024

_CHUNK = 1024 * 1024
_MB = 1024 * 1024


def max_bytes() -> int:
    """The size limit of an input file: `JIXIAO_MAX_MB` megabytes if set to a positive number, else 50 MB.
    Read at each call, so a test or a long-running process sees the setting of the moment."""
    setting = os.environ.get(MAX_MB_VARIABLE, "").strip()
    try:
        limit = float(setting) if setting else DEFAULT_MAX_MB
    except ValueError:
        limit = DEFAULT_MAX_MB
    if not (limit > 0 and math.isfinite(limit)):  # not a positive number: the default
        limit = DEFAULT_MAX_MB
    return int(limit * _MB)


def megabytes(size: int) -> str:
    return f"{size / _MB:.1f}".removesuffix(".0") + " MB"


def refuse_large_file(path: str, size: int, limit: int, what: str = "文件", hint: str | None = None) -> None:
    """`InputError` when `size` is over `limit`; the message names both and what can be done."""
    if size > limit:
        hint = f"可用环境变量 {MAX_MB_VARIABLE} 调整上限" if hint is None else hint
        raise InputError(path, f"{what}过大（{megabytes(size)}，上限 {megabytes(limit)}），不像一份自评报告；{hint}。")


def refuse_long_text(path: str, lines: int, chars: int) -> None:
    """A report's text is refused past `MAX_LINES` lines or `MAX_CHARS` characters."""
    if lines > MAX_LINES:
        raise InputError(
            path, f"文件的文字超过 {MAX_LINES:,} 行（段落或表格行），远超一份自评报告的篇幅，不予导入。"
        )
    if chars > MAX_CHARS:
        raise InputError(
            path, f"文件的文字超过 {MAX_CHARS:,} 个字符，远超一份自评报告的篇幅，不予导入。"
        )


def refuse_many_pages(path: str, pages: int) -> None:
    if pages > MAX_PAGES:
        raise InputError(path, f"PDF 共 {pages:,} 页，超过 {MAX_PAGES:,} 页，远超一份自评报告的篇幅，不予导入。")


def refuse_many_headings(path: str, headings: int) -> None:
    if headings > MAX_HEADINGS:
        raise InputError(
            path, f"文件中的章节标题超过 {MAX_HEADINGS:,} 个，远超一份自评报告的篇幅，不予导入。"
        )


class TextCounter:
    """Counts the lines and characters a reader extracts, and refuses as soon as either is over its limit."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.lines = 0
        self.chars = 0

    def add(self, text: str) -> str:
        self.lines += 1
        self.chars += len(text)
        if self.lines > MAX_LINES or self.chars > MAX_CHARS:
            refuse_long_text(self.path, self.lines, self.chars)
        return text


def check_archive(
    path: str,
    archive: zipfile.ZipFile,
    what: str,
    member_limit: int = MAX_MEMBER_BYTES,
    total_limit: int = MAX_UNPACKED_BYTES,
) -> None:
    """Inflate every member of a zip through a counting stream, keeping nothing: `InputError` when there are
    more than `MAX_MEMBERS`, or as soon as one member, or all together, inflate past their limit. Damaged
    data, or data that does not match the size and checksum its header declares, raises what `zipfile`
    raises (`BadZipFile`, `zlib.error`, `EOFError`)."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise InputError(path, f"{what}的压缩包中有 {len(members):,} 个部件，远超正常文件，{_BOMB}")
    total = 0
    for info in members:
        size = 0
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                size += len(chunk)
                total += len(chunk)
                if size > member_limit:
                    raise InputError(path, f"{what}中的“{info.filename}”解压后超过 {megabytes(member_limit)}，{_BOMB}")
                if total > total_limit:
                    raise InputError(path, f"{what}解压后合计超过 {megabytes(total_limit)}，{_BOMB}")


_BOMB = "可能是恶意构造的压缩包（zip 炸弹），不予导入。"

"""What `jixiao batch` reads: the files named on the command line, the reports under a folder and those
inside a zip, each a `Source` whose bytes are read only when its turn comes.

A folder is walked in name order; hidden files, Office lock files (`~$…`), files of other kinds and the
output folder are left out. A file named on the command line is always taken: the importer decides what
it is. Old `.doc`/`.xls`/`.wps` files are taken too, so that their row says why they cannot be read.

A zip is read member by member in memory, never unpacked to disk. It is refused whole when it is damaged
or lists too many members or bytes; a member is refused, as a row with its reason, when its path would
leave the archive (`../`, an absolute path, a drive letter), it is a link, it is encrypted, it is a zip
itself, or it unpacks to more than a report can be or far more than it was packed as (a zip bomb). The
size check is made again while reading, since a zip's header may lie. Member names written by Chinese
Windows (GBK, without the zip's UTF-8 flag) are decoded as such. Every refusal is an `InputError` with a
Chinese message, as the importer's own are.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import TracebackType

from jixiao.core.errors import InputError
from jixiao.io.limits import max_bytes, megabytes
from jixiao.io.readers import read_bytes, refuse_size

REPORT_SUFFIXES = frozenset({".txt", ".docx", ".pdf", ".xlsx", ".xlsm", ".yaml", ".yml", ".json"})
LEGACY_SUFFIXES = frozenset({".doc", ".xls", ".wps"})  # taken so that their row gives the reason
ZIP_SUFFIX = ".zip"
TAKEN_SUFFIXES = REPORT_SUFFIXES | LEGACY_SUFFIXES | {ZIP_SUFFIX}

MAX_MEMBERS = 10_000  # a province's reports in one archive are a few thousand at most
MAX_UNPACKED = 4 * 1024**3  # bytes, all members together
MAX_RATIO = 200  # unpacked ÷ packed: text packs 5 to 10 times, a zip bomb a thousand times or more
RATIO_FLOOR = 1024 * 1024  # a member smaller than this unpacks harmlessly, whatever its ratio
_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1


@dataclass(frozen=True)
class Source:
    """One report to process. `name` is how every output names it: the path as given, or `a.zip/成员路径`."""

    name: str
    path: Path
    member: str | None = None  # the member's name as stored in the zip at `path`
    refusal: str | None = None  # why it cannot be read, known before reading it

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix.lower()


@dataclass
class Collected:
    sources: list[Source]
    skipped: int  # files under the folders that are not reports (images, hidden files …)


def collect(arguments: Iterable[Path], exclude: Path | None = None) -> Collected:
    """The sources named by `arguments` (files, folders, zips), in order, each name once; nothing under `exclude`."""
    sources: list[Source] = []
    seen: set[str] = set()
    skipped = 0
    barrier = exclude.resolve() if exclude is not None else None
    for argument in arguments:
        if argument.is_dir():
            files, left_out = _walk(argument, barrier)
            skipped += left_out
        else:
            files = [argument]
        for path in files:
            found = _zip_members(path) if path.suffix.lower() == ZIP_SUFFIX else [Source(str(path), path)]
            for source in found:
                if source.name not in seen:
                    seen.add(source.name)
                    sources.append(source)
    return Collected(sources, skipped)


def _walk(folder: Path, barrier: Path | None) -> tuple[list[Path], int]:
    taken: list[Path] = []
    skipped = 0
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if barrier is not None and path.resolve().is_relative_to(barrier):
            continue
        if path.name.startswith("~$") or path.suffix.lower() not in TAKEN_SUFFIXES:
            skipped += 1
            continue
        taken.append(path)
    return taken, skipped


# ---------------------------------------------------------------------------------------------- zips


def _zip_members(path: Path) -> list[Source]:
    """The reports inside a zip, refused members included; the zip alone with its reason when it is refused whole."""
    name = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except FileNotFoundError:
        return [Source(name, path)]  # reading it says 文件不存在, as for any file
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return [Source(name, path, refusal="压缩包已损坏或不是 zip 文件，无法打开。")]
    if len(infos) > MAX_MEMBERS:
        return [Source(name, path, refusal=f"压缩包内文件过多（{len(infos)} 个，上限 {MAX_MEMBERS} 个），已拒绝处理。")]
    if sum(info.file_size for info in infos) > MAX_UNPACKED:
        limit = MAX_UNPACKED // 1024**3
        return [Source(name, path, refusal=f"压缩包解压后过大（上限 {limit} GB），疑似“压缩炸弹”，已拒绝处理。")]
    members = []
    for info in infos:
        shown = _member_name(info)
        parts = PurePosixPath(shown.replace("\\", "/")).parts
        hidden = [part for part in parts if part not in ("..", "/") and part.startswith((".", "~$", "__MACOSX"))]
        suffix = PurePosixPath(shown).suffix.lower()
        if info.is_dir() or hidden or suffix not in TAKEN_SUFFIXES:
            continue
        members.append(Source(f"{name}/{shown}", path, info.filename, _member_refusal(info, shown, suffix)))
    if not members:
        return [Source(name, path, refusal="压缩包内没有可处理的报告文件（txt、docx、pdf、xlsx、yaml、json）。")]
    return members


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it: zips made on Chinese Windows store GBK without saying so."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _member_refusal(info: zipfile.ZipInfo, shown: str, suffix: str) -> str | None:
    path = PurePosixPath(shown.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and path.parts[0].endswith(":")):
        return f"压缩包内的路径“{shown}”指向压缩包以外，已拒绝处理。"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "压缩包内的链接文件不处理。"
    if info.flag_bits & _ENCRYPTED_FLAG:
        return "压缩包内的文件已加密，无法读取：请解除密码后重新打包。"
    if suffix == ZIP_SUFFIX:
        return "压缩包内的压缩包不展开：请解压后再处理。"
    if info.file_size > max_bytes():
        return f"解压后过大（{megabytes(info.file_size)}，上限 {megabytes(max_bytes())}），不像一份自评报告。"
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return "压缩比异常（解压后是压缩前的数百倍以上），疑似“压缩炸弹”，已拒绝处理。"
    return None


# ---------------------------------------------------------------------------------------------- reading


class Reader:
    """Reads sources' bytes in the parent process, keeping each zip open while its members are read."""

    def __init__(self) -> None:
        self._archives: dict[Path, zipfile.ZipFile] = {}

    def __enter__(self) -> Reader:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        for archive in self._archives.values():
            archive.close()
        self._archives.clear()

    def read(self, source: Source) -> bytes:
        """The source's bytes; `InputError` with the reason when it cannot be read."""
        if source.refusal is not None:
            raise InputError(source.name, source.refusal)
        if source.member is None:
            return read_bytes(source.path)
        archive = self._archives.get(source.path)
        if archive is None:
            try:
                archive = self._archives[source.path] = zipfile.ZipFile(source.path)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError):
                raise InputError(source.name, "压缩包已损坏或在处理期间被改动，无法读取。") from None
        info = archive.getinfo(source.member)
        limit = max_bytes()
        refuse_size(source.name, info.file_size, limit)
        try:
            with archive.open(info) as member:
                data = member.read(limit + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, RuntimeError):
            raise InputError(source.name, "压缩包内的这个文件已损坏（校验失败），无法读取。") from None
        if len(data) > limit:  # the header understated the size: the member is read no further
            raise InputError(source.name, "解压后比压缩包所记的大得多，疑似“压缩炸弹”，已拒绝处理。")
        return data


"""Uploaded reports: refused early when hostile, then read by the importer (`jixiao.io.load.load_report`).

Before the importer sees a file, the web layer checks what only a server must: the size (read no more
than the limit), the type told from the content and not the name (an executable renamed .pdf), and for
docx/xlsx the zip's declared sizes (a zip bomb is refused before anything is unpacked). The importer's
own refusals (an encrypted PDF or docx, a scanned PDF, binary junk) come as its `InputError` with its
Chinese message. Nothing is stored: the bytes go to a temporary file that is removed after the import.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest

from jixiao.core.errors import InputError
from jixiao.core.model import Evaluation as CoreEvaluation
from jixiao.io.load import load_report

SUFFIXES = {".txt", ".docx", ".pdf", ".xlsx"}
MAX_ZIP_ENTRIES = 2000
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # a report's docx unpacks to a few MB; its 自评表 to far less
MAX_RATIO = 200  # compressed XML reaches 10–30×; a bomb reaches thousands
_EXECUTABLES = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa")


def _limit() -> int:
    return int(settings.MAX_UPLOAD_BYTES)


def refuse_oversized(name: str, size: int | None) -> None:
    if size is not None and size > _limit():
        mb = _limit() // 1024 // 1024
        raise InputError(name, f"文件过大（{size / 1024 / 1024:.1f} MB），上传上限为 {mb} MB。")


def sniff(name: str, data: bytes) -> str:
    """The file's suffix once its content agrees with it; `InputError` otherwise."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(name, "只能上传 .docx、.pdf、.txt 格式的报告或 .xlsx 格式的自评表。")
    if not data:
        raise InputError(name, "文件为空，没有可导入的内容。")
    if data.startswith(_EXECUTABLES):
        raise InputError(name, "这是一个可执行程序，不是报告文件，已拒绝。")
    if suffix == ".pdf" and not data[:1024].lstrip().startswith(b"%PDF-"):
        raise InputError(name, "文件扩展名是 .pdf，但内容不是 PDF 文件。")
    if suffix in {".docx", ".xlsx"} and data.startswith(b"PK"):
        _refuse_zip_bomb(name, data)
    return suffix


def _refuse_zip_bomb(name: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a readable zip: the importer says so in its own words
    if len(entries) > MAX_ZIP_ENTRIES:
        raise InputError(name, f"压缩包内文件过多（{len(entries)} 个），不像一份 Office 文档，已拒绝。")
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if unpacked > MAX_UNPACKED_BYTES or (unpacked > 1024 * 1024 and unpacked / packed > MAX_RATIO):
        raise InputError(
            name, f"文件解压后过大（{unpacked / 1024 / 1024:.0f} MB，压缩比 {unpacked // packed}:1），疑似压缩炸弹，已拒绝。"
        )


class LimitedUploadHandler(FileUploadHandler):
    """Stops reading a file past the upload limit, so a 100 MB upload is never held or written whole; the
    request remembers the refusal (`refused_upload`) for the view to say so."""

    def limit(self) -> int:
        return _limit()

    def new_file(self, *args: object, **kwargs: object) -> None:
        super().new_file(*args, **kwargs)  # type: ignore[arg-type]
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit():
            assert self.request is not None
            self.request.refused_upload = Path(self.file_name or "上传的文件").name  # type: ignore[union-attr]
            self.request.refused_limit = self.limit()  # type: ignore[union-attr]
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (in memory) makes the file


def refused_upload(request: HttpRequest) -> InputError | None:
    """The refusal of a file stopped while it was being received, if one was."""
    name = getattr(request, "refused_upload", None)
    if name is None:
        return None
    mb = getattr(request, "refused_limit", _limit()) // 1024 // 1024
    return InputError(name, f"文件过大，上传上限为 {mb} MB，已停止接收。")


def read_upload(upload: UploadedFile) -> CoreEvaluation:
    """The evaluation in an uploaded report or 自评表; `InputError` (with the upload's own name) if refused."""
    name = Path(upload.name or "上传的文件").name
    refuse_oversized(name, upload.size)
    data = upload.read(_limit() + 1)
    refuse_oversized(name, len(data))
    suffix = sniff(name, data)
    with tempfile.TemporaryDirectory(prefix="jixiao-upload-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            ev = load_report(path)
        except InputError as exc:
            raise InputError(name, exc.message) from None
    return _renamed(ev, str(path), name)


def _renamed(ev: CoreEvaluation, temporary: str, name: str) -> CoreEvaluation:
    """The sources name the file as the user uploaded it, not the temporary copy."""
    sources = {
        path: location.model_copy(update={"file": name}) if location.file == temporary else location
        for path, location in ev.sources.items()
    }
    return ev.model_copy(update={"sources": sources})

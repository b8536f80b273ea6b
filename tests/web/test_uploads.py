"""Hostile uploads: each gets one clear message in the page and nothing is stored — no evaluation, no
version, no file left behind. The files are real: a zip bomb named .docx, a PDF encrypted by LibreOffice,
a 100 MB file, an executable renamed .pdf."""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.tools import libreoffice
from jixiao.web.evaluations.models import Evaluation, Version
from tests.web.cast import CastTestCase


def zip_bomb() -> bytes:
    """A .docx-shaped zip whose document.xml unpacks to 200 MB of spaces (it packs to about 200 KB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            block = b" " * (1024 * 1024)
            for _ in range(200):
                part.write(block)
    return buffer.getvalue()


def encrypted_pdf(workdir: Path) -> bytes:
    document = docx.Document()
    document.add_paragraph("2024年度部门整体支出绩效自评报告")
    document.add_paragraph("一、部门基本情况")
    document.save(workdir / "report.docx")
    options = (
        'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"mima123"}}'
    )
    return libreoffice.convert(workdir / "report.docx", options, workdir / "encrypted").read_bytes()


def executable() -> bytes:
    """The first bytes of an ELF program, then code-like junk: what a renamed binary looks like."""
    return b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 64


def leftovers() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("jixiao-upload-*")}


class HostileUploadTest(CastTestCase):
    def refused(self, name: str, content: bytes) -> str:
        before = (Evaluation.objects.count(), Version.objects.count(), leftovers())
        response = self.client_for("preparer_a").post(
            reverse("evaluations:upload"), {"year": "2025", "file": SimpleUploadedFile(name, content)}
        )
        assert response.status_code == 400
        alerts = re.findall(r'<p class="error" role="alert">(.*?)</p>', response.content.decode())
        assert len(alerts) == 1, alerts
        assert (Evaluation.objects.count(), Version.objects.count(), leftovers()) == before
        return alerts[0]

    def test_a_zip_bomb_named_docx_is_refused_before_it_is_unpacked(self) -> None:
        assert "疑似压缩炸弹" in self.refused("报告.docx", zip_bomb())

    def test_an_encrypted_pdf_is_refused_with_a_request_for_an_unencrypted_one(self) -> None:
        with tempfile.TemporaryDirectory() as workdir:
            assert "PDF 已加密" in self.refused("报告.pdf", encrypted_pdf(Path(workdir)))

    def test_a_100_mb_file_is_refused_without_being_received_whole(self) -> None:
        message = self.refused("报告.pdf", b"%PDF-1.7\n" + b"0" * (100 * 1024 * 1024))
        assert "文件过大" in message and "20 MB" in message and "已停止接收" in message

    def test_an_executable_renamed_pdf_is_refused_as_a_program(self) -> None:
        assert "可执行程序" in self.refused("报告.pdf", executable())

    def test_a_text_file_renamed_pdf_is_refused_as_not_a_pdf(self) -> None:
        assert "内容不是 PDF" in self.refused("报告.pdf", "一、部门基本情况".encode())


@pytest.mark.parametrize("name", ["报告.exe", "报告.doc", "报告"])
def test_only_report_suffixes_are_accepted(name: str) -> None:
    from jixiao.core.errors import InputError
    from jixiao.web.evaluations.uploads import sniff

    with pytest.raises(InputError, match="只能上传"):
        sniff(name, b"data")

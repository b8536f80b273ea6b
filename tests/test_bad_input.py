"""Files that are not readable reports give one `InputError` with a Chinese message, never a traceback.

Every bad file is real: written here byte by byte, made by python-docx or LibreOffice, or encrypted with
msoffcrypto-tool (a dev dependency, used by this test only). Text files in GB18030 or UTF-8 with a BOM are
not bad input: they must decode.
"""

import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from jixiao.core.errors import InputError
from jixiao.io.limits import max_bytes
from jixiao.io.readers import read_document
from jixiao.tools import libreoffice

CJK = re.compile(r"[\u4e00-\u9fff]")
REPORT_TEXT = "2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本部门预算执行率为98.5%。\n"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bad_input")


@pytest.fixture(scope="module")
def good_docx(workdir: Path) -> Path:
    document = docx.Document()
    for line in REPORT_TEXT.splitlines():
        document.add_paragraph(line)
    path = workdir / "good.docx"
    document.save(path)
    return path


@pytest.fixture(scope="module")
def good_pdf(workdir: Path, good_docx: Path) -> bytes:
    return libreoffice.convert(good_docx, "pdf", workdir / "pdf").read_bytes()


@pytest.fixture(scope="module")
def encrypted_pdf(workdir: Path, good_docx: Path) -> bytes:
    # LibreOffice's PDF export takes its filter options as JSON: encrypt with an opening password.
    options = (
        'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"mima123"}}'
    )
    return libreoffice.convert(good_docx, options, workdir / "encrypted").read_bytes()


@pytest.fixture(scope="module")
def legacy_doc(workdir: Path, good_docx: Path) -> bytes:
    return libreoffice.convert(good_docx, "doc", workdir / "doc").read_bytes()


@pytest.fixture(scope="module")
def encrypted_docx(good_docx: Path) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    output = io.BytesIO()
    with good_docx.open("rb") as source:
        OOXMLFile(source).encrypt("mima123", output)
    return output.getvalue()


def _junk(size: int = 4096) -> bytes:
    return random.Random(20240630).randbytes(size)


def _zip(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _assert_refused(path: Path, *fragments: str) -> InputError:
    with pytest.raises(InputError) as caught:
        read_document(path)
    error = caught.value
    assert CJK.search(error.message), error.message
    assert "Traceback" not in error.message
    assert error.path == str(path)
    for fragment in fragments:
        assert fragment in error.message, error.message
    return error


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    _assert_refused(_write(tmp_path / "报告.txt", b""), "文件为空")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "巨大.pdf"
    with path.open("wb") as handle:
        handle.truncate(max_bytes() + 1)  # sparse: no 50 MB of writes
    _assert_refused(path, "文件过大")


def test_binary_junk_named_txt_is_refused(tmp_path: Path) -> None:
    _assert_refused(_write(tmp_path / "报告.txt", _junk()))


def test_binary_junk_named_docx_is_refused(tmp_path: Path) -> None:
    _assert_refused(_write(tmp_path / "报告.docx", _junk()), "不是有效的 Word 文档")


def test_a_zip_that_is_not_a_docx_is_refused(tmp_path: Path) -> None:
    data = _zip({"readme.txt": "hello", "data/a.csv": "1,2"})
    _assert_refused(_write(tmp_path / "报告.docx", data), "word/document.xml")


def test_a_zip_with_another_suffix_is_still_refused_as_a_docx(tmp_path: Path) -> None:
    data = _zip({"readme.txt": "hello"})
    _assert_refused(_write(tmp_path / "报告.zip", data), "不是有效的 Word 文档")


def test_an_excel_file_named_docx_is_refused_as_excel(tmp_path: Path) -> None:
    data = _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
    _assert_refused(_write(tmp_path / "自评表.docx", data), "Excel")


def test_a_truncated_docx_is_refused(tmp_path: Path, good_docx: Path) -> None:
    data = good_docx.read_bytes()
    _assert_refused(_write(tmp_path / "报告.docx", data[: len(data) // 2]), "不完整或已损坏")


def test_a_docx_with_a_broken_document_part_is_refused(tmp_path: Path, good_docx: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(good_docx) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]  # XML cut off in the middle of an element
            target.writestr(item, data)
    _assert_refused(_write(tmp_path / "报告.docx", buffer.getvalue()), "Word 文档已损坏")


def test_an_encrypted_docx_is_refused_with_a_request_to_remove_the_password(
    tmp_path: Path, encrypted_docx: bytes
) -> None:
    _assert_refused(_write(tmp_path / "报告.docx", encrypted_docx), "已加密", "密码")


def test_an_old_doc_file_named_docx_is_refused_as_old_format(tmp_path: Path, legacy_doc: bytes) -> None:
    assert legacy_doc.startswith(b"\xd0\xcf\x11\xe0")
    _assert_refused(_write(tmp_path / "报告.docx", legacy_doc), ".doc", "另存为 .docx")


def test_an_old_doc_file_named_doc_is_refused(tmp_path: Path, legacy_doc: bytes) -> None:
    _assert_refused(_write(tmp_path / "报告.doc", legacy_doc), ".doc")


def test_a_pdf_named_docx_is_refused_with_the_right_suffix(tmp_path: Path, good_pdf: bytes) -> None:
    _assert_refused(_write(tmp_path / "报告.docx", good_pdf), ".pdf")


def test_a_truncated_pdf_is_refused_as_corrupt(tmp_path: Path, good_pdf: bytes) -> None:
    _assert_refused(_write(tmp_path / "报告.pdf", good_pdf[: len(good_pdf) // 8]), "PDF 文件已损坏或无法解析")


def test_binary_junk_named_pdf_is_refused_as_corrupt(tmp_path: Path) -> None:
    _assert_refused(_write(tmp_path / "报告.pdf", b"%PDF-1.7\n" + _junk()), "PDF 文件已损坏或无法解析")


def test_an_encrypted_pdf_is_refused_with_a_request_for_an_unencrypted_one(
    tmp_path: Path, encrypted_pdf: bytes
) -> None:
    _assert_refused(_write(tmp_path / "报告.pdf", encrypted_pdf), "PDF 已加密，请提供未加密的版本")


def test_a_text_file_of_whitespace_only_is_refused(tmp_path: Path) -> None:
    _assert_refused(_write(tmp_path / "报告.txt", b" \n\t\n  \n"))


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("gb18030.txt", lambda text: text.encode("gb18030")),
        ("utf8_bom.txt", lambda text: b"\xef\xbb\xbf" + text.encode("utf-8")),
    ],
)
def test_a_chinese_text_file_decodes(tmp_path: Path, name: str, encode: Callable[[str], bytes]) -> None:
    document = read_document(_write(tmp_path / name, encode(REPORT_TEXT)))
    assert document.kind == "txt"
    assert [line.text for line in document.lines] == REPORT_TEXT.splitlines()

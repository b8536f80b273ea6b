"""Hostile files through the real command: each gets one Chinese line naming it, exit code 3, and no output.

A finance bureau feeds jixiao whole folders; some files are broken, some are made to hurt: empty, binary under
a report's name, cut short, encrypted, zip and alias bombs, beyond the size and length limits. Each is made
here for real (byte by byte, `tests/handmade.py`, or by python-docx, openpyxl and msoffcrypto-tool) and run through the installed
`jixiao` script with `-o DIR`: the message must say what is wrong, the exit code must be 3, and nothing may be
written. The runs go two at a time, one process each, so each file has its own exit code.
"""

from __future__ import annotations

import io
import os
import random
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
import pytest

from jixiao.io.limits import (
    MAX_CHARS,
    MAX_HEADINGS,
    MAX_JSON_BYTES,
    MAX_LINES,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_PAGES,
    MAX_XLSX_MEMBER_BYTES,
    MAX_YAML_BYTES,
    max_bytes,
)
from tests.handmade import pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "qingshan_nongye_2024.txt"
CJK = re.compile(r"[\u4e00-\u9fff]")
REPORT_TEXT = "2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本部门预算执行率为98.5%。\n"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BOMB = "可能是恶意构造的压缩包（zip 炸弹）"


# ---------------------------------------------------------------------------------------------- the files


def _junk(size: int = 4096) -> bytes:
    return random.Random(20240630).randbytes(size)


def _good_docx() -> bytes:
    document = docx.Document()
    for line in REPORT_TEXT.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _good_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["部门（单位）名称", "青山县农业农村局"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _replaced(data: bytes, parts: dict[str, bytes], extra: int = 0) -> bytes:
    """The package with `parts` in place of (or beside) its members, and `extra` empty members more."""
    buffer = io.BytesIO()
    # the fastest compression: a bomb of spaces is small whatever the level
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for item in source.infolist():
            if item.filename not in parts:
                target.writestr(item.filename, source.read(item.filename))
        for name, content in parts.items():
            target.writestr(name, content)
        for n in range(extra):
            target.writestr(f"extra/part{n}.xml", b"")
    return buffer.getvalue()


def _lying_size(data: bytes, member: str, declared: int) -> bytes:
    """The package with `member`'s size, in its local header and in the central directory, said to be
    `declared` bytes: what it truly inflates to is far more."""
    name = member.encode()
    out = bytearray(data)
    local = out.find(b"PK\x03\x04")
    while local >= 0:  # the local header of `member`: its size at offset 22
        length = int.from_bytes(out[local + 26 : local + 28], "little")
        if out[local + 30 : local + 30 + length] == name:
            out[local + 22 : local + 26] = declared.to_bytes(4, "little")
        local = out.find(b"PK\x03\x04", local + 4)
    central = out.find(b"PK\x01\x02")
    while central >= 0:  # its central directory entry: the size at offset 24
        length = int.from_bytes(out[central + 28 : central + 30], "little")
        if out[central + 46 : central + 46 + length] == name:
            out[central + 24 : central + 28] = declared.to_bytes(4, "little")
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


def _encrypted(data: bytes) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    output = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt("mima123", output)
    return output.getvalue()


def _alias_bomb() -> str:
    lines = ['a: &a ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]']
    for n in range(1, 9):
        this, before = chr(97 + n), chr(96 + n)
        lines.append(f"{this}: &{this} [{', '.join([f'*{before}'] * 9)}]")
    return "\n".join(lines) + "\n"


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as handle:
        handle.truncate(size)  # no writes: a sparse file


@dataclass(frozen=True)
class Hostile:
    name: str  # the file's name, which says what it is
    make: Callable[[Path], None]  # writes the file at the path given
    says: tuple[str, ...]  # what the message must contain
    command: tuple[str, ...] = ("import",)
    env: tuple[tuple[str, str], ...] = ()


def _bytes(data: Callable[[], bytes]) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data())


def _text(text: Callable[[], str]) -> Callable[[Path], None]:
    return lambda path: path.write_text(text(), encoding="utf-8")


def _huge_paragraph() -> bytes:
    runs = "<w:r><w:t>1</w:t></w:r>" * 210_000
    document = f'<w:document xmlns:w="{W}"><w:body><w:p>{runs}</w:p></w:body></w:document>'
    return _replaced(_good_docx(), {"word/document.xml": document.encode()})


def _entity_bomb() -> bytes:
    entities = '<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8)
    )
    document = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>'
    )
    return _replaced(_good_docx(), {"word/document.xml": document.encode()})


HOSTILE = [
    Hostile("空文件.txt", _bytes(lambda: b""), ("文件为空",)),
    Hostile("空文件.docx", _bytes(lambda: b""), ("文件为空",)),
    Hostile("只有空白.txt", _bytes(lambda: b" \n\t\n  \n"), ("只有空白",)),
    Hostile("二进制.txt", _bytes(_junk), ("二进制",)),
    Hostile("二进制.docx", _bytes(_junk), ("不是有效的 Word 文档",)),
    Hostile("二进制.pdf", _bytes(lambda: b"%PDF-1.7\n" + _junk()), ("PDF 文件已损坏或无法解析",)),
    Hostile("二进制.xlsx", _bytes(_junk), ("不是有效的 .xlsx",)),
    Hostile("不完整.docx", _bytes(lambda: _good_docx()[: len(_good_docx()) // 2]), ("不完整或已损坏",)),
    Hostile("不完整.pdf", _bytes(lambda: pdf()[: len(pdf()) // 2]), ("PDF 文件已损坏或无法解析",)),
    Hostile("不完整.xlsx", _bytes(lambda: _good_xlsx()[: len(_good_xlsx()) // 2]), ("已损坏或不完整",)),
    Hostile("加密.docx", _bytes(lambda: _encrypted(_good_docx())), ("已加密", "密码")),
    Hostile("加密.xlsx", _bytes(lambda: _encrypted(_good_xlsx())), ("加密", "取消密码")),
    Hostile("加密.pdf", _bytes(lambda: pdf(encrypt=True)), ("PDF 已加密",)),
    Hostile("页数过多.pdf", _bytes(lambda: pdf(pages=MAX_PAGES + 1)), (f"超过 {MAX_PAGES:,} 页",)),
    Hostile(
        "样式炸弹.docx",
        _bytes(lambda: _replaced(_good_docx(), {"word/styles.xml": b" " * (MAX_MEMBER_BYTES + 1)})),
        ("word/styles.xml", BOMB),
    ),
    Hostile(
        "正文炸弹.docx",
        _bytes(lambda: _replaced(_good_docx(), {"word/document.xml": b" " * (MAX_MEMBER_BYTES + 1)})),
        ("word/document.xml", BOMB),
    ),
    Hostile(
        "虚报大小.docx",
        _bytes(
            lambda: _lying_size(
                _replaced(_good_docx(), {"word/styles.xml": b" " * 50_000_000}), "word/styles.xml", 1000
            )
        ),
        ("不完整或已损坏",),
    ),
    Hostile("部件过多.docx", _bytes(lambda: _replaced(_good_docx(), {}, extra=MAX_MEMBERS)), ("部件", BOMB)),
    Hostile(
        "工作表炸弹.xlsx",
        _bytes(lambda: _replaced(_good_xlsx(), {"xl/worksheets/sheet1.xml": b" " * (MAX_XLSX_MEMBER_BYTES + 1)})),
        ("xl/worksheets/sheet1.xml", BOMB),
    ),
    Hostile("超长段落.docx", _bytes(_huge_paragraph), ("段落或表格行结构异常庞大",)),
    Hostile("实体炸弹.docx", _bytes(_entity_bomb), ("Word 文档已损坏或内容无法解析",)),
    Hostile("别名炸弹.yaml", _text(_alias_bomb), ("数据不符合模型",)),
    Hostile("过大.pdf", lambda path: _sparse(path, max_bytes() + 1), ("文件过大", "上限 50 MB", "JIXIAO_MAX_MB")),
    Hostile(
        "超过设定上限.txt",
        _text(lambda: REPORT_TEXT * (2 * 1024 * 1024 // len(REPORT_TEXT.encode()))),
        ("文件过大", "上限 1 MB"),
        env=(("JIXIAO_MAX_MB", "1"),),
    ),
    Hostile("行数过多.txt", _text(lambda: REPORT_TEXT + "1\n" * MAX_LINES), (f"超过 {MAX_LINES:,} 行",)),
    Hostile("字数过多.txt", _text(lambda: REPORT_TEXT + "甲" * MAX_CHARS), (f"超过 {MAX_CHARS:,} 个字符",)),
    Hostile("标题过多.txt", _text(lambda: "（一）甲\n" * (MAX_HEADINGS + 1)), (f"章节标题超过 {MAX_HEADINGS:,} 个",)),
    Hostile("过大.yaml", _text(lambda: "title: " + "甲" * (MAX_YAML_BYTES // 3) + "\n"), ("YAML 文件过大", "JSON")),
    Hostile("过大.json", _text(lambda: '{"title": "' + "a" * MAX_JSON_BYTES + '"}'), ("JSON 文件过大",)),
]


# ---------------------------------------------------------------------------------------------- the runs


def _jixiao(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "jixiao"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "jixiao.cli"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, encoding="utf-8", env=env, timeout=300
    )


@dataclass(frozen=True)
class Run:
    path: Path
    out: Path
    result: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Every hostile file made and run, two at a time: name → the run."""
    folder = tmp_path_factory.mktemp("hostile")
    base = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    base.pop("JIXIAO_MAX_MB", None)

    def run(hostile: Hostile) -> Run:
        path = folder / hostile.name
        hostile.make(path)
        out = folder / f"out-{hostile.name}"
        result = _jixiao([*hostile.command, str(path), "-o", str(out)], {**base, **dict(hostile.env)})
        return Run(path, out, result)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip((h.name for h in HOSTILE), pool.map(run, HOSTILE), strict=True))


def _assert_refused(run: Run, says: tuple[str, ...]) -> None:
    lines = [line for line in run.result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.result.stderr
    assert CJK.search(lines[0]) and str(run.path) in lines[0], lines[0]
    for words in says:
        assert words in lines[0], lines[0]
    assert "Traceback" not in run.result.stderr
    assert run.result.returncode == 3, run.result
    assert not run.out.exists() or not any(run.out.iterdir()), list(run.out.iterdir())


@pytest.mark.parametrize("hostile", HOSTILE, ids=[h.name for h in HOSTILE])
def test_a_hostile_file_gets_one_chinese_line_exit_3_and_no_output(hostile: Hostile, runs: dict[str, Run]) -> None:
    _assert_refused(runs[hostile.name], hostile.says)


def test_an_alias_bomb_given_as_the_rulebook_is_refused_at_once_without_output(tmp_path: Path) -> None:
    rulebook = tmp_path / "别名炸弹规则.yaml"
    rulebook.write_text(_alias_bomb(), encoding="utf-8")
    out = tmp_path / "自评表"
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    result = _jixiao(["score", str(EXAMPLE), "--rulebook", str(rulebook), "--xlsx", str(out)], env)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and str(rulebook) in lines[0], result.stderr
    assert "评分规则有" in lines[0] and "“a”" in lines[0]
    assert len(lines[0]) < 2_000  # the aliases are not expanded into the message
    assert result.returncode == 3
    assert not out.exists() or not any(out.iterdir())


def test_utf16_without_a_byte_order_mark_is_imported(tmp_path: Path) -> None:
    path = tmp_path / "报告.txt"
    path.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode("utf-16-le"))
    out = tmp_path / "out"
    result = _jixiao(["import", str(path), "-o", str(out)], {**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    assert "青山县农业农村局" in (out / "报告.yaml").read_text(encoding="utf-8")

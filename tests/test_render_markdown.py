"""Markdown for review and diffs: the same bytes for the same document, GitHub tables, escaped text."""

from __future__ import annotations

from jixiao.io.load import load_report
from jixiao.render.document import Cover, Document, Heading, Paragraph, Table
from jixiao.render.draft import draft
from jixiao.render.markdown import render_markdown
from jixiao.scoring.engine import score
from jixiao.scoring.rulebook import load_rulebook
from tests import support

EXAMPLE = support.ROOT / "examples" / "qingshan_nongye_2024.txt"


def _example() -> str:
    ev = load_report(EXAMPLE)
    return render_markdown(draft(ev, score(ev, load_rulebook("hunan-2023"))))


def test_the_same_report_gives_the_same_markdown_twice() -> None:
    assert _example() == _example()


def test_the_outline_is_markdown_headings_and_ends_with_one_newline() -> None:
    md = _example()
    lines = md.split("\n")
    assert "# 2024年度青山县农业农村局部门整体支出绩效自评报告" in lines
    assert "## 一、部门基本情况" in lines and "### （一）部门职能" in lines
    assert "## 2024年度部门整体支出绩效自评表" in lines
    assert md.endswith("\n") and not md.endswith("\n\n") and "\r" not in md
    assert all(line == line.rstrip() for line in lines)


def test_tables_are_github_tables_with_figures_right_aligned() -> None:
    doc = Document(
        Cover(title="报告"),
        title="报告",
        blocks=[Table("表1 收入", ["项目", "金额", "占比"], [["财政拨款收入", "1736.58", "97.29%"]], numeric=[False, True, True])],
    )
    md = render_markdown(doc)
    assert "**表1 收入**（单位：万元）" in md
    assert "| 项目 | 金额 | 占比 |\n|---|---:|---:|\n| 财政拨款收入 | 1736.58 | 97.29% |" in md


def test_the_example_keeps_its_figures_in_table_rows() -> None:
    md = _example()
    rows = [line for line in md.split("\n") if line.startswith("| ")]
    assert len(rows) > 20
    assert any("1812.60" in row and "1762.15" in row for row in rows)


def test_markup_in_the_text_is_escaped() -> None:
    doc = Document(
        Cover(title="报告"),
        title="报告",
        blocks=[
            Heading(1, "一、", "情况"),
            Paragraph("1. 不是列表，*不是*强调，a_b_c，<br>"),
            Table("", ["项目", "说明"], [["a|b", "第一行\n第二行"]], unit=None),
        ],
    )
    md = render_markdown(doc)
    assert "1\\. 不是列表，\\*不是\\*强调，a\\_b\\_c，\\<br\\>" in md
    assert "| a\\|b | 第一行<br>第二行 |" in md

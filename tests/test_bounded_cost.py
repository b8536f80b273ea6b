"""The cost of an import grows with the input, never with its square: the shapes that keep it so.

Each test holds a structure, not a time (tests never fail on speed; `bench/bench_growth.py` measures): a
quote is bounded whatever the length of its line, a run of lines is walked through an index of where it
ends, a docx is read paragraph by paragraph, and what cannot be bounded (a report's length) is refused.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.checks import RULES, Settings, run_checks
from jixiao.checks.families.indicator import _MISS, MissLine, _admitted, _grams, excerpt, miss_lines
from jixiao.checks.registry import Look
from jixiao.core.errors import InputError
from jixiao.core.model import Evaluation
from jixiao.core.quote import QUOTE_CHARS, REACH, quote
from jixiao.io import canonical, load_report
from jixiao.io.canonical import load_canonical
from jixiao.io.document import Line, SourceDocument
from jixiao.io.docx_reader import read_docx
from jixiao.io.figures import figures
from jixiao.io.limits import MAX_CHARS, MAX_LINES, TextCounter, check_archive
from jixiao.io.load import import_document
from jixiao.io.normalize import CleanLine, _rebuild_cell_rows, _run_ends, normalize_document
from jixiao.io.readers import decode_text, read_document
from jixiao.scoring.rulebook import load_rulebook

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "qingshan_nongye_2024.txt"
# the longest quote: a piece of a line quoted whole, or a cut line's text either side of the place and two "…"
LONGEST_QUOTE = max(QUOTE_CHARS, 2 * REACH + 2)


def _one_line(copies: int, varied: bool = False) -> str:
    """Our example report with its line breaks turned to spaces, `copies` times over: one line. `varied`: each
    copy's digits shifted by its number, so that its figures differ from the first copy's."""
    text = EXAMPLE.read_text(encoding="utf-8").replace("\n", " ")
    if not varied:
        return " ".join([text] * copies)
    return " ".join(re.sub(r"\d", lambda d, k=k: str((int(d[0]) + k) % 10), text) for k in range(copies))


# ---------------------------------------------------------------------------------------------- quotes


def test_a_line_of_a_paragraph_is_quoted_whole() -> None:
    line = "　　本年度收入合计239.67万元，其中财政拨款200.00万元。"
    assert quote(line, 9) == line.strip()


def test_a_long_line_is_quoted_by_the_sentence_around_the_place() -> None:
    text = "前文。" * 200 + "本年度收入合计239.67万元，其中财政拨款200.00万元；" + "后文，" * 300
    at = text.index("239.67")
    assert quote(text, at, at + 6) == "…本年度收入合计239.67万元，其中财政拨款200.00万元；…"


def test_a_sentence_longer_than_the_reach_is_cut_around_the_place() -> None:
    text = "甲" * 1000 + "239.67万元" + "乙" * 1000
    at = text.index("239.67")
    cut = quote(text, at, at + 6)
    assert cut == "…" + "甲" * REACH + "239.67" + "万元" + "乙" * (REACH - 2) + "…"


@given(st.text(alphabet="中文。；，1 ", max_size=2000), st.integers(min_value=-5, max_value=2100))
def test_a_quote_is_a_piece_of_its_line_and_never_longer_than_the_bound(text: str, at: int) -> None:
    cut = quote(text, at)
    assert len(cut) <= LONGEST_QUOTE
    assert cut.strip("…") in text


def test_every_source_of_a_one_line_report_quotes_a_bounded_piece_holding_its_figure() -> None:
    doc = SourceDocument.from_text("一行.txt", "txt", _one_line(20))
    assert len(doc.lines) == 1 and len(doc.lines[0].text) > 20 * QUOTE_CHARS
    evaluation = import_document(doc)
    assert len(evaluation.sources) > 100
    for path, location in evaluation.sources.items():
        assert location.text is not None and len(location.text) <= LONGEST_QUOTE, path
    income = evaluation.budget.income.total
    assert income is not None
    assert str(income) in (evaluation.sources["budget.income.total"].text or "")


def test_every_finding_on_a_one_line_report_quotes_a_bounded_piece() -> None:
    evaluation = import_document(SourceDocument.from_text("一行.txt", "txt", _one_line(20)))
    findings = run_checks(evaluation).findings
    assert findings
    for finding in findings:
        assert finding.location.text is None or len(finding.location.text) <= LONGEST_QUOTE, finding.rule


def test_the_example_quotes_its_lines_whole() -> None:
    evaluation = load_report(EXAMPLE)
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    for location in evaluation.sources.values():
        assert location.line is not None
        assert location.text == lines[location.line - 1].strip()


# ---------------------------------------------------------------------------------------------- runs of lines


def test_the_end_of_each_run_is_known_from_any_start_in_it() -> None:
    assert _run_ends([True, True, False, True, False, False, True]) == [2, 2, 2, 4, 4, 5, 7, 7]
    assert _run_ends([]) == [0]


def test_thousands_of_number_only_lines_come_through_as_they_are() -> None:
    lines = normalize_document(SourceDocument.from_text("数字.txt", "txt", "\n".join(map(str, range(20_000)))))
    assert [line.text for line in lines] == [str(n) for n in range(20_000)]


def _cells(*texts: str) -> list[CleanLine]:
    return _rebuild_cell_rows([CleanLine(text, Line(n, text)) for n, text in enumerate(texts, start=1)])


def test_a_table_of_one_cell_per_line_after_a_long_run_of_numbers_is_still_rebuilt() -> None:
    numbers = [str(n) for n in range(5_000)]
    rebuilt = _cells(*numbers, "(万元)", "年初预算", "调整后预算数", "预算执行数", "总额", "238.93", "251.89", "251.89")
    assert rebuilt[-1].text == "总额:年初预算238.93万元,调整后预算数251.89万元,预算执行数251.89万元"
    assert [line.text for line in rebuilt[:5_000]] == numbers


def test_a_long_run_of_unit_labels_before_numbers_is_left_as_it_is() -> None:
    texts = ["(万元)"] * 3_000 + ["12.5", "13.5"]
    assert [line.text for line in _cells(*texts)] == texts


# ---------------------------------------------------------------------------------------------- docx


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(body: str, document: str | None = None) -> bytes:
    """A minimal docx whose body is `body` (WordprocessingML), or whose main part is `document`, with the
    package parts Word writes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="word/document.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
            "</Relationships>",
        )
        document = document or f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_a_docx_is_read_paragraph_by_paragraph_each_dropped_once_read() -> None:
    # The reader frees each paragraph as soon as it is read: what is left of the tree when the body ends
    # is the body alone. A gauge paragraph's text is read while the stream is still open.
    from jixiao.io import docx_reader

    data = _docx("".join(_paragraph(f"第{n}段") for n in range(1_000)))
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("word/document.xml") as stream:
        lines = docx_reader._stream_lines("报告.docx", stream)
        assert next(lines) == "第0段"
        rest = list(lines)
    assert rest == [f"第{n}段" for n in range(1, 1_000)]


def test_a_paragraph_of_hundreds_of_thousands_of_elements_is_refused() -> None:
    runs = "<w:r><w:t>1</w:t></w:r>" * 110_000
    with pytest.raises(InputError, match="段落或表格行结构异常庞大"):
        read_docx("报告.docx", _docx(f"<w:p>{runs}</w:p>"))


def test_an_xml_entity_bomb_in_a_docx_is_refused_without_being_expanded() -> None:
    entities = '<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8)
    )
    document = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>开头&i;结尾</w:t></w:r></w:p></w:body></w:document>'
    )
    with pytest.raises(InputError, match="Word 文档已损坏或内容无法解析"):
        read_docx("报告.docx", _docx("", document))


# ---------------------------------------------------------------------------------------------- limits


def test_the_text_counter_refuses_the_line_after_the_last_allowed() -> None:
    counter = TextCounter("报告.docx")
    for _ in range(MAX_LINES):
        counter.add("1")
    with pytest.raises(InputError, match="行"):
        counter.add("1")


def test_a_docx_of_more_paragraphs_than_the_limit_is_refused() -> None:
    data = _docx(_paragraph("1") * (MAX_LINES + 1))
    with pytest.raises(InputError, match=f"{MAX_LINES:,} 行"):
        read_docx("报告.docx", data)


def test_a_txt_of_more_lines_than_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "报告.txt"
    path.write_text("一、部门基本情况\n" + "1\n" * MAX_LINES, encoding="utf-8")
    with pytest.raises(InputError, match=f"{MAX_LINES:,} 行"):
        read_document(path)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(encoding: str) -> None:
    text = "2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本部门预算执行率为98.5%。\n"
    assert decode_text("报告.txt", text.encode(encoding)) == text


def test_binary_data_with_zero_bytes_on_both_sides_of_the_pairs_is_not_taken_for_utf16() -> None:
    data = bytes(range(256)) * 16
    with pytest.raises(InputError, match="二进制"):
        decode_text("报告.txt", data)


def test_a_rulebook_error_shows_a_list_by_its_kind_not_its_items(tmp_path: Path) -> None:
    path = tmp_path / "规则.yaml"
    path.write_text("id: [" + ", ".join(["很长的一项"] * 1000) + "]\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_rulebook(path)
    assert "“id”应为文字（读到：一个列表）" in caught.value.message
    assert "很长的一项" not in caught.value.message


def test_a_rulebook_error_cuts_a_long_scalar(tmp_path: Path) -> None:
    path = tmp_path / "规则.yaml"
    path.write_text("id: mine\nweights: " + "长" * 500 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_rulebook(path)
    shown = re.search(r"“weights”应为键值表（读到：(.*?)）", caught.value.message)
    assert shown is not None and shown[1] == "'" + "长" * 39 + "…"


# ---------------------------------------------------------------------------------------------- checks


def _admitted_by_definition(name: str, lines: list[MissLine]) -> str | None:
    """The first admission clause, line by line, holding four characters of the name in a row (or all of a
    short name): the rule's definition, walked for one indicator."""
    grams = _grams(name)
    for line in lines:
        for admission in _MISS.finditer(line.text):
            clause = excerpt(line.text, admission.start(), admission.end())
            if any(gram in clause for gram in grams):
                return clause
    return None


_WORDS = st.sampled_from(["培训", "人次", "覆盖率", "项目", "验收", "完成", "未完成", "未达到", "，", "。", "目标", "100"])


@given(
    st.lists(st.text(st.sampled_from("培训人次覆盖率项目验收（）“”"), min_size=0, max_size=9), min_size=1, max_size=6),
    st.lists(st.lists(_WORDS, max_size=14).map("".join), max_size=8),
)
def test_each_indicator_finds_the_admission_its_definition_finds(names: list[str], lines: list[str]) -> None:
    evaluation = Evaluation.model_validate(
        {
            "performance": {"indicators": [{"name": name} for name in names]},
            "outline": {"sections": [{"title": "存在的问题", "level": 1, "text": "\n".join(lines)}]},
        }
    )
    look = Look(RULES["indicator-target-missed"], evaluation, Settings(), {})
    found = miss_lines(look)
    for indicator in evaluation.performance.indicators:
        assert _admitted(indicator, look) == _admitted_by_definition(indicator.name, found)


def test_a_numbering_slip_deep_in_a_long_report_is_placed_on_its_own_line() -> None:
    sections = [
        {"numbering": f"{n}、", "title": f"第{n}部分", "level": 3, "line": 10 * n, "text": "甲\n乙", "lines": [10 * n + 1, 10 * n + 2]}
        for n in range(1, 60)
    ]
    sections[40] |= {"text": "甲\n(1)一项\n(2)二项\n(2)又一项", "lines": [411, 412, 413, 414]}
    findings = run_checks(Evaluation.model_validate({"outline": {"sections": sections}})).findings
    slips = [f for f in findings if f.rule == "numbering-sequence"]
    assert [(f.location.line, f.location.text) for f in slips] == [(414, "(2)又一项")]


def _zip(members: dict[str, bytes]) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def test_a_zip_is_refused_when_one_member_inflates_past_its_limit() -> None:
    archive = _zip({"a.xml": b" " * 100, "b.xml": b" " * 1001})
    with pytest.raises(InputError, match=re.escape("“b.xml”解压后超过")):
        check_archive("报告.docx", archive, "Word 文档", member_limit=1000, total_limit=10_000)


def test_a_zip_is_refused_when_its_members_together_inflate_past_the_limit() -> None:
    archive = _zip({f"{n}.xml": b" " * 900 for n in range(3)})
    with pytest.raises(InputError, match="解压后合计超过"):
        check_archive("报告.docx", archive, "Word 文档", member_limit=1000, total_limit=2500)


def test_a_zip_within_its_limits_passes() -> None:
    check_archive("报告.docx", _zip({f"{n}.xml": b" " * 900 for n in range(2)}), "Word 文档", 1000, 2500)


def test_every_template_hit_on_a_one_line_report_quotes_a_bounded_piece() -> None:
    text = "2023年度部门整体支出绩效自评报告 " + "本单位XX年完成了培训工作，" * 3_000
    evaluation = import_document(SourceDocument.from_text("一行.txt", "txt", text))
    hits = [f for f in run_checks(evaluation).findings if f.rule == "template-placeholder"]
    assert len(hits) == 3_000
    assert all(f.location.text is not None and len(f.location.text) <= LONGEST_QUOTE for f in hits)


def test_each_amount_of_a_long_sentence_keeps_only_its_own_words() -> None:
    sentence = "收入明细:" + ",".join(f"支出{n}.50万元" for n in range(3_000))  # as normalised: commas narrow
    found = figures(sentence)
    assert len(found) == 3_000
    assert {figure.head for figure in found} == {"收入明细"}  # one string, not a copy of the sentence each
    assert max(len(figure.label) for figure in found) <= len("支出")


def test_a_canonical_file_longer_than_a_report_may_be_is_read_within_its_own_limit(tmp_path: Path) -> None:
    # the length limits are for a report's text: a canonical file is bounded by its size alone
    path = tmp_path / "评价.json"
    path.write_text('{"title": "' + "甲" * (MAX_CHARS + 1) + '"}', encoding="utf-8")
    assert load_canonical(path).title == "甲" * (MAX_CHARS + 1)


@pytest.mark.parametrize("copies", [1, 4])
def test_the_yaml_printed_a_chunk_at_a_time_is_the_yaml_printed_whole(
    copies: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # our example, and four copies of it on one line: its figures restated over and over
    text = EXAMPLE.read_text(encoding="utf-8") if copies == 1 else _one_line(copies, varied=True)
    evaluation = import_document(SourceDocument.from_text("报告.txt", "txt", text))
    whole = io.StringIO()
    canonical._yaml().dump(canonical._blocks(canonical.to_plain(evaluation)), whole)
    monkeypatch.setattr(canonical, "CHUNK_ENTRIES", 3)
    assert len(evaluation.sources) > 3 * canonical.CHUNK_ENTRIES
    assert copies == 1 or len(evaluation.restated) > 3 * canonical.CHUNK_ENTRIES
    assert canonical.dumps_yaml(evaluation) == whole.getvalue()

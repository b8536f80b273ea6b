"""Paragraphs a PDF layout wrapped over several printed lines are joined back, and only those.

The texts are made up; what matters is their width in half-width units (a CJK character counts two). On
these pages a full line is 38 characters, 76 units.
"""

from jixiao.io.document import Line, SourceDocument
from jixiao.io.normalize import normalize_document, rejoin_wrapped

FULL = "甲" * 38  # a full printed line, stopping mid-sentence


def _lines(*texts: str, page: int = 1, first: int = 1) -> list[Line]:
    return [Line(no, text, page) for no, text in enumerate(texts, start=first)]


def _texts(lines: list[Line]) -> list[str]:
    return [line.text for line in rejoin_wrapped(lines)]


def test_a_line_ending_a_sentence_with_room_left_ends_its_paragraph() -> None:
    ended = "乙" * 29 + "。"  # 60 units: the next paragraph's first character would have fit
    assert _texts(_lines(FULL, ended, "另起一段。")) == [FULL + ended, "另起一段。"]


def test_a_full_line_ending_a_sentence_runs_on_when_the_next_character_did_not_fit() -> None:
    full = "乙" * 37 + "。"
    assert _texts(_lines(full, "其中一项已完成。")) == [full + "其中一项已完成。"]


def test_a_line_runs_on_when_the_number_starting_the_next_did_not_fit() -> None:
    short = "乙" * 33 + "占"  # 68 units: room for a character, not for "100%；"
    assert _texts(_lines(FULL, short, "100%；其余为零。")) == [FULL + short + "100%；其余为零。"]


def test_the_same_line_ends_its_paragraph_when_a_character_would_have_fit() -> None:
    short = "乙" * 33 + "占"
    assert _texts(_lines(FULL, short, "另起一段。")) == [FULL + short, "另起一段。"]


def test_a_full_line_ending_in_a_colon_runs_on_into_what_it_introduces() -> None:
    label = "乙" * 37 + "："
    assert _texts(_lines(label, "县新闻中心、县图书馆。")) == [label + "县新闻中心、县图书馆。"]


def test_a_numbered_item_starts_a_paragraph_even_after_a_full_line() -> None:
    assert _texts(_lines(FULL, "5.第五项。", FULL, "②第二项。")) == [FULL, "5.第五项。", FULL, "②第二项。"]


def test_an_indented_line_starts_a_paragraph() -> None:
    assert _texts(_lines(FULL, " 另起一段。")) == [FULL, " 另起一段。"]


def test_an_indent_typed_as_spaces_takes_its_room_on_the_line() -> None:
    first = "\u3000\u3000" + "乙" * 35 + "。"  # full with its indent: the next sentence did not fit
    assert _texts(_lines(FULL, FULL, first, "其后一句。")) == [FULL + FULL, first + "其后一句。"]


def test_a_line_ending_a_table_row_is_not_joined_to_the_next_row() -> None:
    row = "乙" * 37 + " |"  # fills the line
    assert _texts(_lines(row, "丙 |")) == [row, "丙 |"]


def test_a_cover_title_takes_the_measure_of_the_body_pages() -> None:
    title = "某某县某某局二〇二三年度部门整体支出绩效自评报告（送审稿）"  # the widest line on its page
    cover = _lines(title, "目录", "一、部门概况", page=1)
    body = _lines(FULL, FULL, FULL, "乙。", page=2, first=4)
    assert _texts(cover + body)[:3] == [title, "目录", "一、部门概况"]


def test_items_run_together_in_a_pdf_paragraph_are_split_however_short() -> None:
    doc = SourceDocument("r.pdf", "pdf", _lines("6、推进第一项工作。 7、推进第二项工作。"))
    assert [line.text for line in normalize_document(doc)] == ["6、推进第一项工作。", "7、推进第二项工作。"]


def test_a_space_before_a_comma_does_not_cut_an_item_into_a_heading_and_a_body() -> None:
    doc = SourceDocument("r.pdf", "pdf", _lines("1、完成第一项。 2、抓住重点“龙头” ,带动全局。"))
    assert [line.text for line in normalize_document(doc)] == [
        "1、完成第一项。",
        "2、抓住重点“龙头”,带动全局。",
    ]


def test_a_full_line_over_blank_room_ends_its_paragraph_whatever_word_follows() -> None:
    # a title as wide as the body, then a blank line the PDF keeps only as room on the page
    title = "乙" * 36 + "报告"
    date = Line(2, "02.01.2020 16:12", 1, follows_gap=True)
    assert _texts([Line(1, title, 1), date, *_lines(FULL, FULL, first=3)])[:2] == [title, "02.01.2020 16:12"]


def test_a_pdf_item_number_after_cjk_text_is_the_layout_s_room_not_a_new_item() -> None:
    # "项目类别1、部门预算项目" printed with the room a layout leaves between CJK text and a digit
    doc = SourceDocument("r.pdf", "pdf", _lines("项目类别 1、部门预算项目 2、专项项目。 3、其他。"))
    assert [line.text for line in normalize_document(doc)] == ["项目类别1、部门预算项目2、专项项目。", "3、其他。"]


def test_a_typed_space_before_an_item_number_splits_a_run_together_text() -> None:
    doc = SourceDocument("r.txt", "txt", _lines("项目类别 1、部门预算项目" + "乙" * 160))
    assert [line.text for line in normalize_document(doc)] == ["项目类别", "1、部门预算项目" + "乙" * 160]


def test_a_pdf_figure_after_a_numbered_item_s_words_does_not_make_them_a_heading() -> None:
    doc = SourceDocument("r.pdf", "pdf", _lines("1、治理河道总长为 3.75km,其中干流 3.13km。 2、拆除重建跌水1座。"))
    assert [line.text for line in normalize_document(doc)] == ["1、治理河道总长为3.75km,其中干流3.13km。", "2、拆除重建跌水1座。"]


def test_a_number_with_a_leading_zero_starts_no_item() -> None:
    # a form's option codes run into its text: "…项目 02、市直专项"
    assert _texts(_lines(FULL, "02、市直专项。")) == [FULL + "02、市直专项。"]

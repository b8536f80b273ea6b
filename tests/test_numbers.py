"""Numbers as people write them: one test per written form, from a sentence to the value read.

Each sentence sits in a tiny report of its own. A figure that cannot be read with confidence is left unread,
with the reason, in `Evaluation.unread`: never guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.model import Evaluation
from jixiao.io.normalize import narrow, squeeze
from jixiao.io.numerals import AMOUNT, canonical, cn_int, lines_with_number_forms, read_number, unreadable
from jixiao.io.pdf_reader import _cell_text, _Char
from jixiao.summary import summary_text
from tests import support


def report(*body: str) -> str:
    return "\n".join(
        ["2023年度示例县档案馆部门整体支出绩效自评报告", "一、部门基本情况", "二、一般公共预算支出情况", *body, ""]
    )


def read(*body: str) -> Evaluation:
    return support.import_text(report(*body), "inline.txt")


def income(sentence: str) -> Decimal | None:
    return read(sentence).budget.income.total


# ------------------------------------------------------------------ thousands separators


@pytest.mark.parametrize(
    "written",
    ["1,305.20", "1，305.20", "1 305.20", "1\u2009305.20", "1\u00a0305.20", "1\u202f305.20", "1\u3000305.20"],
    ids=["comma", "full-width comma", "space", "thin space", "no-break space", "narrow no-break space", "ideographic"],
)
def test_an_amount_with_thousands_groups_is_read_whole(written: str) -> None:
    assert str(income(f"2023年度共取得收入合计{written}万元。")) == "1305.20"


def test_an_amount_with_several_thousands_groups_is_read_whole() -> None:
    assert str(income("2023年度共取得收入合计12,305,000元。")) == "1230.5000"


def test_a_table_cell_in_thousands_groups_a_space_apart_is_one_number() -> None:
    ev = read("（一）收入情况（单位：元）", "| 收入合计 | 1 205 000.00 |")
    assert str(ev.budget.income.total) == "120.500000"


def test_a_number_a_line_break_cut_in_two_is_read_whole() -> None:
    ev = read("2023年度共取得收入合计23", "9.67万元，其中：财政拨款收入239.67万元。")
    assert str(ev.budget.income.total) == "239.67"
    assert ev.sources["budget.income.total"].line == 4
    assert ev.unread == []


def test_a_pdf_table_cell_that_wraps_a_number_joins_it_without_a_space() -> None:
    # a narrow cell draws "239.67" as "23" over "9.67"; a wrapped Latin word keeps its space
    def chars(text: str, top: float, index: int) -> list[_Char]:
        return [_Char(c, index + n, 10.0 * n, top - 10, 10.0 * n + 9, top) for n, c in enumerate(text)]

    assert _cell_text(chars("23", 100, 0) + chars("9.67", 80, 2)) == "239.67"
    assert _cell_text(chars("PVC", 100, 0) + chars("110", 80, 3)) == "PVC 110"


# ------------------------------------------------------------------ units and signs written around the number


def test_an_amount_in_wan_without_yuan_is_read_as_wanyuan() -> None:
    assert str(income("2023年度共取得收入合计239.67万，其中：财政拨款收入239.67万。")) == "239.67"


def test_wan_before_another_measure_word_is_no_money() -> None:
    ev = read("受益面积10万公顷，服务1.2万人次。")
    assert ev.budget.income.total is None and ev.unread == []


def test_an_amount_with_its_unit_in_brackets_is_read() -> None:
    assert str(income("2023年度共取得收入合计239.67（万元）。")) == "239.67"


def test_an_amount_with_the_yuan_sign_before_it_is_read() -> None:
    assert str(income("2023年度共取得收入合计￥239.67万元。")) == "239.67"


def test_the_yuan_sign_alone_means_yuan() -> None:
    ev = read("2023年度共取得收入合计￥1,305,200.00。")
    assert str(ev.budget.income.total) == "130.520000"
    assert ev.sources["budget.income.total"].original_unit == "元"


@pytest.mark.parametrize("dash", ["—", "——", "-", "–", "－"])
def test_a_dash_between_a_label_and_its_amount_is_no_minus_sign(dash: str) -> None:
    assert str(income(f"收入{dash}239.67万元。")) == "239.67"


def test_a_minus_after_wei_is_a_minus_sign() -> None:
    assert str(income("2023年度收入合计为-239.67万元。")) == "-239.67"


def test_the_minus_sign_character_is_a_minus_sign_even_after_a_label() -> None:
    assert str(income("收入合计−239.67万元。")) == "-239.67"


@pytest.mark.parametrize("written", ["200-300万元", "200万元-300万元", "200至300万元", "200～300万元"])
def test_a_range_of_amounts_is_left_unread_not_read_as_either_end(written: str) -> None:
    ev = read(f"2023年度共取得收入合计{written}。")
    assert ev.budget.income.total is None
    [unread] = ev.unread
    assert unread.text == written.replace("～", "~")  # full-width forms folded
    assert "区间" in unread.reason


def test_full_width_digits_are_read() -> None:
    assert str(income("2023年度共取得收入合计１２０.５０万元。")) == "120.50"


# ------------------------------------------------------------------ 元, 千元, 亿元, and a unit declared once


@pytest.mark.parametrize(
    ("written", "wanyuan", "unit"),
    [("1205000元", "120.5000", "元"), ("1205千元", "120.5", "千元"), ("0.012亿元", "120", "亿元"), ("1.2亿", "12000", "亿元")],
)
def test_an_amount_in_another_unit_is_converted_to_wanyuan_and_the_unit_kept(
    written: str, wanyuan: str, unit: str
) -> None:
    ev = read(f"2023年度共取得收入合计{written}。")
    assert str(ev.budget.income.total) == wanyuan
    assert ev.sources["budget.income.total"].original_unit == unit


TABLE_IN_YUAN = [
    "单位：元",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "总额",
    "1,000,000.00",
    "1,200,000.00",
    "1,180,000.00",
]


def test_a_tables_header_unit_applies_to_its_bare_numbers() -> None:
    ev = read(*TABLE_IN_YUAN)
    assert (str(ev.budget.initial), str(ev.budget.adjusted), str(ev.budget.executed)) == (
        "100.000000",
        "120.000000",
        "118.000000",
    )
    assert ev.sources["budget.adjusted"].original_unit == "元"


def test_a_heading_that_declares_a_unit_applies_it_to_its_sections_label_value_cells() -> None:
    ev = read("（一）收入支出情况（单位：元）", "收入合计", "1205000", "人员编制", "9")
    assert str(ev.budget.income.total) == "120.5000"
    assert ev.sources["budget.income.total"].original_unit == "元"
    assert ev.staffing.authorized_total == 9  # a count stays a count


def test_a_declared_unit_ends_at_the_next_section_heading() -> None:
    ev = read("（一）收入情况（单位：元）", "收入合计", "1205000", "（二）支出情况", "支出合计", "118.00万元")
    assert str(ev.budget.income.total) == "120.5000"
    assert str(ev.budget.expenditure.total) == "118.00"


def test_a_unit_declared_in_wanyuan_reads_bare_numbers_in_wanyuan() -> None:
    ev = read("（一）收入情况", "金额单位:万元", "收入合计", "120.5")
    assert str(ev.budget.income.total) == "120.5"
    assert ev.sources["budget.income.total"].original_unit is None


# ------------------------------------------------------------------ counts, percentages and changes


def test_staff_counts_in_chinese_numerals_are_read() -> None:
    ev = support.import_text(
        "示例县档案馆2023年度部门整体支出绩效自评报告\n一、部门基本情况\n核定编制二十三人，实有人员十二人，其中行政人员两人。\n"
    )
    assert (ev.staffing.authorized_total, ev.staffing.actual_total) == (23, 12)


def test_a_count_of_bodies_in_chinese_numerals_is_read() -> None:
    ev = support.import_text(
        "示例县档案馆2023年度部门整体支出绩效自评报告\n一、部门基本情况\n本馆内设十二个股室，分别是办公室、业务股。\n"
    )
    assert ev.unit.internal_bodies_stated == 12


def test_a_count_of_projects_in_chinese_numerals_is_read() -> None:
    assert read("（三）项目支出情况", "2023年共实施两个项目。").budget.projects_stated == 2


@pytest.mark.parametrize(("numeral", "value"), [("十二", 12), ("两", 2), ("二十三", 23), ("一百零五", 105), ("十", 10)])
def test_chinese_numerals_read_as_counts(numeral: str, value: int) -> None:
    assert cn_int(numeral) == value


def test_what_is_no_chinese_numeral_is_not_read_as_one() -> None:
    assert (cn_int("二三"), cn_int("十百"), cn_int("")) == (None, None, None)


@pytest.mark.parametrize("written", ["百分之九十八", "％98", "98％"])
def test_a_percentage_written_in_words_or_with_the_sign_first_is_read(written: str) -> None:
    assert str(read(f"2023年度预算执行率为{written}。").budget.execution_rate) == "98"


def test_a_percentage_in_words_with_a_decimal_is_read() -> None:
    assert canonical("占比百分之九十五点五") == "占比95.5%"


PERFORMANCE = (
    "示例县档案馆2023年度部门整体支出绩效自评报告\n一、部门基本情况\n六、部门整体支出绩效情况\n（一）产出指标\n"
    "1.成本指标\n{line}\n"
)


@pytest.mark.parametrize("written", ["减少3.2%", "−3.2%", "-3.2%", "下降3.2%"])
def test_a_fall_is_read_as_a_negative_change(written: str) -> None:
    ev = support.import_text(PERFORMANCE.format(line=f"“三公”经费变动率:年度指标值≤0,实际完成{written}。"))
    [indicator] = ev.performance.indicators
    assert indicator.actual is not None and indicator.actual.value == Decimal("-3.2")
    assert indicator.target is not None and indicator.target.value == Decimal("0")


def test_a_table_cell_reads_a_count_in_chinese_numerals() -> None:
    from jixiao.io.extract_performance import parse_measure

    assert parse_measure("≥十二个") == {"text": "≥十二个", "comparator": ">=", "value": Decimal(12), "unit": "个"}
    assert parse_measure("一年内完成") == {"text": "一年内完成"}  # a word, not a count


# ------------------------------------------------------------------ what cannot be read is left unread


@pytest.mark.parametrize(
    ("written", "why"),
    [("1,30.5万元", "逗号"), ("1 2 3万元", "空格"), ("23 9.67万元", "换行"), ("12,13,14万元", "逗号")],
)
def test_an_ambiguous_amount_is_left_unread_with_the_reason_not_guessed(written: str, why: str) -> None:
    ev = read(f"2023年度共取得收入合计{written}，其中：财政拨款收入100.00万元。")
    assert ev.budget.income.total is None
    [unread] = ev.unread
    assert unread.text == written
    assert why in unread.reason
    assert unread.source.line == 4 and unread.source.section == "二、一般公共预算支出情况"
    assert str(ev.budget.income.fiscal) == "100.00"  # the rest of the sentence is read


def test_each_figure_left_unread_keeps_its_own_line() -> None:
    ev = read("2023年度共取得收入合计1,30.5万元。", "其中：财政拨款收入100.00万元。", "2023年度共发生支出1 2 3万元。")
    assert [(u.text, u.source.line) for u in ev.unread] == [("1,30.5万元", 4), ("1 2 3万元", 6)]


def test_an_ambiguous_percentage_in_an_indicator_is_left_unread() -> None:
    ev = support.import_text(PERFORMANCE.format(line="资金到位率:年度指标值≥95%,实际完成1,00.0%。"))
    [indicator] = ev.performance.indicators
    assert indicator.actual is not None and indicator.actual.value is None
    assert [u.text for u in ev.unread] == ["1,00.0%"]


def test_a_lone_number_reads_only_when_its_form_is_unambiguous() -> None:
    assert [read_number(t) for t in ("1,305.20", "1 305.20", "−3.2", "1,30.5", "1 2 3", "abc")] == [
        Decimal("1305.20"),
        Decimal("1305.20"),
        Decimal("-3.2"),
        None,
        None,
        None,
    ]


def test_a_row_of_numbers_a_space_apart_is_not_one_number() -> None:
    # cells run together with spaces ("90 89.974 89.974"): no unit follows, so nothing is joined or reported
    assert canonical("本年财政拨款90 100 100") == "本年财政拨款90 100 100"
    assert unreadable("本年财政拨款90 100 100") == []


def test_the_import_summary_lists_what_could_not_be_read() -> None:
    text = summary_text(read("2023年度共取得收入合计1,30.5万元。"), "inline.txt")
    assert "未能读取的数字：1 处" in text
    assert "第 4 行“1,30.5万元”" in text


# ------------------------------------------------------------------ in a project report


def project(*body: str) -> Evaluation:
    lines = ["2023年度示例县农技推广项目支出绩效自评报告", "一、项目基本情况", *body, ""]
    return support.import_text("\n".join(lines), "project.txt")


def form_row(*cells: str) -> Evaluation:
    """A 项目支出绩效自评表 pasted as text, its cells a tab apart: the funds row given its cells."""
    return project(
        "项目支出绩效自评表",
        "项目名称\t农技推广项目",
        "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        "\t".join(("年度资金总额", *cells)),
    )


def test_a_project_form_reads_its_amounts_in_thousands_groups() -> None:
    ev = form_row("1,305.20", "1,305.20", "1,239.67", "10", "94.98%", "9.5")
    assert [str(v) for v in (ev.budget.initial, ev.budget.adjusted, ev.budget.executed)] == ["1305.20", "1305.20", "1239.67"]
    assert str(ev.budget.execution_rate) == "94.98"
    assert ev.unread == []  # the row's cells a tab apart are no number cut by spaces


def test_a_project_form_leaves_an_ambiguous_amount_unread_not_guessed() -> None:
    ev = form_row("30.00", "3,20.0", "30.40", "10", "95.00%", "9.5")
    assert ev.budget.adjusted is None
    assert "budget.adjusted" not in ev.sources
    [unread] = ev.unread
    assert (unread.text, unread.source.text) == ("3,20.0", "3,20.0")
    assert "千分位" in unread.reason
    assert [str(ev.budget.initial), str(ev.budget.executed)] == ["30.00", "30.40"]


def test_a_project_report_reads_the_funds_received_as_people_write_them() -> None:
    ev = project("项目预算1,305.20万元，到位资金1 305.20万元。")
    assert (str(ev.budget.adjusted), str(ev.project.received)) == ("1305.20", "1305.20")


def test_a_project_report_leaves_ambiguous_funds_received_unread() -> None:
    ev = project("项目预算48.00万元，到位资金1,30.5万元。")
    assert ev.project.received is None
    assert [u.text for u in ev.unread] == ["1,30.5万元"]


def test_a_project_report_reads_its_funds_by_source_in_wan_without_yuan() -> None:
    ev = project("其中，中央转移支付资金800万，省级配套资金505.2万。")
    assert [(line.label, str(line.adjusted)) for line in ev.project.funds] == [
        ("中央转移支付资金", "800"), ("省级配套资金", "505.2"),
    ]  # fmt: skip


# ------------------------------------------------------------------ properties of the vocabulary

_PIECES = st.sampled_from(
    [
        *("1", "23", "305", "9", "0", ".", ",", " ", "-", "—", "−", "至", "%"),
        *("万元", "元", "亿元", "万", "收入", "为", ":", "百分之", "九十五", "(万元)", "￥1", "￥305"),
    ]
)
written_text = st.lists(_PIECES, max_size=14).map("".join)


@given(written_text)
def test_canonical_text_is_canonical_already(text: str) -> None:
    once = canonical(text)
    assert canonical(once) == once


_NO_NUMERAL_WORDS = st.lists(_PIECES.filter(lambda p: p not in {"百分之", "九十五"}), max_size=14).map("".join)


@given(_NO_NUMERAL_WORDS)
def test_canonical_text_keeps_every_written_digit_in_order(text: str) -> None:
    assert re.sub(r"\D", "", canonical(text)) == re.sub(r"\D", "", text)


@given(written_text)
def test_no_amount_is_read_from_inside_a_figure_left_unread(text: str) -> None:
    text = canonical(text)
    spans = [(u.start, u.end) for u in unreadable(text)]
    for amount in AMOUNT.finditer(text):  # the amounts `figures` reads
        assert not any(start < amount.end() and amount.start() < end for start, end in spans), (text, amount)


_SPACED = st.lists(
    st.one_of(_PIECES, st.sampled_from(["  ", "\u3000", "\u2009", "\u202f", "\u2005", "\n", "\t", "百 分 之", "( 万 元 )"])),
    max_size=16,
).map(lambda pieces: narrow("".join(pieces)))


@given(_SPACED)
def test_the_search_of_a_whole_report_finds_every_line_with_a_number_to_rewrite(text: str) -> None:
    # one search of the whole text spares the lines without one the rewrite: it misses no line it would change
    forms = lines_with_number_forms(text)
    for n, line in enumerate(text.split("\n")):
        assert n in forms or canonical(squeeze(line)) == squeeze(line)


def test_numbers_a_space_apart_each_with_its_decimals_are_several_numbers_not_one_left_unread() -> None:
    # a table row as a PDF prints it: the 执行数 and the 执行率 are two cells, and a number ends with its decimals
    assert read("全年执行数及执行率 1736.58 97.29%").unread == []
    assert [u.text for u in read("全年执行数及执行率 1736 58 97.29%").unread] == ["1736 58 97.29%"]

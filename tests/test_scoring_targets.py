"""Targets as reports write them: direction, value and unit, comparators full-width and half-width."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.model import Measure
from jixiao.scoring.targets import parse_target, read_measure


@pytest.mark.parametrize(
    ("text", "direction", "comparator", "value", "unit"),
    [
        ("≥90%", "正向", ">=", "90", "%"),
        ("≤0", "反向", "<=", "0", None),
        ("=100%", "等于", "=", "100", "%"),
        ("4次", "正向", None, "4", "次"),
        ("3套", "正向", None, "3", "套"),
        ("100%", "正向", None, "100", "%"),
        ("≥2200篇", "正向", ">=", "2200", "篇"),
        ("＞＝95％", "正向", ">=", "95", "%"),
        (">=95%", "正向", ">=", "95", "%"),
        ("<=5万元", "反向", "<=", "5", "万元"),
        ("＜3起", "反向", "<", "3", "起"),
        ("＞80%", "正向", ">", "80", "%"),
        ("＝0", "等于", "=", "0", None),
        ("不低于95%", "正向", ">=", "95", "%"),
        ("不少于12期", "正向", ">=", "12", "期"),
        ("不高于16万元", "反向", "<=", "16", "万元"),
        ("不超过16万元", "反向", "<=", "16", "万元"),
        ("90%以上", "正向", ">=", "90", "%"),
        ("5万元以内", "反向", "<=", "5", "万元"),
        ("≥ 928 小时", "正向", ">=", "928", "小时"),
        ("１２次", "正向", None, "12", "次"),
    ],
)
def test_a_target_reads_as_its_direction_value_and_unit(
    text: str, direction: str, comparator: str | None, value: str, unit: str | None
) -> None:
    read = parse_target(text)
    assert (read.direction, read.comparator, read.value, read.unit) == (direction, comparator, Decimal(value), unit)


def test_a_target_without_a_comparator_is_marked_as_implied() -> None:
    assert parse_target("4次").implied and not parse_target("≥4次").implied


def test_words_without_a_figure_are_qualitative() -> None:
    read = parse_target("按时完成")
    assert (read.direction, read.value) == ("定性", None)


def test_words_without_a_figure_keep_a_leading_sign_and_a_year_end_deadline() -> None:
    signed = parse_target("≥较好")
    assert (signed.direction, signed.comparator, signed.value) == ("定性", ">=", None)
    assert (parse_target("年底前全部完成").direction, parse_target("年底前全部完成").date) == ("期限", (12, 31))
    assert parse_target("次年年底前").next_year
    assert parse_target("不低于往年水平").comparator is None  # a comparator word counts only before a figure


def test_a_date_is_a_deadline() -> None:
    read = parse_target("12月31日前")
    assert (read.direction, read.date, read.value) == ("期限", (12, 31), None)


def test_a_year_end_is_a_deadline_not_the_number_of_the_year() -> None:
    assert parse_target("2023年底前完成").date == (12, 31)


def test_the_importers_comparator_value_and_unit_are_kept() -> None:
    read = read_measure(Measure(text="≤0", comparator="<=", value=Decimal("0")))
    assert (read.direction, read.value) == ("反向", Decimal("0"))


def test_a_measure_the_importer_left_bare_is_read_from_its_text() -> None:
    read = read_measure(Measure(text="不超过16万元"))
    assert (read.direction, read.value, read.unit) == ("反向", Decimal("16"), "万元")


@pytest.mark.parametrize(("text", "value"), [("≥1,305.20万元", "1305.20"), ("≥1 305.20万元", "1305.20"), ("−3.2%", "-3.2")])
def test_a_figure_written_as_people_write_it_is_read(text: str, value: str) -> None:
    assert str(parse_target(text).value) == value


@pytest.mark.parametrize("text", ["1,00.0%", "1 2 3%"])
def test_a_figure_that_cannot_be_read_with_confidence_is_words_not_a_guess(text: str) -> None:
    reading = parse_target(text)
    assert (reading.direction, reading.value) == ("定性", None)

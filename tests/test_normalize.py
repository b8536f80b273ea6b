"""The fast text passes of normalisation agree with their plain definitions on any text."""

import re

from hypothesis import given
from hypothesis import strategies as st

from jixiao.io.normalize import _WIDTH, narrow, squeeze

# characters that matter here: full-width forms, CJK, ASCII words, every kind of space
_ALPHABET = st.sampled_from(list("ab1２Ｚ（）：，中文 \t\u3000\xa0\u200b\ufeff%.﹪∶〈〉"))
_TEXT = st.text(alphabet=_ALPHABET, max_size=30)
_ASCII_WORD = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


@given(_TEXT)
def test_narrow_is_translate(text: str) -> None:
    assert narrow(text) == text.translate(_WIDTH)


def _squeeze_by_definition(text: str) -> str:
    text = text.strip()
    out = []
    for match in re.finditer(r"\s+|\S+", text):
        run = match.group()
        if not run.isspace():
            out.append(run)
        elif text[match.start() - 1] in _ASCII_WORD and text[match.end()] in _ASCII_WORD:
            out.append(" ")
    return "".join(out)


@given(_TEXT)
def test_squeeze_keeps_one_space_only_between_ascii_words(text: str) -> None:
    text = narrow(text)
    assert squeeze(text) == _squeeze_by_definition(text)


def test_squeeze_examples() -> None:
    assert squeeze("239.67 万元") == "239.67万元"
    assert squeeze("占 100 %") == "占100%"
    assert squeeze("2023  5 31") == "2023 5 31"
    assert squeeze("PVC 110 管") == "PVC 110管"


def test_a_page_number_between_two_pages_does_not_cut_a_wrapped_paragraph() -> None:
    from jixiao.io.document import Line
    from jixiao.io.normalize import rejoin_wrapped

    full = "本年度收入合计一百二十万元其中财政拨款收入一百万元事业收入二十万元均已按"  # 36 characters, 72 units
    lines = [Line(1, full, 1), Line(2, "— 1 —", 1), Line(3, "规定使用。", 2), Line(4, "— 2 —", 2)]
    assert [(line.no, line.text) for line in rejoin_wrapped(lines)] == [(1, full + "规定使用。")]


def test_a_gbt_9704_line_of_28_characters_is_rejoined() -> None:
    from jixiao.io.document import Line
    from jixiao.io.normalize import rejoin_wrapped

    first = "二〇二三年度本单位共取得收入合计二百三十九点六七万"  # 25 characters and a comma's width: a wrapped 公文 line
    lines = [Line(1, first, 1), Line(2, "元。", 1), Line(3, "短行。", 1)]
    assert rejoin_wrapped(lines)[0].text == first + "元。"

"""Hypothesis strategies that mutate real reports: the seed, our example and every corpus text, changed the
ways real files differ from them.

A case is one text with a few mutations applied in turn — lines deleted, duplicated, swapped, joined or
split (as a PDF breaks them); thousands separators put into numbers; a figure of the text replaced by
another number (long ones, tiny ones and exponents among them); unit words, digits, CJK punctuation, report
phrases and whole statements of a figure ("其中人员经费618.35万元，占基本支出的83.32%") inserted; headings
renumbered in another style — then written with another line ending and encoding. Every mutation is a
small value (`Step`) that prints what it did, so a failing case reads as a recipe that can be replayed on
the same text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from hypothesis import strategies as st

from tests import support

# ---------------------------------------------------------------------------------------------- the texts


@cache
def sources() -> tuple[tuple[str, str], ...]:
    """(name, text) of every real report we hold: the seed, our example and the corpus (headers dropped)."""
    shared = support.shared_dir()
    texts = [(path.name, path.read_text(encoding="utf-8")) for path in sorted((shared / "seeds").glob("*.txt"))]
    example = support.ROOT / "examples" / "qingshan_nongye_2024.txt"
    texts.append((example.name, example.read_text(encoding="utf-8")))
    for path in sorted((shared / "corpus").glob("*.txt")):
        texts.append((path.name, support.strip_corpus_header(path.read_text(encoding="utf-8"))))
    return tuple(texts)


# ---------------------------------------------------------------------------------------------- what goes in

SEPARATORS = [",", "，", " ", "\u2009", "\u00a0", "\u202f", "'"]
UNIT_WORDS = ["万元", "元", "亿元", "千元", "万", "（万元）", "(万元)", "%", "％", "人", "个", "分", "￥", "单位：元"]
PUNCTUATION = [*"。，；：、（）“”《》【】…—·％！？", "——", "……", "\u3000", " ", "\t"]
PHRASES = [
    "其中人员经费",
    "占基本支出的",
    "公用经费",
    "基本支出",
    "项目支出",
    "收入合计",
    "支出合计",
    "全年预算数",
    "全年执行数",
    "年初预算数",
    "预算执行率",
    "财政拨款收入",
    "资产总额",
    "配置通用设备",
    "三公经费",
    "编制",
    "实有人数",
    "内设机构",
    "自评得分",
    "自评等级为",
    "指标值",
    "实际完成值",
    "≥",
    "≤",
    "占",
    "共",
    "个项目",
    "下设",
    "（一）",
    "1、",
    "①",
    "一、",
    "|",
    ":",
]
# numbers as no report should hold them, and as some do: long, tiny, huge, signed, odd forms
ODD_NUMBERS = [
    "100000000000000000000",
    "35948133849580805473243965925",
    "1e999999",
    "1E-999999",
    "0.000000000000000000000001",
    "9" * 60,
    "-0",
    "00012.50",
    ".5",
    "5.",
    "1.2.3",
    "NaN",
    "Infinity",
    "１２３．４５",
    "二〇二四",
]

_LEVEL1 = re.compile(r"^(\s*)([一二三四五六七八九十]+)、")
_LEVEL2 = re.compile(r"^(\s*)[（(]([一二三四五六七八九十]+)[）)]")
_LONG_NUMBER = re.compile(r"\d{4,}")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CN = "一二三四五六七八九十"
# how headings may be numbered instead of 一、 / （一）: n is the heading's place among those of its level
RENUMBERINGS = [
    lambda n: f"{n}. ",
    lambda n: f"{n}、",
    lambda n: f"{n}.1 ",
    lambda n: f"{_CN[(n - 1) % 10]} ",
    lambda n: f"第{_CN[(n - 1) % 10]}部分 ",
    lambda n: f"({n})",
    lambda n: "",
]


# ---------------------------------------------------------------------------------------------- mutations


@dataclass(frozen=True)
class Step:
    """One mutation: what it does (`kind`), where (`line`, `column`, `other`, taken modulo the text) and with
    what (`text`, or an index into RENUMBERINGS / SEPARATORS)."""

    kind: str
    line: int
    column: int = 0
    other: int = 0
    text: str = ""

    def apply(self, lines: list[str]) -> list[str]:
        if not lines:
            return [self.text] if self.kind == "insert" else lines
        at = self.line % len(lines)
        if self.kind == "delete":
            return lines[:at] + lines[at + 1 :]
        if self.kind == "duplicate":
            return lines[: at + 1] + lines[at:]
        if self.kind == "join":
            return [*lines[:at], "".join(lines[at : at + 2]), *lines[at + 2 :]]
        if self.kind == "split":
            line = lines[at]
            column = self.column % (len(line) + 1)
            return [*lines[:at], line[:column], line[column:], *lines[at + 1 :]]
        if self.kind == "swap":
            other = self.other % len(lines)
            swapped = list(lines)
            swapped[at], swapped[other] = swapped[other], swapped[at]
            return swapped
        if self.kind == "insert":
            line = lines[at]
            column = self.column % (len(line) + 1)
            return [*lines[:at], line[:column] + self.text + line[column:], *lines[at + 1 :]]
        if self.kind == "figure":  # the n-th number of the line becomes `text`
            numbers = list(_NUMBER.finditer(lines[at]))
            if not numbers:
                return lines
            found = numbers[self.column % len(numbers)]
            return [*lines[:at], lines[at][: found.start()] + self.text + lines[at][found.end() :], *lines[at + 1 :]]
        if self.kind == "separate":
            separator = SEPARATORS[self.other % len(SEPARATORS)]
            return [*lines[:at], _LONG_NUMBER.sub(lambda m: _grouped(m[0], separator), lines[at]), *lines[at + 1 :]]
        if self.kind == "renumber":
            return _renumbered(lines, RENUMBERINGS[self.other % len(RENUMBERINGS)], second=bool(self.column % 2))
        raise ValueError(f"no mutation {self.kind}")


def _grouped(digits: str, separator: str) -> str:
    """'1305' → '1,305' with the separator given."""
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(groups)


def _renumbered(lines: list[str], style: object, second: bool) -> list[str]:
    """Every heading of the first level (or, `second`, of the second) numbered in `style` instead."""
    pattern = _LEVEL2 if second else _LEVEL1
    out, n = [], 0
    for line in lines:
        match = pattern.match(line)
        if match:
            n += 1
            line = match[1] + style(n) + line[match.end() :]  # type: ignore[operator]
        out.append(line)
    return out


_POSITION = st.integers(min_value=0, max_value=10_000)
# the numbers a figure may be replaced by: odd forms, long ones, tiny ones, exponents
_NUMBERS = st.one_of(
    st.sampled_from(ODD_NUMBERS), st.from_regex(r"-?\d{1,30}(\.\d{1,25})?(e-?\d{1,7})?", fullmatch=True)
)
LABELS = [phrase for phrase in PHRASES if len(phrase) >= 2 and phrase[0] not in "（1①一|:≥≤"]


def statements() -> st.SearchStrategy[str]:
    """A figure stated as reports state them: a label, an amount with its unit, maybe a share of a whole."""
    share = st.builds(
        lambda whole, number: f"，占{whole}{number}%",
        st.sampled_from(["", "基本支出的", "支出合计的", "收入合计的", "总支出的"]),
        _NUMBERS,
    )
    return st.builds(
        lambda label, number, unit, of: f"{label}{number}{unit}{of}。",
        st.sampled_from(LABELS),
        _NUMBERS,
        st.sampled_from(["万元", "元", "亿元", "人", "个", "%"]),
        st.one_of(st.just(""), share),
    )


def steps() -> st.SearchStrategy[Step]:
    inserted = st.one_of(
        statements(),
        st.sampled_from(UNIT_WORDS),
        st.sampled_from(PUNCTUATION),
        st.sampled_from(PHRASES),
        _NUMBERS,
        st.builds(
            lambda number, unit: number + unit,
            st.from_regex(r"\d{1,6}(\.\d{1,2})?", fullmatch=True),
            st.sampled_from(UNIT_WORDS),
        ),
    )
    return st.one_of(
        st.builds(Step, st.just("delete"), _POSITION),
        st.builds(Step, st.just("duplicate"), _POSITION),
        st.builds(Step, st.just("swap"), _POSITION, other=_POSITION),
        st.builds(Step, st.just("join"), _POSITION),
        st.builds(Step, st.just("split"), _POSITION, column=_POSITION),
        st.builds(Step, st.just("insert"), _POSITION, column=_POSITION, text=inserted),
        st.builds(Step, st.just("separate"), _POSITION, other=_POSITION),
        st.builds(Step, st.just("figure"), _POSITION, column=_POSITION, text=_NUMBERS),
        st.builds(Step, st.just("renumber"), st.just(0), column=_POSITION, other=_POSITION),
    )


# ---------------------------------------------------------------------------------------------- a case

ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16"]
LINE_ENDINGS = ["\n", "\r\n", "\r"]


@dataclass(frozen=True)
class Case:
    """A real text, mutated, as the bytes of a txt file."""

    source: str
    steps: tuple[Step, ...]
    encoding: str
    ending: str

    @property
    def text(self) -> str:
        lines = dict(sources())[self.source].splitlines()
        for step in self.steps:
            lines = step.apply(lines)
        return self.ending.join(lines) + self.ending

    @property
    def data(self) -> bytes:
        return self.text.encode(self.encoding)


def cases() -> st.SearchStrategy[Case]:
    return st.builds(
        Case,
        st.sampled_from([name for name, _ in sources()]),
        st.lists(steps(), min_size=1, max_size=8).map(tuple),
        st.sampled_from(ENCODINGS),
        st.sampled_from(LINE_ENDINGS),
    )

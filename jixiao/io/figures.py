"""Find the amounts a sentence states, each with the words before it and any share that follows.

"其中：财政拨款收入180.40万元，占 96%；事业收入 7.50 万元" gives ("财政拨款收入", 180.40 万元, 96) and
("事业收入", 7.50 万元, None). The label is the text between the previous figure (or clause boundary) and this
one, so the extractors can tell what an amount is from its own words. Amounts are read as `numerals`
defines them: a figure it cannot read with confidence is no figure here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.money import parse_decimal, to_wanyuan
from jixiao.io.numerals import AMOUNT, amount_value, money_unit

_SHARE = re.compile(r"[,，]?(?:占[^\d%,;。]{0,10}?|比重为?|比例为?)(?P<share>\d+(?:\.\d+)?)%")
_LABEL_CUT = re.compile(r"[,;:。]")
_SENTENCE_END = re.compile(r"(?<=[。;])")


@dataclass(frozen=True, slots=True)
class Figure:
    label: str  # the words just before the amount, within its clause
    # the words before a colon that opens the sentence ahead of the amount: the row a table row's figures
    # belong to ("财政专户管理资金:年初预算0.00万元"); None without such a colon
    head: str | None
    amount: Decimal  # in 万元
    unit: str  # as written, by its full name (a bare 万 is 万元)
    share: Decimal | None
    share_words: str  # the words of the share as written ("，占基本支出的83.32%"); "" without one
    lead: str  # the whole text since the previous figure (or the sentence start), across clauses


def figures(sentence: str) -> list[Figure]:
    found: list[Figure] = []
    prev_end = 0
    # Each figure costs the length of its own words, not of the sentence around it: a sentence may be a
    # whole report whose punctuation was lost, with thousands of figures in it.
    colon = sentence.find(":")
    head = sentence[:colon] if colon >= 0 else None
    for match in AMOUNT.finditer(sentence):
        value = amount_value(match["num"])
        if value is None:
            continue
        unit = money_unit(match["unit"])
        before = sentence[prev_end : match.start()]
        label = _LABEL_CUT.split(before.rstrip(":"))[-1]  # "收入:792.22万元": the label precedes the colon
        share_match = _SHARE.match(sentence, match.end())
        share = parse_decimal(share_match["share"]) if share_match else None
        row = head if head is not None and colon < match.start() else None
        words = share_match[0] if share_match else ""
        found.append(Figure(label, row, to_wanyuan(value, unit), unit, share, words, before))
        prev_end = share_match.end() if share_match else match.end()
    return found


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s]

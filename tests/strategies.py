"""Hypothesis strategies for arbitrary valid `Evaluation` objects.

The strategy walks the pydantic model's field annotations, so a field added to the model is generated
without touching this file; an annotation it does not know fails loudly (`TypeError`) instead of being
skipped. Values are chosen to stress the canonical printer: text that looks like a number, a boolean,
null or a date; quotes, colons, '#', full-width punctuation, leading and trailing spaces, several lines;
decimals whose written precision varies (Decimal("0.50") is not Decimal("0.5") for a round trip).
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from decimal import Decimal
from typing import Any, Literal

import annotated_types
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from jixiao.core.model import Evaluation, FundLine, ProjectInfo

# ---------------------------------------------------------------------------------------------- text

# Whole values a YAML printer must quote (or may not), because a reader could take them for something else.
TRICKY_TEXT = [
    "",
    " ",
    "239.67",
    "0.50",
    "-3.000",
    "1e3",
    ".5",
    "0x1F",
    "0o17",
    "011",
    "+1",
    "1_000",
    ".inf",
    "-.inf",
    ".nan",
    "true",
    "True",
    "FALSE",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "null",
    "Null",
    "NULL",
    "~",
    "2024-03-14",
    "2024-03-14T10:00:00",
    "2024-3-14",
    "12:30",
    "1:20:30",
    "- item",
    "-",
    "? key",
    ": value",
    "key: value",
    "a #b",
    "#comment",
    "'single'",
    '"double"',
    "it's",
    "[1, 2]",
    "{a: 1}",
    "*alias",
    "&anchor",
    "!tag",
    "!!str",
    "%YAML 1.2",
    "@at",
    "`tick",
    "|",
    ">",
    "---",
    "...",
    "--- x",
    "<<",
    "=",
    "≥90%",
    "≤ 5%",
    "＞100",
    "100%",
    "3套",
    "按时完成",
    "优",
    "（一）部门基本情况",
    "一、部门基本情况",
    "①",
    "单位：万元",
    "“十四五”",
    "《绩效自评表》",
    "\u3000\u3000正文缩进",
    "全角空格结尾\u3000",
    "不间断\u00a0空格",
    "\\n",
    "C:\\路径\\文件",
]

# Characters a report plausibly holds besides letters: ASCII and full-width punctuation, YAML indicators.
SPECIAL_CHARS = list(" :#'\"-?[]{},&*!|>%@`~\\/=<+.;") + list(
    "，。、；：？！“”‘’（）《》【】〔〕…—·％＜＞≥≤＝－\u3000\u00a0"
)


def _characters() -> st.SearchStrategy[str]:
    # Printable: letters, marks, numbers, punctuation, symbols and spaces; no control, format or
    # private-use characters, no surrogates, no line or paragraph separators.
    return st.one_of(
        st.sampled_from(SPECIAL_CHARS),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK
        st.characters(categories=["L", "M", "N", "P", "S", "Zs"]),
    )


def _line() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(TRICKY_TEXT), st.text(_characters(), max_size=12))


def _padded(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    spaces = st.sampled_from(["", "", "", " ", "  ", "\u3000"])
    return st.builds(lambda lead, body, trail: lead + body + trail, spaces, inner, spaces)


def _multiline() -> st.SearchStrategy[str]:
    lines = st.lists(_padded(_line()), min_size=2, max_size=4)
    return st.one_of(
        lines.map("\n".join),
        # A trailing or leading newline, or blank lines inside.
        st.builds(
            lambda ls, lead, trail: lead + "\n".join(ls) + trail,
            lines,
            st.sampled_from(["", "\n"]),
            st.sampled_from(["", "\n", "\n\n"]),
        ),
    )


def texts() -> st.SearchStrategy[str]:
    """Text as a report holds it: one line or several, with the values a YAML printer must be careful with."""
    return st.one_of(_padded(_line()), _multiline())


# ---------------------------------------------------------------------------------------------- values


def decimals() -> st.SearchStrategy[Decimal]:
    """Finite decimals with 0..6 places, built from an integer and a scale so the written precision varies."""
    return st.builds(
        lambda n, places: Decimal(n).scaleb(-places),
        st.integers(min_value=-(10**12), max_value=10**12),
        st.integers(min_value=0, max_value=6),
    )


SOURCE_PATHS = [
    "unit.name",
    "fiscal_year",
    "report_date",
    "staffing.authorized_total",
    "budget.income.total",
    "budget.expenditure.basic",
    "budget.fiscal_expenditure.by_economic[2].amount",
    "performance.indicators[2].actual",
    "performance.indicators[0].target.value",
    "self_assessment.grade",
]


def source_keys() -> st.SearchStrategy[str]:
    """Dotted field paths with list indexes, as `Evaluation.sources` uses them."""
    name = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=10)
    part = st.one_of(name, st.builds(lambda n, i: f"{n}[{i}]", name, st.integers(min_value=0, max_value=12)))
    return st.one_of(st.sampled_from(SOURCE_PATHS), st.lists(part, min_size=1, max_size=4).map(".".join))


MAX_LIST = 3

_SCALARS: dict[Any, Any] = {
    str: texts,
    Decimal: decimals,
    int: st.integers,
    bool: st.booleans,
    dt.date: st.dates,
}


def for_annotation(annotation: Any, bounds: dict[str, Any] | None = None) -> st.SearchStrategy[Any]:
    """A strategy for one field annotation of the model; `bounds` (min_value, max_value) limit its integers."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [for_annotation(arg, bounds) for arg in args if arg is not type(None)]
        if type(None) in args:
            options.insert(0, st.none())
        return st.one_of(*options)
    if origin is Literal:
        return st.sampled_from(args)
    if origin is list:
        return st.lists(for_annotation(args[0]), max_size=MAX_LIST)
    if origin is dict:
        if args[0] is not str:
            raise TypeError(f"no strategy for dict keys of {annotation!r}")
        return st.dictionaries(source_keys(), for_annotation(args[1]), max_size=MAX_LIST)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return models(annotation)
    if annotation is int and bounds:
        return st.integers(**bounds)
    if annotation in _SCALARS:
        return _SCALARS[annotation]()
    raise TypeError(f"no strategy for the annotation {annotation!r}: teach tests/strategies.py about it")


def _bounds(info: FieldInfo) -> dict[str, Any]:
    """The integer bounds a field declares (`Field(ge=…, le=…)`), as st.integers takes them."""
    bounds: dict[str, Any] = {}
    for limit in info.metadata:
        if isinstance(limit, annotated_types.Ge):
            bounds["min_value"] = limit.ge
        elif isinstance(limit, annotated_types.Le):
            bounds["max_value"] = limit.le
    return bounds


@functools.cache
def models(model: type[BaseModel]) -> st.SearchStrategy[Any]:
    """Valid instances of a pydantic model, every field drawn from its annotation."""
    fields = {name: for_annotation(info.annotation, _bounds(info)) for name, info in model.model_fields.items()}
    return st.builds(model, **fields)


def evaluations() -> st.SearchStrategy[Evaluation]:
    """Arbitrary valid evaluations."""
    return models(Evaluation)


def project_evaluations() -> st.SearchStrategy[Evaluation]:
    """Arbitrary valid 项目支出 evaluations: the project's own block filled, with at least one line of funds."""

    def project(ev: Evaluation, info: ProjectInfo, funds: list[FundLine]) -> Evaluation:
        return ev.model_copy(update={"kind": "项目支出", "project": info.model_copy(update={"funds": funds})})

    return st.builds(project, evaluations(), models(ProjectInfo), st.lists(models(FundLine), min_size=1, max_size=3))

"""The editing forms, built from the core model: each field of `jixiao.core.model.Evaluation` becomes an
input named by its field path, each list of models an editable table, and the sections follow the report's
outline. Nothing here lists every field: a field the model gains (the 项目支出 kind's, say) appears by
itself, in the outline section of its parent or else in "其他信息".

`parse(section, post, current)` turns a posted form back into the evaluation's plain data: the same
conversions for every form (texts trimmed, blanks as null — never zero —, decimals exactly as typed,
measures read by the importer's own `parse_measure`), with the field errors by path.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
import types
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from jixiao.core.model import Evaluation as CoreEvaluation
from jixiao.core.money import parse_decimal
from jixiao.core.paths import path_steps
from jixiao.io.extract_performance import parse_measure

Kind = Literal["text", "textarea", "int", "decimal", "date", "bool", "lines", "choice", "measure"]

# the outline: each section's fields (a model's path takes all of it); what no section names goes last
OUTLINE: list[tuple[str, str, list[str]]] = [
    ("basic", "基本信息", ["kind", "title", "unit.name", "unit.short_name", "unit.budget_code", "fiscal_year", "report_date"]),
    ("s1", "一、部门基本情况", ["unit", "staffing", "functions", "overall_task", "key_tasks"]),
    ("s2", "二、一般公共预算支出情况", ["budget.initial", "budget.adjusted", "budget.executed", "budget.execution_rate",
                                  "budget.income", "budget.expenditure", "budget.fiscal_expenditure", "budget.projects",
                                  "budget.projects_stated", "assets", "three_public"]),
    ("s3", "三至五、政府性基金、国有资本经营、社会保险基金预算支出",
     ["budget.government_fund", "budget.state_capital", "budget.social_insurance"]),
    ("s6", "六、部门整体支出绩效情况", ["performance"]),
    ("s7", "七、存在的问题及原因分析", ["problems"]),
    ("s8", "八、下一步改进措施", ["measures"]),
    ("s9", "九、自评结果拟应用和公开情况", ["results_use"]),
    ("s10", "十、其他需要说明的情况", ["other_matters"]),
    ("self", "自评结论", ["self_assessment"]),
]  # fmt: skip
OTHER = ("other", "其他信息")
NOT_EDITED = {"outline", "sources", "restated"}  # what the importer found, not what a person fills in

LONG_TEXT = {"overall_task", "results_use", "other_matters", "purpose", "deviation", "text"}
# labels for the fields the model leaves without a description
LABELS = {
    "kind": "类型", "title": "报告标题", "report_date": "报告日期", "unit": "单位", "staffing": "人员编制",
    "budget": "预算数", "income": "收入", "expenditure": "支出", "fiscal_expenditure": "财政拨款支出",
    "assets": "资产", "three_public": "“三公”经费", "performance": "绩效目标与指标", "indicators": "绩效指标",
    "self_assessment": "自评结论", "total": "合计", "basic": "基本支出", "project": "项目支出", "name": "名称",
    "code": "编码", "amount": "金额（万元）", "share": "占比（%）", "spent": "实际支出（万元）", "projects": "项目",
    "count": "人数", "stated_none": "明确说明无此类支出", "by_kind": "分类", "authorized_by_kind": "核定编制（分类）",
    "actual_by_kind": "实有人数（分类）", "acquisitions": "按资产类别配置", "fiscal_year": "评价年度",
    "level2": "二级指标", "level1": "一级指标", "purpose": "用途", "text": "说明", "grade": "自评等级",
}  # fmt: skip


@dataclass
class Input:
    path: str  # the full path, or relative to a table row
    label: str
    kind: Kind
    choices: tuple[str, ...] = ()
    required: bool = False


@dataclass
class Table:
    path: str
    label: str
    columns: list[Input]


@dataclass
class Group:
    path: str
    label: str
    items: list[Input | Table | Group] = field(default_factory=list)


@dataclass
class Section:
    slug: str
    title: str
    items: list[Input | Table | Group]

    def inputs(self) -> list[Input]:
        return list(_inputs(self.items))

    def tables(self) -> list[Table]:
        return list(_tables(self.items))


def _inputs(items: list[Input | Table | Group]) -> typing.Iterator[Input]:
    for item in items:
        if isinstance(item, Input):
            yield item
        elif isinstance(item, Group):
            yield from _inputs(item.items)


def _tables(items: list[Input | Table | Group]) -> typing.Iterator[Table]:
    for item in items:
        if isinstance(item, Table):
            yield item
        elif isinstance(item, Group):
            yield from _tables(item.items)


# ------------------------------------------------------------------------------------------ the model walked


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The type inside `X | None`, and whether None was allowed."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _label(name: str, info: Any, parent: str | None = None) -> str:
    """The field's Chinese name: its description up to a colon or an ASCII aside, unless that is only a
    list of examples (行政 / 事业 …); else our label, else "<parent>占比" for a share."""
    text = (info.description or "").split("：")[0]
    text = re.sub(r"\s*\([ -~]*\)\s*$", "", text).strip()
    if text and " / " not in text and not text.isascii() and len(text) <= 20:
        return text
    if name in LABELS:
        return LABELS[name]
    if name.endswith("_share") and parent is not None:
        return f"{parent}占比（%）"
    return name


def _scalar(name: str, tp: Any, optional: bool) -> tuple[Kind, tuple[str, ...]] | None:
    if tp is bool:
        return "bool", ()
    if tp is int:
        return "int", ()
    if tp is Decimal:
        return "decimal", ()
    if tp is dt.date:
        return "date", ()
    if tp is str:
        return ("textarea" if name in LONG_TEXT else "text"), ()
    if typing.get_origin(tp) is Literal:
        return "choice", tuple(str(a) for a in typing.get_args(tp))
    return None


def describe(model: type[BaseModel], prefix: str = "") -> list[Input | Table | Group]:
    """Inputs, tables and groups for every field of `model` under `prefix`."""
    items: list[Input | Table | Group] = []
    labels: dict[str, str] = {}
    for name, info in model.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        tp, optional = _unwrap(info.annotation)
        stem = name.removesuffix("_share")
        label = _label(name, info, labels.get(stem))
        labels[name] = label
        scalar = _scalar(name, tp, optional)
        if scalar is not None:
            required = not optional and info.is_required()
            items.append(Input(path, label, scalar[0], scalar[1], required))
        elif _is_model(tp):
            items.append(Group(path, label, describe(tp, path)))
        elif typing.get_origin(tp) is list:
            (inner,) = typing.get_args(tp)
            if inner is str:
                items.append(Input(path, label, "lines"))
            elif _is_model(inner):
                items.append(Table(path, label, _columns(inner)))
    return items


def _columns(model: type[BaseModel], prefix: str = "") -> list[Input]:
    """A table row's inputs, relative to the row; a nested measure is one text column read by parse_measure."""
    columns: list[Input] = []
    for name, info in model.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        tp, optional = _unwrap(info.annotation)
        label = _label(name, info)
        scalar = _scalar(name, tp, optional)
        if scalar is not None:
            columns.append(Input(path, label, scalar[0], scalar[1], not optional and info.is_required()))
        elif _is_model(tp) and "text" in tp.model_fields and tp.model_fields["text"].is_required():
            columns.append(Input(path, label, "measure"))
        elif _is_model(tp):
            columns.extend(_columns(tp, path))
    return columns


def _find(items: list[Input | Table | Group], path: str) -> Input | Table | Group | None:
    for item in items:
        if item.path == path:
            return item
        if isinstance(item, Group) and path.startswith(item.path + "."):
            return _find(item.items, path)
    return None


def _without(item: Input | Table | Group, named: list[str]) -> Input | Table | Group:
    if not isinstance(item, Group):
        return item
    return Group(item.path, item.label, [_without(i, named) for i in item.items if i.path not in named])


def _uncovered(items: list[Input | Table | Group], named: list[str]) -> list[Input | Table | Group]:
    """The items no section names: whole, or the parts of a group only some of whose parts are named."""
    left: list[Input | Table | Group] = []
    for item in items:
        if item.path in named or item.path.split(".")[0] in NOT_EDITED:
            continue
        if isinstance(item, Group) and any(n.startswith(item.path + ".") for n in named):
            rest = _uncovered(item.items, named)
            if rest:
                left.append(Group(item.path, item.label, rest))
        else:
            left.append(item)
    return left


def sections(model: type[BaseModel] = CoreEvaluation) -> list[Section]:
    tree = describe(model)
    result: list[Section] = []
    named: list[str] = []
    for slug, title, paths in OUTLINE:
        found = [item for p in paths if (item := _find(tree, p)) is not None]
        items = [_without(item, named) for item in found]  # a field named by an earlier section stays there
        named.extend(item.path for item in items)
        if items:
            result.append(Section(slug, title, items))
    rest = _uncovered(tree, named)
    if rest:
        result.append(Section(OTHER[0], OTHER[1], rest))
    return result


SECTIONS = sections()
SECTION_BY_SLUG = {s.slug: s for s in SECTIONS}


# ------------------------------------------------------------------------------------------ plain data


def get_at(data: Any, path: str) -> Any:
    node = data
    for step in path_steps(path):
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and step < len(node) else None
        else:
            node = node.get(step) if isinstance(node, dict) else None
        if node is None:
            return None
    return node


def set_at(data: dict[str, Any], path: str, value: Any) -> None:
    """Set a value at a path, making the dicts on the way (an optional part absent until now)."""
    steps = path_steps(path)
    node: Any = data
    for step, after in itertools.pairwise(steps):
        child = node[step] if isinstance(step, int) else node.get(step)
        if child is None:
            child = [] if isinstance(after, int) else {}
            node[step] = child
        node = child
    node[steps[-1]] = value


def display(value: Any, kind: Kind) -> str:
    """What an input shows for a plain value."""
    if value is None:
        return ""
    if kind == "lines":
        return "\n".join(str(v) for v in value)
    if kind == "measure":
        return str(value.get("text") or "") if isinstance(value, dict) else ""
    if kind == "bool":
        return "1" if value else ""
    return str(value)


class Parsed(typing.NamedTuple):
    data: dict[str, Any]
    errors: dict[str, str]  # path → Chinese message


def _convert(raw: str | None, kind: Kind, required: bool) -> tuple[Any, str | None]:
    text = (raw or "").strip()
    if kind == "bool":
        return bool(raw), None
    if kind == "lines":
        return [line.strip() for line in (raw or "").splitlines() if line.strip()], None
    if not text:
        return ("" if required else None), ("必填" if required else None)
    if kind == "int":
        return (int(text), None) if re.fullmatch(r"-?\d+", text) else (None, "应为整数")
    if kind == "decimal":
        number = parse_decimal(text)
        return (str(number), None) if number is not None else (None, "应为数字")
    if kind == "date":
        found = re.fullmatch(r"(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})日?", text)
        if not found:
            return None, "应为日期，如 2024年3月14日 或 2024-03-14"
        try:
            return dt.date(*map(int, found.groups())).isoformat(), None
        except ValueError:
            return None, "日期不存在"
    if kind == "measure":
        return parse_measure(text), None
    return (raw or "").strip(), None


def parse(section: Section, post: Any, current: dict[str, Any]) -> Parsed:
    """The plain data with the section's posted values in place of the current ones (`current` untouched)."""
    data = copy.deepcopy(current)
    errors: dict[str, str] = {}
    sources: dict[str, Any] = data.setdefault("sources", {}) or {}
    for item in section.inputs():
        value, error = _convert(post.get(item.path), item.kind, item.required)
        if error:
            errors[item.path] = error
        if value != get_at(current, item.path):
            set_at(data, item.path, value)
            sources.pop(item.path, None)  # the value is the form's now, not the file's
    for table in section.tables():
        _parse_table(table, post, current, data, sources, errors)
    data["sources"] = sources
    return Parsed(data, errors)


ROW_KEY = "__row"  # the hidden input each table row carries: its index in the saved list, or "new"


def _parse_table(
    table: Table, post: Any, current: dict[str, Any], data: dict[str, Any], sources: dict[str, Any], errors: dict[str, str]
) -> None:
    old_rows = get_at(current, table.path) or []
    keys = post.getlist(f"{table.path}.{ROW_KEY}")
    rows: list[dict[str, Any]] = []
    moved: dict[str, Any] = {}
    for n, key in enumerate(keys):
        origin = int(key) if key.isdigit() and int(key) < len(old_rows) else None
        row = copy.deepcopy(old_rows[origin]) if origin is not None else {}
        for column in table.columns:
            raw = post.get(f"{table.path}[{key}].{column.path}")
            value, error = _convert(raw, column.kind, column.required)
            if error:
                errors[f"{table.path}[{n}].{column.path}"] = error
            before = get_at(old_rows[origin], column.path) if origin is not None else None
            if column.kind == "measure" and value is not None and before is not None and before.get("text") == value["text"]:
                value = before  # the measure unchanged: keep what the importer read of it
            if value != before or origin is None:
                set_at(row, column.path, value)
        if origin is not None:  # the row's sources follow it to its new place, edited fields' dropped
            old_prefix, new_prefix = f"{table.path}[{origin}]", f"{table.path}[{n}]"
            for path, location in sources.items():
                if path == old_prefix or path.startswith((old_prefix + ".", old_prefix + "[")):
                    rel = path[len(old_prefix):]
                    if get_at(row, rel.lstrip(".")) == get_at(old_rows[origin], rel.lstrip(".")) or not rel:
                        moved[new_prefix + rel] = location
        rows.append(row)
    prefix = table.path + "["
    for path in [p for p in sources if p.startswith(prefix)]:
        del sources[path]
    sources.update(moved)
    set_at(data, table.path, rows)


def validate(data: dict[str, Any]) -> tuple[CoreEvaluation | None, dict[str, str]]:
    """The core evaluation from plain data, or the model's objections by path."""
    try:
        return CoreEvaluation.model_validate(data), {}
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for err in exc.errors():
            path = ""
            for part in err["loc"]:
                path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
            errors[path] = "取值不符合要求" if err["type"] != "missing" else "必填"
        return None, errors

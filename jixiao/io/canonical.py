"""The canonical files: YAML a unit can keep in version control and edit by hand, JSON, and the JSON Schema.

YAML is read with a resolver that recognises only null and booleans: every other scalar stays text and
the model decides its type, so `239.67` is read as the exact Decimal "239.67" (never a float), `0.50`
keeps its two decimals and `2024-03-14` becomes a date only where the model expects one. The printer
writes fields in the model's order, omits what is unset, puts multi-line text in literal blocks and the
`sources:` block last; `load(print(x)) == x` for every evaluation.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path, PurePath
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString

from jixiao.core.errors import InputError
from jixiao.core.model import Evaluation
from jixiao.core.text_yaml import text_yaml

SUFFIXES = frozenset({".yaml", ".yml", ".json"})  # a file with one of these is canonical, not a report


def _yaml() -> YAML:
    yaml = text_yaml()
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096  # long Chinese paragraphs stay on one line instead of folding mid-sentence
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(LiteralScalarString, _literal)
    yaml.representer.sort_base_mapping_type_on_output = False  # keep the model's field order
    return yaml


def _literal(representer: Any, data: LiteralScalarString) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:str", str(data), style="|")


def _blocks(node: Any) -> Any:
    """Multi-line text as literal blocks, so a section's body reads in the file as it does in the report."""
    if isinstance(node, dict):
        return {key: _blocks(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_blocks(value) for value in node]
    if isinstance(node, int) and not isinstance(node, bool):
        return str(node)  # written plain; the model reads it back as an integer
    if isinstance(node, str) and "\n" in node and not node.endswith((" ", "\n")) and not node.startswith(" "):
        return LiteralScalarString(node)
    return node


def to_plain(evaluation: Evaluation, full: bool = False) -> dict[str, Any]:
    """Plain values (decimals and dates as strings). `full` keeps unset fields as null, as JSON output does."""
    if full:
        return evaluation.model_dump(mode="json")
    return evaluation.model_dump(mode="json", exclude_defaults=True)


# Entries of a long list or mapping given to the YAML printer at a time: it holds a graph of what it prints,
# some KB a value, and a report stated thousands of figures over (a hostile one, to its length limit: tens of
# thousands) would make that graph a GB.
CHUNK_ENTRIES = 500


def dumps_yaml(evaluation: Evaluation) -> str:
    """The canonical YAML: each top-level field printed in turn, a long list or mapping a chunk at a time, the
    same text as printing the whole at once (a chunk after the first drops its repeated "key:" line)."""
    yaml = _yaml()
    stream = io.StringIO()
    plain = _blocks(to_plain(evaluation))
    if not plain:  # nothing set: "{}"
        yaml.dump(plain, stream)
    for key, value in plain.items():
        for n, chunk in enumerate(_chunks(value)):
            part = io.StringIO()
            yaml.dump({key: chunk}, part)
            stream.write(part.getvalue() if n == 0 else part.getvalue().split("\n", 1)[1])
    return stream.getvalue()


def _chunks(value: Any) -> list[Any]:
    if isinstance(value, list) and len(value) > CHUNK_ENTRIES:
        return [value[i : i + CHUNK_ENTRIES] for i in range(0, len(value), CHUNK_ENTRIES)]
    if isinstance(value, dict) and len(value) > CHUNK_ENTRIES:
        entries = list(value.items())
        return [dict(entries[i : i + CHUNK_ENTRIES]) for i in range(0, len(entries), CHUNK_ENTRIES)]
    return [value]


def dumps_json(evaluation: Evaluation | list[Evaluation]) -> str:
    """The JSON, written piece by piece as it is encoded: `json.dumps` with an indent would first make a
    list of every piece, several times the text for a report of many figures."""
    plain = [to_plain(e, full=True) for e in evaluation] if isinstance(evaluation, list) else to_plain(evaluation, full=True)
    stream = io.StringIO()
    json.dump(plain, stream, ensure_ascii=False, indent=2)
    return stream.getvalue()


def loads_yaml(text: str, name: str = "<yaml>") -> Evaluation:
    try:
        data = _yaml().load(text)
    except YAMLError as exc:
        raise InputError(name, f"YAML 格式错误：{_yaml_problem(exc)}") from None
    return _validate(data, name)


def loads_json(text: str, name: str = "<json>") -> Evaluation:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(name, f"JSON 格式错误：第 {exc.lineno} 行第 {exc.colno} 列，{exc.msg}") from None
    return _validate(data, name)


def load_canonical(path: Path) -> Evaluation:
    from jixiao.io.readers import read_bytes

    return loads_canonical(str(path), read_bytes(path))


def loads_canonical(name: str, data: bytes) -> Evaluation:
    """A canonical file already read: JSON when `name` ends in .json, else YAML."""
    from jixiao.io.limits import MAX_JSON_BYTES, MAX_YAML_BYTES, refuse_large_file
    from jixiao.io.readers import decode_text

    is_json = PurePath(name).suffix.lower() == ".json"
    # YAML is parsed in pure Python, some tens of KB a second: JSON, parsed in C, may be larger
    if is_json:
        refuse_large_file(name, len(data), MAX_JSON_BYTES, "JSON 文件", "请检查文件内容")
    else:
        refuse_large_file(name, len(data), MAX_YAML_BYTES, "YAML 文件", "数据量大时请改用 JSON 格式")
    text = decode_text(name, data)
    if is_json:
        return loads_json(text, name)
    return loads_yaml(text, name)


def _validate(data: Any, name: str) -> Evaluation:
    if not isinstance(data, dict):
        raise InputError(name, "内容不是一份绩效自评数据（顶层应为键值对）。")
    try:
        return Evaluation.model_validate(data)
    except ValidationError as exc:
        problems = "；".join(
            f"{'.'.join(str(p) for p in err['loc']) or '（顶层）'}：{_pydantic_message(err)}" for err in exc.errors()[:5]
        )
        more = f"（另有 {exc.error_count() - 5} 处）" if exc.error_count() > 5 else ""
        raise InputError(name, f"数据不符合模型：{problems}{more}") from None


_MESSAGES = {
    "extra_forbidden": "不认识的字段",
    "decimal_parsing": "应为数字",
    "int_parsing": "应为整数",
    "date_from_datetime_parsing": "应为日期（如 2024-03-14）",
    "date_parsing": "应为日期（如 2024-03-14）",
    "missing": "缺少必填字段",
    "bool_parsing": "应为 true 或 false",
    "literal_error": "取值不在允许范围内",
    "list_type": "应为列表",
    "dict_type": "应为键值对",
    "model_type": "应为键值对",
    "string_type": "应为文字",
    "finite_number": "应为有限的数字",
    "decimal_type": "应为数字",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "int_parsing_size": "整数过大",
    "bool_type": "应为 true 或 false",
    "date_type": "应为日期（如 2024-03-14）",
    "date_from_datetime_inexact": "应为日期（如 2024-03-14）",
    "model_attributes_type": "应为键值对",
}


def _pydantic_message(err: Any) -> str:
    return _MESSAGES.get(err["type"], err["msg"])


_YAML_PROBLEMS = [
    (re.compile(r'found duplicate key "(.*?)"'), "键 {0} 重复出现"),
    (re.compile(r"found character '\\t' that cannot start any token"), "含有制表符（缩进请用空格）"),
    (re.compile(r"mapping values are not allowed here"), "此处不能有“键: 值”（检查缩进和冒号）"),
    (re.compile(r"found unexpected end of stream"), "文件意外结束（引号或括号未闭合？）"),
    (re.compile(r"but found another document"), "只能有一份文档（不能用 --- 分隔多份）"),
    (re.compile(r"found undefined alias '(.*?)'"), "未定义的别名 {0}"),
    (re.compile(r"could not determine a constructor for the tag '(.*?)'"), "不支持的标签 {0}"),
]


def _yaml_problem(exc: YAMLError) -> str:
    """Where the YAML is broken (1-based line and column) and what is wrong, in Chinese where we know it."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列，" if mark is not None else ""
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or _first_line(exc)
    for pattern, message in _YAML_PROBLEMS:
        found = pattern.search(problem)
        if found:
            return where + message.format(*found.groups())
    return f"{where}语法有误（{problem}）"


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def json_schema() -> dict[str, Any]:
    schema = Evaluation.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "jixiao 绩效自评：部门整体与项目支出 (Evaluation)"
    return schema

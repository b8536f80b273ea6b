"""Every field path the importer can write exists in the model: enumerated from the extractors' source, and
checked again when a path is written (`Context`), so a path the model lacks is caught where it is made."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from jixiao.core.model import Evaluation
from jixiao.core.paths import field_paths, path_shape
from jixiao.io.context import FIELDS
from tests import support

IO = support.ROOT / "jixiao" / "io"
# the modules that write into an evaluation through a Context (context.py is the Context itself)
WRITERS = sorted(
    path for path in IO.glob("*.py") if "ctx: Context" in path.read_text(encoding="utf-8") and path.name != "context.py"
)
# a dotted field path, its list indexes written "[]"
PATH_SHAPE = re.compile(r"^[a-z][a-z_]*(?:\[\])?(?:\.[a-z][a-z_]*(?:\[\])?)+$")
HOLE = "\x00"  # where an f-string's placeholder stood
WRITE_CALLS = {"put", "append", "cite", "get"}


def _text(node: ast.expr) -> str | None:
    """A string constant as it is, an f-string with each placeholder as HOLE; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else HOLE for part in node.values
        )
    return None


def _indexes(text: str) -> str:
    """The path with its index holes (an f-string's "[{n}]", a template's "[{}]") as indexes."""
    return text.replace(f"[{HOLE}]", "[0]").replace("[{}]", "[0]")


def _shape(text: str) -> str:
    return path_shape(_indexes(text))


def _strings(module: Path) -> list[tuple[int, str]]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            found.append((node.lineno, _text(node)))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append((node.lineno, node.value))
    return [(line, text) for line, text in found if text is not None]


def _path_like(text: str) -> bool:
    """A path written out (placeholders anywhere): dotted lowercase names and index brackets only."""
    skeleton = path_shape(_indexes(text)).replace(HOLE, "x")
    return "." in text and PATH_SHAPE.match(skeleton) is not None


def _written_paths() -> list[tuple[str, int, str]]:
    """(module, line, path as written) of every path-like literal in the writing modules; of every literal or
    f-string given as the path of a Context's `put`, `append`, `cite` or `get` (`ctx.put`, `self.ctx.put`), of
    the `put` and `cite` of a helper holding the Context (`self.put`: extract_project's form reader), or of a
    function taking the Context first and the path next; and, for a dict written whole under a literal path, of each of its keys
    (an item built elsewhere is checked when it is written, by `Context`)."""
    paths = []
    for module in WRITERS:
        for line, text in _strings(module):
            if _path_like(text):
                paths.append((module.name, line, text))
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            if isinstance(node.func, ast.Attribute) and (
                (_is_ctx(node.func.value) and node.func.attr in WRITE_CALLS)
                or (_is_self(node.func.value) and node.func.attr in {"put", "cite"})
            ):
                args = node.args
            elif node.args and _is_ctx(node.args[0]):
                args = node.args[1:]
            else:
                continue
            if not args or (text := _text(args[0])) is None:
                continue
            paths.append((module.name, node.lineno, text))
            if isinstance(node.func, ast.Attribute) and len(args) > 1 and isinstance(args[1], ast.Dict):
                item = f"{text}[{HOLE}]" if node.func.attr == "append" else text
                for key in args[1].keys:
                    if isinstance(key, ast.Constant) and isinstance(key.value, str):
                        paths.append((module.name, node.lineno, f"{item}.{key.value}"))
    return paths


def _is_ctx(node: ast.expr | None) -> bool:
    """`ctx`, or a helper's `self.ctx`."""
    return (isinstance(node, ast.Name) and node.id == "ctx") or (isinstance(node, ast.Attribute) and node.attr == "ctx")


def _is_self(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "self"


def test_the_writing_modules_are_the_extractors_and_the_loader() -> None:
    names = {module.name for module in WRITERS}
    assert {"extract_budget.py", "extract_staffing.py", "extract_performance.py", "extract_project.py", "load.py"} <= names


def test_the_paths_of_a_project_self_evaluation_are_enumerated_too() -> None:
    shapes = {_shape(text) for module, _, text in _written_paths() if module == "extract_project.py"}
    assert {
        "project.overview",
        "project.implementer",
        "project.funds[].executed",
        "project.received",
        "budget.initial",
        "performance.indicators[].deviation",
        "self_assessment.execution_weight",
    } <= shapes


def test_the_extractors_write_many_paths_and_compose_none_but_their_indexes() -> None:
    paths = _written_paths()
    assert len({_shape(text) for _, _, text in paths}) > 40
    composed = [(module, line, text.replace(HOLE, "{…}")) for module, line, text in paths if HOLE in _indexes(text)]
    assert composed == [], "write each field path out in full; only list indexes may be computed"


def test_every_path_an_extractor_writes_is_a_field_of_the_model() -> None:
    missing = [f"{module}:{line} {text!r}" for module, line, text in _written_paths() if _shape(text) not in FIELDS]
    assert missing == []


def test_the_fields_are_computed_from_the_model_itself() -> None:
    fields = field_paths(Evaluation)
    assert fields == FIELDS
    assert fields["budget.expenditure.personnel_share"] is True
    assert fields["staffing.actual_by_kind[].count"] is False  # a count is required where a kind is listed
    assert "budget.expenditure.personnel_total" not in fields

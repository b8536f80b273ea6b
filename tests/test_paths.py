"""Field paths resolve alike on an evaluation and on the plain dicts an import builds (core/paths.py)."""

from pydantic import BaseModel

from jixiao.core.paths import path_steps, value_at
from jixiao.io import load_report
from tests import support


def _leaf_paths(node: object, prefix: str = "") -> list[str]:
    """Every path to a value that is not a model or a list, through the model's fields and list items."""
    if isinstance(node, BaseModel):
        out: list[str] = []
        for name in type(node).model_fields:
            out += _leaf_paths(getattr(node, name), f"{prefix}.{name}" if prefix else name)
        return out
    if isinstance(node, list):
        return [p for i, item in enumerate(node) for p in _leaf_paths(item, f"{prefix}[{i}]")]
    return [prefix]


def test_every_field_of_the_seed_reads_the_same_on_the_model_and_on_its_dump() -> None:
    ev = load_report(support.seed_path())
    dumped = ev.model_dump()
    paths = [p for p in _leaf_paths(ev) if not p.startswith("sources")]
    assert len(paths) > 100
    for path in paths:
        assert value_at(ev, path) == value_at(dumped, path), path


def test_an_absent_step_or_an_unknown_name_reads_as_none() -> None:
    ev = load_report(support.seed_path())
    assert value_at(ev, "budget.no_such_field") is None
    assert value_at(ev, "budget.projects[999].spent") is None
    assert value_at(ev, "self_assessment.score.real") is None  # the score is absent: no step past it
    assert path_steps("budget.projects[2].spent") == ("budget", "projects", 2, "spent")

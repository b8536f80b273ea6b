"""Every rule is documented: docs/rules.md is the generated catalogue, and each rule explains itself in Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jixiao.checks import RULES
from jixiao.checks.output import catalogue
from jixiao.core.findings import CATEGORY_NAMES

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_docs_hold_the_current_rule_catalogue() -> None:
    assert DOCS.read_text(encoding="utf-8") == catalogue(), "docs/rules.md is stale: run `make docs`"


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_each_rule_is_documented_in_the_catalogue(rule_id: str) -> None:
    assert f"### `{rule_id}` — " in DOCS.read_text(encoding="utf-8")


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_each_rule_has_a_stable_id_a_known_category_and_a_chinese_explanation(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule.id)
    assert rule.category in CATEGORY_NAMES
    assert rule.severity in {"error", "warning", "info"}
    assert _CJK.search(rule.title) and "\n" not in rule.title
    assert _CJK.search(rule.explanation) and len(rule.explanation) > len(rule.title)

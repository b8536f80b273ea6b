"""政府收支分类科目: the functional and economic classification at 类 level, as versioned data per fiscal year.

The tables are `classes_<year>.json` beside this file; a year without its own table uses the nearest
earlier one (codes change little from year to year, and a report is never dated before 2018's reform).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

_DIR = Path(__file__).parent


@lru_cache(maxsize=8)
def _table(year: int | None) -> dict[str, dict[str, str]]:
    years = sorted(int(p.stem.rsplit("_", 1)[1]) for p in _DIR.glob("classes_*.json"))
    chosen = max((y for y in years if year is None or y <= year), default=years[0])
    data: dict[str, dict[str, str]] = json.loads((_DIR / f"classes_{chosen}.json").read_text("utf-8"))
    return data


@lru_cache(maxsize=16)
def _names(kind: str, year: int | None) -> dict[str, tuple[str, str]]:
    """Every way a report writes a class name ("一般公共服务", "一般公共服务支出") → (code, name)."""
    names: dict[str, tuple[str, str]] = {}
    for code, canonical in _table(year)[kind].items():
        stem = canonical.removesuffix("支出")
        for written in (canonical, stem, stem + "支出"):
            names.setdefault(written, (code, canonical))
    return names


def _lookup(kind: str, name: str, year: int | None) -> tuple[str, str] | None:
    return _names(kind, year).get(name.replace("(类)", "").replace("（类）", ""))


def functional_class(name: str, year: int | None = None) -> tuple[str, str] | None:
    """(code, name) of a 支出功能分类 类 written as in a report ("一般公共服务（类）支出"), or None."""
    return _lookup("functional", name, year)


def economic_class(name: str, year: int | None = None) -> tuple[str, str] | None:
    """(code, name) of a 部门支出经济分类 类 ("工资福利支出", "对个人和家庭的补助支出"), or None."""
    return _lookup("economic", name, year)

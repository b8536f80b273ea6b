"""Count: a stated number of bodies, units or projects ("内设 8 个", "直属事业单位 10 个", "共 3 个项目")
against the items the text actually lists.

A list that names an item twice is reported with both counts (listed and distinct). A list the text
marks as open ("办公室、预算股等 16 个股室") may hold fewer names than the count, so that is not an error.
A blank is not zero: where the text states no count, or lists no names, nothing is compared.
"""

from __future__ import annotations

import re
from itertools import repeat
from typing import Any, cast

from jixiao.checks.labels import label
from jixiao.checks.registry import Look, rule
from jixiao.core.findings import CheckResult
from jixiao.core.model import Evaluation

# an "item" that is itself a count ("八个内部机构") names nothing
_COUNT_PHRASE = re.compile(r"^[一二三四五六七八九十两\d]+个")
# "股室7个:办公室" → the label and its count are not part of the first name
_COUNT_PREFIX = re.compile(r"^[^:：、]{0,12}?\d+个[:：]")
_SPACE = re.compile(r"\s+")
# a place prefix ("南县", "县") does not make a different body: 南县国库集中支付中心 = 县国库集中支付中心
_PLACE = re.compile(r"^[\u4e00-\u9fff]{0,6}?[省市县区]")
_PLACES = frozenset("省市县区")
_CORE_MIN = 6  # a suffix shorter than this ("办公室") is a common word, not the same body
_STRIP = "。.,，;；:： "
# each list's Chinese name, for the messages, and where the unit's lists' names are shared within a run
_WHAT = {at: label(at) for at in ("unit.internal_bodies", "unit.subordinate_units", "budget.projects")}
_SHARED = {at: f"count.names {at}" for at in ("unit.internal_bodies", "unit.subordinate_units")}


def _names(items: list[str]) -> list[str]:
    """The listed names as comparable strings; items that are counts, not names, are left out."""
    joined = "".join(items)
    if "个" not in joined and " " not in joined and "\t" not in joined:
        # the common list, with only stripping to do: done in C, without bytecode per item
        return list(filter(None, map(str.strip, items, repeat(_STRIP))))
    names = []
    for item in items:
        name = item
        if "个" in name:  # cheap tests first: most names need neither expression
            name = _COUNT_PREFIX.sub("", name)
            if _COUNT_PHRASE.match(name):
                continue
        if " " in name or "\t" in name:
            name = _SPACE.sub("", name)
        name = name.strip(_STRIP)
        if name:
            names.append(name)
    return names


def _open_list(look: Look, at: str, last: str) -> bool:
    """The text ends the list with 等 ("…、乡镇财政等16个股室"): it names some, not all."""
    source = look.ev.sources.get(at)
    if source is None or not source.text or "等" not in source.text:
        return False
    return f"{last}等" in _SPACE.sub("", source.text)


def _listed(look: Look, at: str, items: list[str]) -> list[str]:
    """The names of the unit's list at `at`, worked out once per run: count-listed-in-both reads them again."""
    return cast(list[str], look.once(_SHARED[at], _names, items))


def _count(look: Look, stated_path: str, list_path: str, names: list[str], stated: int | None) -> None:
    if not names:
        return
    listed, distinct = len(names), len(set(names))
    if distinct == listed and (stated is None or stated == listed):  # the common case: nothing to say
        if stated is not None:
            look.passed()
        return
    what = _WHAT[list_path]
    repeated: list[str] = []
    if distinct < listed:
        counts: dict[str, int] = {}
        for name in names:
            counts[name] = counts.get(name, 0) + 1
        repeated = [name for name, n in counts.items() if n > 1]  # in the order first listed
    evidence: dict[str, Any] = {"stated": stated, "listed": listed, "distinct": distinct}
    if repeated:
        evidence["repeated"] = "、".join(repeated)
    twice = f"（其中“{'”“'.join(repeated)}”重复列出，去重后为 {distinct} 个）" if repeated else ""
    if stated is None:
        look.fail(
            f"{what}列出 {listed} 个名称{twice}：同一名称不应重复列出。",
            at=list_path,
            evidence=evidence,
            severity="warning",
        )
        return
    if listed < stated and not repeated and _open_list(look, list_path, names[-1]):
        look.passed()  # "…等N个": the text itself says the list is not complete
        return
    if listed == stated:
        detail = f"个数相同，但{twice.strip('（）')}，实际只有 {distinct} 个不同名称"
    else:
        more = "多" if listed > stated else "少"
        detail = f"列出的比所称的{more} {abs(listed - stated)} 个{twice}"
    look.fail(
        f"文中称{what} {stated} 个，但列出 {listed} 个：{detail}。请核对所称个数与所列名称。",
        at=stated_path,
        evidence=evidence,
    )


@rule("count-internal-bodies", "count", "error", "所称内设机构个数与列出的机构不符")
def check_internal_bodies(ev: Evaluation, look: Look) -> CheckResult:
    """文中所称内设机构个数（如“内设8个内设机构”）应等于其后列出的机构名称个数。

    同一名称重复列出时，同时给出列出个数和去重后的个数。列举以“等”结尾（“办公室、预算股等16个股室”）时，
    列出的少于所称个数不算错误。文中没有所称个数或没有列出名称时不核对。"""
    _unit_list(look, "internal_bodies")
    return look.result()


@rule("count-subordinate-units", "count", "error", "所称下属单位个数与列出的单位不符")
def check_subordinate_units(ev: Evaluation, look: Look) -> CheckResult:
    """文中所称下属单位、直属单位、二级机构个数（如“直属事业单位10个”）应等于列出的单位名称个数。

    同一名称重复列出时，同时给出列出个数和去重后的个数；列举以“等”结尾时，列出的少于所称个数不算错误。"""
    _unit_list(look, "subordinate_units")
    return look.result()


def _unit_list(look: Look, field: str) -> None:
    """One of the unit's lists (内设机构, 下属单位) against the number the text states of it."""
    unit = look.ev.unit
    items: list[str] = getattr(unit, field)
    if items:
        path = f"unit.{field}"
        _count(look, f"{path}_stated", path, _listed(look, path, items), getattr(unit, f"{field}_stated"))


@rule("count-projects", "count", "error", "所称项目个数与列出的项目不符")
def check_projects(ev: Evaluation, look: Look) -> CheckResult:
    """文中所称项目个数（如“共实施项目3个”）应等于分项目列出的项目个数。

    同一项目名称重复列出时，同时给出列出个数和去重后的个数；列举以“等”结尾时，列出的少于所称个数不算错误。"""
    if not ev.budget.projects:
        return look.result()
    _count(
        look,
        "budget.projects_stated",
        "budget.projects",
        _names([p.name for p in ev.budget.projects]),
        ev.budget.projects_stated,
    )
    return look.result()


def _core(name: str) -> str:
    place = _PLACE.match(name)
    return name[place.end() :] if place is not None else name


def _listed_in_both(internal: list[str], subordinate: list[str]) -> list[tuple[str, str]]:
    """(internal name, subordinate name) pairs naming the same body: equal once a place prefix is dropped, or one
    ending with the other's whole name when that is long enough not to be a common word."""
    # both kinds of pair end alike, or both end with a place (a name that is all place prefix has an empty core):
    # lists that cannot hold one are done with before any name is taken apart
    inner_ends, sub_ends = {name[-1] for name in internal}, {name[-1] for name in subordinate}
    if inner_ends.isdisjoint(sub_ends) and (inner_ends.isdisjoint(_PLACES) or sub_ends.isdisjoint(_PLACES)):
        return []
    inner_by_core = {_core(name): name for name in internal}
    cores = tuple(inner_by_core)
    inners = "\n".join(inner_by_core.values())
    pairs: list[tuple[str, str]] = []
    for sub in subordinate:
        # what any pair needs, tested before the name is taken apart: a name with the same core, or one it ends
        # with, ends with that core; a long enough name another ends with is found in them
        if not sub.endswith(cores) and not (len(sub) >= _CORE_MIN and sub in inners):
            continue
        core = _core(sub)
        if core in inner_by_core:
            pairs.append((inner_by_core[core], sub))
            continue
        long_sub = len(core) >= _CORE_MIN
        for inner_core, inner in inner_by_core.items():
            if (len(inner_core) >= _CORE_MIN and len(sub) > len(inner) and sub.endswith(inner)) or (
                long_sub and len(inner) > len(sub) and inner.endswith(sub)
            ):
                pairs.append((inner, sub))
                break
    return pairs


@rule("count-listed-in-both", "count", "warning", "同一单位既列为内设机构又列为下属单位")
def check_listed_in_both(ev: Evaluation, look: Look) -> CheckResult:
    """同一名称既出现在内设机构中、又出现在下属（直属）单位中，机构设置的表述前后矛盾，或重复计数。

    名称比较时忽略地名前缀（“南县国库集中支付中心”与“县国库集中支付中心”视为同一单位）。"""
    if not ev.unit.internal_bodies or not ev.unit.subordinate_units:
        return look.result()
    internal = _listed(look, "unit.internal_bodies", ev.unit.internal_bodies)
    subordinate = _listed(look, "unit.subordinate_units", ev.unit.subordinate_units)
    if not internal or not subordinate:
        return look.result()
    both = _listed_in_both(internal, subordinate)
    if not both:
        look.passed()
        return look.result()
    for inner, sub in both:
        shown = f"“{sub}”" if inner == sub else f"“{sub}”（内设机构中写作“{inner}”）"
        look.fail(
            f"{shown}既列为内设机构，又列为下属单位：请核对机构设置，同一单位不应在两处同时计数。",
            at="unit.subordinate_units",
            evidence={"internal": inner, "subordinate": sub},
        )
    return look.result()

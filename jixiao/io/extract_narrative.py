"""The unit's own words: functions, tasks, problems, measures, how results are used, other matters.

Lists are split at their numbering (1、 (1) ① 一是 …); an unnumbered section is one item per paragraph.
A section that says only "无" has no items, and keeps its text in the outline for the checker.
"""

from __future__ import annotations

import re

from jixiao.io.context import Context
from jixiao.io.outline import ITEM_MARK

_NOTHING = re.compile(r"^(?:无|暂无|没有|无其他需要说明的情况)[^\u4e00-\u9fff]*$|^暂无(?:问题|其他)?.{0,6}$")


def items(ctx: Context, indexes: list[int]) -> list[tuple[int, str]]:
    """Numbered items (continuation lines joined), or one item per paragraph when nothing is numbered."""
    numbered = any(ITEM_MARK.match(ctx.text(i)) for i in indexes)
    found: list[tuple[int, str]] = []
    for i in indexes:
        text = ctx.text(i)
        if numbered and not ITEM_MARK.match(text) and found:
            found[-1] = (found[-1][0], found[-1][1] + text)
            continue
        found.append((i, ITEM_MARK.sub("", text, count=1).strip()))
    return [(i, t) for i, t in found if t and not _NOTHING.match(t)]


def _put_list(ctx: Context, path: str, found: list[tuple[int, str]]) -> None:
    for i, text in found:
        ctx.append(path, text, i)


def extract_narrative(ctx: Context) -> None:
    _put_list(ctx, "functions", items(ctx, ctx.body("functions")))
    _tasks(ctx)
    _put_list(ctx, "problems", items(ctx, ctx.body("problems")))
    _put_list(ctx, "measures", items(ctx, ctx.body("measures")))
    for key, path in (("results_use", "results_use"), ("other", "other_matters")):
        body = ctx.body(key)
        if body:
            ctx.put(path, "\n".join(ctx.text(i) for i in body), body[0])


_OVERALL = re.compile(r"^(?:部门)?(?:年度)?总体(?:工作)?(?:任务|目标)[:]?")
_KEY = re.compile(r"^(?:部门)?(?:年度)?重点(?:工作)?(?:任务|目标)[:]?")


def _tasks(ctx: Context) -> None:
    body = ctx.body("tasks")
    overall: list[int] = []
    key: list[int] = []
    current: list[int] | None = None
    inline: dict[int, str] = {}  # "年度总体工作任务：…" with its text on the same line
    for i in body:
        text = ctx.text(i)
        for pattern, target in ((_OVERALL, overall), (_KEY, key)):
            match = pattern.match(text)
            if match:
                current = target
                rest = text[match.end() :].strip()
                if rest:
                    inline[i] = rest
                    target.append(i)
                break
        else:
            (current if current is not None else key).append(i)
    if overall:
        ctx.put("overall_task", "\n".join(inline.get(i, ctx.text(i)) for i in overall), overall[0])
    key_items = items(ctx, key)
    _put_list(ctx, "key_tasks", [(i, inline.get(i, text)) for i, text in key_items])

"""Staffing (编制 and 实有, in total and by kind, 财政供养) and the unit's internal bodies and subordinates.

A staffing sentence is read as a sequence of counts. A count whose words say 编制 (and not 在编) is the
establishment; 实有 / 实际在编 / 在职 is the actual staff; a kind word (行政、事业、工勤 …) makes it a part,
attached to whichever total the sentence last stated. Parenthesised counts that start with 含 are subsets
and are not parts of the sum.
"""

from __future__ import annotations

import re

from jixiao.io.context import Context
from jixiao.io.numerals import CN_DIGITS, CN_NUMBER, COUNT, cn_int

# "11人" / "6名" / "二十三人", or a form cell joined as "人员编制:21"; not "第一名" or a digit's tail
_COUNT = re.compile(rf"(?=[\d{CN_DIGITS}])(?:(?<![\d.第])(?P<n>\d{{1,5}}|{CN_NUMBER})(?:人|名)|(?<=:)(?P<m>\d{{1,5}})$)")
_AUTHORIZED = re.compile(r"编制(?:人)?数?$")
_ACTUAL = re.compile(r"实有|在编|在职|现有|人数$|人员$|教师数?$")
_TOTAL_WORDS = re.compile(r"核定|实有|实际|现有|在职|在编|共有|共计|^共|总数|合计|全部")
_SUFFIX = re.compile(r"(?:编制人数|编制数|编制|人员|人数|身份)$")
_RETIRED = re.compile(r"离退休(?:人员|人数)?$")
_FUNDED = re.compile(r"财政(?:实际)?(?:供给|供养)")
_STAFF_WORDS = re.compile(r"编制|实有|在编|在职|供养|供给|离退休")
_BODY_WORDS = re.compile(r"内设|下设|直属|下属|二级机构")
_ANY_WORDS = re.compile(f"{_STAFF_WORDS.pattern}|{_BODY_WORDS.pattern}")
_CLAUSE_CUT = re.compile(r"[,;:。(、]")
_LABEL_LEAD = re.compile(r"^(?:其中|截至|截止|\d{4}年(?:底|末|度)?|[\u4e00-\u9fff]{0,4}(?:本|我)(?:局|院|校|部门|单位|委|办|中心))+")
_LABEL_VERB = re.compile(r"(?:为|共|有|是|达)$")
# a kind of staff named by itself, without 编制 or 实有: a part of the total the sentence stated last
_KIND_WORD = re.compile(r"^(?:公务员|参公人员|参照公务员管理人员|专业技术人员|专技人员|管理人员|工勤人员|事业人员|行政人员|教师)$")


def extract_staffing(ctx: Context) -> None:
    for i in ctx.body_lines():
        text = ctx.text(i)
        if not _ANY_WORDS.search(text):  # one search rules out the lines that are about neither
            continue
        if _STAFF_WORDS.search(text) and _COUNT.search(text):
            _staff_sentence(ctx, i, text)
        if _BODY_WORDS.search(text):
            _bodies(ctx, i, text)


def _label(before: str) -> str:
    label = _CLAUSE_CUT.split(before.rstrip(":"))[-1]
    label = _LABEL_LEAD.sub("", label)
    return _LABEL_VERB.sub("", label.strip())


def _staff_sentence(ctx: Context, i: int, text: str) -> None:
    side: str | None = None  # the side of the total the sentence stated last
    paren_side: str | None = None  # inside "(…)" right after a total, parts belong to that total
    in_paren = False
    last_was_total = False
    among = False  # after "其中" in the same sentence: counts of parts, never a total of the unit's
    prev_end = 0
    for match in _COUNT.finditer(text):
        before = text[prev_end : match.start()]
        prev_end = match.end()
        clause = re.split(r"[。;]", before)
        if len(clause) > 1:
            among = False  # a new sentence or clause: its counts are what it says they are
        if "其中" in clause[-1]:
            among = True
        if "(" in before:
            in_paren = True
            opens_after_total = last_was_total and before.index("(") <= 1 and not before.startswith("(含")
            paren_side = side if opens_after_total else None
        if ")" in before:
            in_paren, paren_side = False, None
        label = _label(before)
        n = cn_int(match["n"] or match["m"])
        if not label or n is None or (in_paren and paren_side is None):
            continue
        last_was_total = False
        if _RETIRED.search(label):
            ctx.put("staffing.retired", n, i, label=label)
        elif _FUNDED.search(label):
            ctx.put("staffing.funded", n, i, label=label)
        elif side is not None and _KIND_WORD.match(label):
            # "其中公务员35人，工勤人员5人": a kind of staff after a total, on that total's side
            _put_kind(ctx, i, paren_side or side, _SUFFIX.sub("", label), n)
        elif (authorized := bool(_AUTHORIZED.search(label)) and "在编" not in label) or _ACTUAL.search(label):
            own_side = "authorized" if authorized else "actual"
            kind = _SUFFIX.sub("", label)
            if _TOTAL_WORDS.search(label) or kind in {"", "人员"}:
                # "其中，局机关在职113人": one part's head count, in a total's words
                if not in_paren and not among:
                    side, last_was_total = own_side, True
                    ctx.put(_SIDES[own_side][0], n, i, label=label)
            else:
                _put_kind(ctx, i, paren_side or own_side, kind, n)


# per side of the staffing: its total's field, its list by kind, and (an index to fill in) a count in that list
_SIDES = {
    "authorized": ("staffing.authorized_total", "staffing.authorized_by_kind", "staffing.authorized_by_kind[{}].count"),
    "actual": ("staffing.actual_total", "staffing.actual_by_kind", "staffing.actual_by_kind[{}].count"),
}


def _put_kind(ctx: Context, i: int, side: str, kind: str, n: int) -> None:
    _, path, count_at = _SIDES[side]
    existing = ctx.get(path) or []
    if all(entry["kind"] != kind for entry in existing):
        k = ctx.append(path, {"kind": kind, "count": n}, i)
        ctx.cite(count_at.format(k), i)


# what introduces a list of bodies: the verb, a short noun ("组室"), the count stated, and "分别是" or a colon
_LIST_AFTER = re.compile(
    r"(?P<verb>内设(?:机构|组室|股室|科室|处室)?(?:包括|有|为)?|下设|直属事业单位|下属(?:二级)?(?:事业)?单位|二级机构)"
    r"(?:[\u4e00-\u9fff]{0,8}?\d+个[\u4e00-\u9fff]{0,4})?[:,]?(?:即|包括|分别(?:是|为))?[:]?"
)
_SENTENCE_ENDS = re.compile(r"[。;]")
_COUNT_CLAUSE = re.compile(r"[,:]?(?:共|等)?(?:\d{1,3}|[一二三四五六七八九十]{1,3})个[\u4e00-\u9fff]{0,6}(?=[,:]|$)")
_STATED = re.compile(rf"(?P<n>\d{{1,3}}|{CN_NUMBER})个(?P<what>[\u4e00-\u9fff]{{0,6}})")


_NAME_TOKENS = re.compile(r"([、,()（）])")
_OPEN, _CLOSE, _SEPARATORS = frozenset("(（"), frozenset(")）"), frozenset("、,")
_NAME_LEAD = re.compile(r"^(?:内设|下设|和|及|以及|其中)")
_NAME_TAIL = re.compile(rf"(?:等)?{COUNT}个[\u4e00-\u9fff]{{0,4}}$|等$")


def _split_names(text: str) -> list[str]:
    """'综合股(政策法规股)、网络传播股' → two names; separators inside brackets do not split."""
    names: list[str] = []
    depth = 0
    current: list[str] = []
    # walked token by token, not character by character: the text between two separators or brackets is one
    for token in _NAME_TOKENS.split(text):
        if token in _OPEN:
            depth += 1
        elif token in _CLOSE:
            depth -= 1
        elif token in _SEPARATORS and depth == 0:
            names.append("".join(current))
            current = []
            continue
        current.append(token)
    names.append("".join(current))
    cleaned = []
    for name in names:
        name = _NAME_LEAD.sub("", name.strip())
        name = _NAME_TAIL.sub("", name).strip()
        if 2 <= len(name) <= 30:
            cleaned.append(name)
    return cleaned


# the unit's bodies of each kind: the names listed, and their number as the text states it
_BODIES = {
    "internal_bodies": ("unit.internal_bodies", "unit.internal_bodies_stated"),
    "subordinate_units": ("unit.subordinate_units", "unit.subordinate_units_stated"),
}


def _bodies(ctx: Context, i: int, text: str) -> None:
    at = 0
    while (match := _LIST_AFTER.search(text, at)) is not None:
        end = _SENTENCE_ENDS.search(text, match.end())
        sentence = text[match.end() : end.start() if end else len(text)]
        listed = _listed(sentence)
        # "…、南县规划建设事务中心，6个二级机构。": the count that closes the list is part of it
        closing = _COUNT_CLAUSE.match(sentence, len(listed))
        if closing is not None:
            listed = sentence[: closing.end()]
        at = match.end() + len(listed)  # the next list may start in the same sentence, after this one ends
        if text.count("《", 0, match.start()) > text.count("》", 0, match.start()):
            continue  # words of a cited title (《…职能配置、内设机构、人员编制规定》), not a list of the unit's own
        verb = match["verb"]
        field = "subordinate_units" if re.search(r"直属|下属|二级", verb) else "internal_bodies"
        if verb == "下设" and ("二级机构" in listed or "中心" in listed[:20]):
            field = "subordinate_units" if "二级机构" in listed else field
        names_path, stated_path = _BODIES[field]
        stated = _STATED.search(match.group(0) + listed)  # "内设7个股室：…" or "内设…等7个股室"
        count = cn_int(stated["n"]) if stated else None
        if count is not None and ctx.get(stated_path) is None:
            ctx.put(stated_path, count, i)
        names = _split_names(listed)
        if count is not None and len(names) == count - 1:
            names = _split_at_and(names)
        if len(names) >= 2 and not ctx.get(names_path):
            ctx.put(names_path, names, i)


def _split_at_and(names: list[str]) -> list[str]:
    """"财政事务中心和南县国库集中支付中心" after "2个": the count says 和 joins two names here (it is part of
    many a name too, "文秘和档案业务指导室", so only the count can tell)."""
    joined = [n for n, name in enumerate(names) if name.count("和") == 1]
    if len(joined) != 1:
        return names
    n = joined[0]
    first, _, second = names[n].partition("和")
    return [*names[:n], first, second, *names[n + 1:]] if len(first) >= 2 and len(second) >= 2 else names


_NAME_LIKE = re.compile(r"^[^\d:;]{2,30}$")


def _listed(text: str) -> str:
    """The list of names at the start of `text`, which runs to the end of its sentence at most: names joined by
    、 end at the first comma or colon after them (what follows is the next clause: "…、信息股，下属事业单位3个：
    …"); names joined by commas end at the first part that is no name (a figure, a clause)."""
    depth = 0
    enumerated = False  # a 、 seen outside brackets
    part_start = 0
    for n, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
        elif depth == 0 and ch == "、":
            enumerated = True
            part_start = n + 1
        elif depth == 0 and ch in ",:":
            if enumerated:
                return text[:n]
            if not _NAME_LIKE.match(text[part_start:n].strip()):
                return text[:part_start]
            if ch == ":":
                return text[:n]
            part_start = n + 1
    if not enumerated and not _NAME_LIKE.match(text[part_start:].strip()):
        return text[:part_start]
    return text

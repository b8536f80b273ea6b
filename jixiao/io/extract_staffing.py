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
    prev_end = 0
    for match in _COUNT.finditer(text):
        before = text[prev_end : match.start()]
        prev_end = match.end()
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
        elif (authorized := bool(_AUTHORIZED.search(label)) and "在编" not in label) or _ACTUAL.search(label):
            own_side = "authorized" if authorized else "actual"
            kind = _SUFFIX.sub("", label)
            if _TOTAL_WORDS.search(label) or kind in {"", "人员"}:
                if not in_paren:
                    side, last_was_total = own_side, True
                    ctx.put(f"staffing.{own_side}_total", n, i, label=label)
            else:
                _put_kind(ctx, i, paren_side or own_side, kind, n)


def _put_kind(ctx: Context, i: int, side: str, kind: str, n: int) -> None:
    path = f"staffing.{side}_by_kind"
    existing = ctx.get(path) or []
    if all(entry["kind"] != kind for entry in existing):
        k = ctx.append(path, {"kind": kind, "count": n}, i)
        ctx.cite(f"{path}[{k}].count", i)


_LIST_AFTER = re.compile(
    r"(?P<verb>内设机构(?:包括|有|为)?|内设|下设|直属事业单位|下属(?:二级)?(?:事业)?单位|二级机构)"
    rf"(?:{COUNT}个[\u4e00-\u9fff]{{0,4}})?[:,]?(?:即|包括|分别(?:是|为))?[:]?(?P<list>[^。;]*)"
)
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


def _bodies(ctx: Context, i: int, text: str) -> None:
    for match in _LIST_AFTER.finditer(text):
        if text.count("《", 0, match.start()) > text.count("》", 0, match.start()):
            continue  # words of a cited title (《…职能配置、内设机构、人员编制规定》), not a list of the unit's own
        verb = match["verb"]
        field = "subordinate_units" if re.search(r"直属|下属|二级", verb) else "internal_bodies"
        if verb == "下设" and ("二级机构" in match["list"] or "中心" in match["list"][:20]):
            field = "subordinate_units" if "二级机构" in match["list"] else field
        stated = _STATED.search(match.group(0))
        if stated and ctx.get(f"unit.{field}_stated") is None:
            ctx.put(f"unit.{field}_stated", cn_int(stated["n"]), i)
        names = _split_names(match["list"])
        if len(names) >= 2 and not ctx.get(f"unit.{field}"):
            ctx.put(f"unit.{field}", names, i)

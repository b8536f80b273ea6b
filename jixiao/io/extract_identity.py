"""Who and when: the report's title, the unit's name (full and short), fiscal year, report date, self grade.

The cover and the title state the unit in two ways (the seed: "中共辰溪县委网信办" on the cover, the full
name in the inner title); the longer is the name, the shorter its short form. A web page's publication
date is page furniture, not the report's date, and is never taken for it.
"""

from __future__ import annotations

import re

from jixiao.core.money import parse_decimal
from jixiao.io.context import Context
from jixiao.io.dates import Written, read_date

_TITLE_WORDS = re.compile(r"(绩效|自评|评价).{0,8}(报告|情况|表)(\(\d{4}年度?\))?$|(绩效|自评).*报告")
_NOT_TITLE = re.compile(r"如下|现将|根据|位置|>|:|[;。]$")
_NAME_FIELD = re.compile(r"^(?:部门\(单位\)|部门|单位|实施单位)(?:名称|全称)(?:\(盖章\))?[:]?(?P<name>.*)$")
_NAME_CUT = re.compile(
    r"\(?\d{4}年度?\)?|部门\(单位\)|部门、单位|部门整体|整体支出|机关整体|部门预算|项目支出|单位整体|绩效|部门$"
)
_UNIT_SUFFIX = re.compile(
    r"(局|办|委|会|院|部|中心|校|学|所|厅|室|站|队|馆|社|团|处|科|联|政府|指挥部|委员会|办公室|公司|园|集团)$"
)
_LONGEST_NAME = re.compile(rf"^(?P<name>.{{3,30}}{_UNIT_SUFFIX.pattern[:-1]})")
# no part of a title: a sentence, an attachment label, a date, or the form's maker ("承德市财政局制")
_NOT_TITLE_PART = re.compile(r"[。:;,!?]|附件|日$|\d{4}-\d|(?:局|厅|部|委|委员会|办公室)制$")
_NOT_NAME = re.compile(r"[,;:。!?]|欢迎|网站|首页|位置|登录|注册")
_SEAL = re.compile(r"\((?:公章|盖章)\)|^[:\s]+")
_LEADING_YEAR = re.compile(r"^\d{4}年度?")
_PAGE_FURNITURE = re.compile(r"发布|时间|访问|浏览|来源")
_YEAR = re.compile(r"(?<!\d)(20\d{2}|19\d{2})(?!\d)")
# when no title states the year: the first "2020年度" or "2021年部门决算" of the text
_YEAR_IN_TEXT = re.compile(r"(?<![\d〔\[(])((?:19|20)\d{2})年(?:度|(?:部门|单位)?(?:决算|预算|整体支出|绩效|项目))")
_YEAR_ONLY = re.compile(r"^\(?((?:19|20)\d{2})年度?\)?$")
_NAME_SENTENCE = re.compile(
    r"^(?:\d[.、])?(?:[\u4e00-\u9fff]{2,6}[,:])?(?P<name>[\u4e00-\u9fff]{4,30}?)(?:部门)?(?:\d{4}年|是|属|为|成立|隶属)"
)
# the report date's label, and the date after it (or in the next cell); a date that lost its 年/月/日 to a page's
# layout ("报告日期: 2023    5  31") is read under its label only
_DATE_LABEL = re.compile(r"(?:报告|填报|评价)日期[:]?")
_LABELLED_DATE = re.compile(
    r"(?:报告|填报|评价)日期[:]?\s*(?P<y>20\d{2})\s*[年./-]?\s*(?P<m>\d{1,2})\s*[月./-]?\s*(?P<d>\d{1,2})\s*日?"
)
_DATE_NEAR = re.compile(r"日期|时间|^\[")  # a cell's label a bare date may stand under: 发布日期, [ 成文日期 ]
_GRADE = re.compile(
    r"(?:(?:自评|评价|考核)(?:结果|等级|结论|等次)|综合评定|评定(?:结果|等级|等次)?)[^\d“\"”]{0,8}?[“\"']?"
    r"(?P<g>优秀|优|良好|良|中等|中|合格|不合格|差|较好|好|一般)(?:[”\"']|(?=[。,;\s“]|$))"
)
_SCORE = re.compile(
    r"(?:自评得分|自评总分|综合评分|综合得分|评价得分|总得分|自评分)(?:为|是)?[:]?(?P<s>\d{1,3}(?:\.\d+)?)(?:分|(?=[。,;]|$))"
)
# a table's row of funds as rebuilt ("年度资金总额:自评得分10"): its score is the execution's, not the report's
_FUNDS_ROW = re.compile(r"^[^:]{0,20}(?:资金|拨款|预算|执行)[^:]{0,20}:$")
# a cover form's labels, each beside its value or above it in the next cell
_COVER = {
    "evaluator": re.compile(r"^评价机构[:]?(?P<v>.*)$"),
    "unit.contact": re.compile(r"^联系人[:]?(?P<v>.*)$"),
    "unit.phone": re.compile(r"^(?:联系|联络)电话[:]?(?P<v>.*)$"),
    "unit.budget_code": re.compile(r"^预算编码[:]?(?P<v>.*)$"),
}
_COVER_VALUE = {
    "evaluator": re.compile(r"^[^。;,:]{2,30}$"),
    "unit.contact": re.compile(r"^[\u4e00-\u9fff·]{2,5}$"),
    "unit.phone": re.compile(r"^[\d()-]{7,16}$"),
    "unit.budget_code": re.compile(r"^[0-9A-Za-z-]{3,20}$"),
}
_COVER_FIRST = frozenset("评联预")


def extract_identity(ctx: Context) -> None:
    cover_end = ctx.seg.headings[0].index if ctx.seg.headings else min(len(ctx.lines), 40)
    titles = _titles(ctx, cover_end)
    if titles:
        i, title = titles[-1]
        ctx.put("title", title, i)
    names: list[tuple[str, int]] = []
    for i in range(cover_end):
        match = _NAME_FIELD.match(ctx.text(i))
        if match:
            j = i
            if not match["name"].strip() and i + 1 < len(ctx.lines):
                j = i + 1  # a form cell: the name is in the next cell
            name = _clean_name(match["name"] if j == i else ctx.text(j))
            if name:
                names.append((name, j))
    for i, title in titles:
        name = _name_from_title(title)
        if name:
            names.append((name, i))
    signature = _signature(ctx)
    if signature is not None and signature[0] is not None:
        names.append((signature[0], signature[1]))
    if not names:
        names = _names_from_text(ctx, cover_end)
    if names:
        full = max(names, key=lambda n: len(n[0]))
        ctx.put("unit.name", full[0], full[1])
        shorter = [n for n in names if n[0] != full[0]]
        if shorter:
            ctx.put("unit.short_name", shorter[0][0], shorter[0][1])
    _fiscal_year(ctx, titles, cover_end)
    _report_date(ctx, cover_end)
    if signature is not None and ctx.get("report_date") is None and ctx.get("report_month") is None:
        _put_date(ctx, signature[2], signature[3])
    _cover_form(ctx)
    _self_assessment(ctx)


def _titles(ctx: Context, cover_end: int) -> list[tuple[int, str]]:
    """Titles before the first heading; a title broken over short lines is joined back."""
    found: list[tuple[int, str]] = []
    for i in range(cover_end):
        text = ctx.text(i)
        if not text or len(text) > 70 or not _TITLE_WORDS.search(text) or _NOT_TITLE.search(text):
            continue
        parts = [text]
        j = i - 1
        while j > 0 and not ctx.text(j):  # blank paragraphs a web page puts between a title's lines
            j -= 1
        named = _name_from_title(text) is not None
        while j >= 0 and len(parts) < 3 and (not named or _YEAR_ONLY.match(ctx.text(j))):
            prev = ctx.text(j)
            if not prev or len(prev) > 30 or _NOT_TITLE_PART.search(prev) or _TITLE_WORDS.search(prev):
                break
            parts.insert(0, prev)
            j -= 1
        found.append((i, "".join(parts)))
    return found


def _names_from_text(ctx: Context, cover_end: int) -> list[tuple[str, int]]:
    """No title or cover names the unit: a line that is only a name, or a sentence the unit opens."""
    for i in range(cover_end):
        name = _clean_name(ctx.text(i)) if len(ctx.text(i)) <= 30 else None
        if name and not _NOT_NAME.search(name):
            return [(name, i)]
    for i in ctx.body_lines()[:40]:
        match = _NAME_SENTENCE.match(ctx.text(i))
        name = _clean_name(match["name"]) if match else None
        if name:
            return [(name, i)]
    return []


def _fiscal_year(ctx: Context, titles: list[tuple[int, str]], cover_end: int) -> None:
    for i, title in titles:
        year = _YEAR.search(title)
        if year:
            ctx.put("fiscal_year", int(year[1]), i)
            return
    for i in range(cover_end):
        year = _YEAR_ONLY.match(ctx.text(i))
        if year:
            ctx.put("fiscal_year", int(year[1]), i)
            return
    for i in range(len(ctx.lines)):
        year = _YEAR_IN_TEXT.search(ctx.text(i)) if "年" in ctx.text(i) else None
        if year:
            ctx.put("fiscal_year", int(year[1]), i)
            return


def _clean_name(text: str) -> str | None:
    name = _SEAL.sub("", text).strip()
    if not name or "*" in name or not _UNIT_SUFFIX.search(name):
        return None
    return name


def _name_from_title(title: str) -> str | None:
    title = _LEADING_YEAR.sub("", title)
    name = _NAME_CUT.split(title, maxsplit=1)[0]
    if len(name) < 3:
        return None
    cleaned = _clean_name(name)
    if cleaned is None:
        # "隆回县人居环境指挥部乡村振兴项目资金": the longest part that ends like a unit's name
        longest = _LONGEST_NAME.match(name)
        cleaned = _clean_name(longest["name"]) if longest else None
    return cleaned


def _report_date(ctx: Context, cover_end: int) -> None:
    """The date the cover or the end of the report states: under its label (报告日期, in the same cell or the
    next), or on a line of its own that stands under no other label (a page's 发布日期 is not the report's)."""
    candidates = list(range(cover_end)) + list(range(max(cover_end, len(ctx.lines) - 8), len(ctx.lines)))
    for i in candidates:
        text = ctx.text(i)
        if not text or _PAGE_FURNITURE.search(text) or len(text) > 60:
            continue
        label = _DATE_LABEL.search(text)
        if label is not None:
            value = text[label.end() :].strip()
            at = i
            if not value:  # a form cell: the date is in the next one
                at = next((k for k in range(i + 1, min(i + 3, len(ctx.lines))) if ctx.text(k)), i)
                value = ctx.text(at) if at != i else ""
            written = read_date(value)
            if written is None and (old := _LABELLED_DATE.search(text)):
                written = _valid_written(int(old["y"]), int(old["m"]), int(old["d"]))
            if written is not None:
                _put_date(ctx, written, at)
                return
            continue
        if len(text) > 20 or (written := read_date(text)) is None:
            continue
        before = next((ctx.text(k) for k in range(i - 1, max(i - 3, -1), -1) if ctx.text(k)), "")
        if _DATE_NEAR.search(before):
            continue  # the value of another date's label (发布日期, 成文日期, [ 时间 ])
        _put_date(ctx, written, i)
        return


def _valid_written(year: int, month: int, day: int) -> Written | None:
    return read_date(f"{year}-{month}-{day}")


def _put_date(ctx: Context, written: Written, i: int) -> None:
    """A date with its day is the report date; a month alone is kept as the report month (YYYY-MM)."""
    date = written.date()
    if date is not None:
        ctx.put("report_date", date.isoformat(), i)
    else:
        ctx.put("report_month", written.month_text(), i)


def _signature(ctx: Context) -> tuple[str | None, int, Written, int] | None:
    """The signature block under the last section: a date on a line of its own, and the unit's name on the line
    above it if there is one ("青石县档案馆" over "2024年3月14日"). (name, its line, the date, its line)."""
    headings = ctx.seg.headings
    after = headings[-1].index + 1 if headings else len(ctx.lines)  # under the last section only
    last = [i for i in range(max(after, len(ctx.lines) - 6), len(ctx.lines)) if ctx.text(i)]
    for n in range(len(last) - 1, -1, -1):
        written = read_date(ctx.text(last[n])) if len(ctx.text(last[n])) <= 20 else None
        if written is None:
            continue
        above = last[n - 1] if n > 0 and last[n] - last[n - 1] <= 2 else None
        text = ctx.text(above) if above is not None else ""
        if _DATE_NEAR.search(text) or _PAGE_FURNITURE.search(text):
            return None  # the value of another date's label
        name = _clean_name(text) if above is not None and len(text) <= 30 and not _NOT_NAME.search(text) else None
        return name, above if name is not None else last[n], written, last[n]  # type: ignore[return-value]
    return None


def _cover_form(ctx: Context) -> None:
    """评价机构, 联系人, 联系电话 and 预算编码 as a cover form gives them: "label:value", or a label cell over its
    value cell. The first of each is taken, and only a value that looks like one (a name, a number)."""
    for i in range(len(ctx.lines)):
        text = ctx.text(i)
        if not text or text[0] not in _COVER_FIRST or len(text) > 40:
            continue
        for path, label in _COVER.items():
            found = label.match(text)
            if found is None or ctx.get(path) is not None:
                continue
            value, at = (found.groupdict().get("v") or "").strip(), i
            if not value:
                at = next((k for k in range(i + 1, min(i + 3, len(ctx.lines))) if ctx.text(k)), i)
                value = ctx.text(at) if at != i else ""
            if _COVER_VALUE[path].match(value):
                ctx.put(path, value, at)


def _self_assessment(ctx: Context) -> None:
    for i in ctx.body_lines():
        text = ctx.text(i)
        if "分" not in text and "评" not in text and "考核" not in text:  # every grade and score phrase has one
            continue
        grade = _GRADE.search(text)
        if grade:
            ctx.put("self_assessment.grade", grade["g"], i)
        score = _SCORE.search(text)
        if score and not _FUNDS_ROW.match(text[: score.start()]):
            ctx.put("self_assessment.score", parse_decimal(score["s"]), i)

"""Section 六: annual targets and what was achieved, and the indicators with their targets and actuals.

Indicators are read from the clauses under the 产出 / 效益 / 满意度 headings. The forms seen in real
reports: "指标名：年度指标值≥95%，实际完成98%", "网络系统设备3套，实际完成5套", "指标名，实际完成值54.55%",
"“三公经费”变动率≤0", "A、B、C…均…达100%", "名称≥928小时，实际飞行时长909.93小时", "满意度大于年度指标值≥95%"
(a target and no actual), and a qualitative sentence under 社会效益. A line may open with its own label
("数量指标：…", "满意度指标(服务对象满意度指标)：…"), which then says where its indicators sit. A value with a
comparator but no actual ("≤0") is kept as written: whether it can be checked is the checker's question.

Indicators are also read from a 项目支出绩效自评表 whose cells come one per line ("产出指标 |", "|" for an
empty cell) or one row per line ("产出指标 | 数量指标 | …"); see `_tables`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal
from typing import Any

from jixiao.core.money import parse_decimal
from jixiao.core.quote import quote
from jixiao.io.context import Context
from jixiao.io.document import Line
from jixiao.io.extract_narrative import items
from jixiao.io.normalize import clean_text, narrow
from jixiao.io.numerals import CN_NUMBER, FALLING, SIGNED, cn_int, signed_value

_LEVEL1 = {"output": "产出指标", "benefit": "效益指标", "satisfaction": "满意度指标"}
_LEVEL2 = {
    "quantity": "数量指标",
    "quality": "质量指标",
    "timeliness": "时效指标",
    "cost": "成本指标",
    "economic": "经济效益",
    "social": "社会效益",
    "ecological": "生态效益",
    "sustainable": "可持续影响",
}
UNITS = (
    "%|‰|万元|元|万亩|万人次|万人|万册|万株|万头|人次|次|套|个|项|篇|家|户|天|日|小时|件|场|期|条|台|辆|册|份|所|座"
    "|公里|千米|平方米|米|公顷|亩|吨|头|只|株|架|人|分|年|月|批次|批|处|部|轮|名|张|课时|节|起|宗|例|间|km|m"
)
# fmt: off
CMP_WORDS = {
    "≥": ">=", ">=": ">=", "不低于": ">=", "不少于": ">=", "大于等于": ">=", "以上": ">=",
    "≤": "<=", "<=": "<=", "不高于": "<=", "不超过": "<=", "小于等于": "<=", "以内": "<=",
    "=": "=", "＝": "=", "等于": "=", ">": ">", "<": "<", "大于": ">", "小于": "<",
}
# fmt: on
_CMP = "≥|≤|>=|<=|不低于|不少于|不高于|不超过|大于等于|小于等于|等于|大于|小于|=|>|<"
# the first character of a comparator or a value, looked for first: the engine skips to where one may start
_FIRST = {word[0] for word in f"{_CMP}|{FALLING}".split("|")} | {"-", "−"}
_MEASURE_START = rf"(?=[{re.escape(''.join(sorted(_FIRST)))}\d])"
_MEASURE = re.compile(rf"{_MEASURE_START}(?P<cmp>{_CMP})?(?P<val>{SIGNED})(?P<unit>{UNITS})?")
# a count in Chinese numerals is a measure only where it is all the text says ("十二个", "≥两项"): "一年内"
# and "一次性" are words, and so are counts of time
_CN_MEASURE = re.compile(rf"^(?P<cmp>{_CMP})?(?P<val>{CN_NUMBER})(?P<unit>个|项|人|名|家|户|所|座|台|套|件|场|期|条|辆|册|份|篇|批|处|部|张|间)$")
_ACTUAL_SPLIT = re.compile(rf"[,;]?(?:实际)?(?:完成值|完成|达到|达成|实现)(?:值)?(?:为)?[:]?(?=[≥≤=<>]?(?:{FALLING}|-)?\d)")
_TARGET_WORDS = re.compile(r"[,:]?(?:年度)?(?:指标值|目标值|目标)(?:为)?[:]?")
# "布防飞机数量≥6架,实际布防6架": a target with its comparator, then what was actually done
_PAIRED = re.compile(
    rf"^(?P<name>[^,]+?)(?P<target>(?:{_CMP}){SIGNED}(?:{UNITS})?),实际[^,\d]{{0,12}}?"
    rf"(?P<actual>{SIGNED}(?:{UNITS})?)$"
)
_STARTS_MEASURE = re.compile(rf"^(?:{_CMP})?{SIGNED}")
_RATE_TAIL = re.compile(r"(?:均)?(?:已)?(?:达到|达|为|大于|高于|不低于|不少于)$")
_NOT_APPLICABLE = re.compile(r"^不适用|^无$")
_CLAUSE_END = re.compile(r"[;。]")
# where what was done ends: a comma or semicolon, but no comma between two digits, which is part of a figure
_CLAUSE_CUT = re.compile(r";|(?<!\d),|,(?!\d)")
_DIGIT = re.compile(r"\d")
_YEAR_PREFIX = re.compile(r"^\d{4}年(?:度)?")
_MID_RATE = re.compile(r"(?P<name>[\u4e00-\u9fff“”\"]+?)(?:达|为)?(?P<m>\d+(?:\.\d+)?%)")
_TAIL_MEASURE = re.compile(rf"{_MEASURE_START}(?P<m>(?:{_CMP})?{SIGNED}(?:{UNITS})?)(?:数)?$")
# a line's own label: "数量指标:…", "(3)满意度指标(服务对象满意度指标):…", "②可持续影响:…"
_LINE_LABEL = re.compile(
    r"^(?:[①②③④⑤⑥⑦⑧⑨⑩][、.]?|\(\d{1,2}\)|\d{1,2}[.、])?"
    r"(?P<label>(?:服务对象满意度|满意度|产出|效益|数量|质量|时效|成本)指标|(?:经济效益|社会效益|生态效益|可持续影响)(?:指标)?)"
    r"(?:\([^()]{1,20}\))?:"
)
_LABEL_LEVELS: dict[str, tuple[str | None, str | None]] = {
    "产出": ("产出指标", None),
    "效益": ("效益指标", None),
    "满意度": ("满意度指标", None),
    "服务对象满意度": ("满意度指标", None),
    "数量": (None, "数量指标"),
    "质量": (None, "质量指标"),
    "时效": (None, "时效指标"),
    "成本": (None, "成本指标"),
    "经济效益": ("效益指标", "经济效益"),
    "社会效益": ("效益指标", "社会效益"),
    "生态效益": ("效益指标", "生态效益"),
    "可持续影响": ("效益指标", "可持续影响"),
}


def extract_performance(ctx: Context) -> None:
    _targets(ctx)
    in_table = _tables(ctx)
    for i in ctx.body("output", "benefit", "satisfaction"):
        if i in in_table:
            continue
        keys = ctx.keys(i)
        level1 = next((_LEVEL1[k] for k in reversed(keys) if k in _LEVEL1), None)
        level2 = next((_LEVEL2[k] for k in reversed(keys) if k in _LEVEL2), None)
        if level1 is None and level2 in {"经济效益", "社会效益", "生态效益", "可持续影响"}:
            level1 = "效益指标"
        _indicator_line(ctx, i, level1, level2)


def _targets(ctx: Context) -> None:
    for i in ctx.body("performance", "targets"):
        text = ctx.text(i)
        head, sep, rest = text.partition(":")
        if not sep or len(head) > 40:
            continue
        if head.endswith("绩效目标") and not ctx.get("performance.targets"):
            for item in _numbered(rest):
                ctx.append("performance.targets", item, i)
        elif head.endswith("完成情况") and not ctx.get("performance.achievements"):
            for item in _numbered(rest):
                ctx.append("performance.achievements", item, i)


def _numbered(text: str) -> list[str]:
    parts = re.split(r"(?:^|(?<=[;。,]))\s*\d{1,2}[:、.](?!\d)", text)
    cleaned = [p.strip(" ;,。") for p in parts]
    return [p for p in cleaned if p]


def parse_measure(text: str) -> dict[str, Any] | None:
    text = text.strip(" ,;。")
    match = _MEASURE.search(text) or _CN_MEASURE.match(text)
    if not match:
        return {"text": text} if text else None
    value = signed_value(match["val"]) if match.re is _MEASURE else _count(match["val"])
    comparator = CMP_WORDS.get(match["cmp"] or "")
    return {"text": text, "comparator": comparator, "value": value, "unit": match["unit"]}


def _count(written: str) -> Decimal | None:
    count = cn_int(written)
    return None if count is None else Decimal(count)


def _add(ctx: Context, i: int, indicator: dict[str, Any]) -> None:
    n = ctx.append("performance.indicators", indicator, i)
    for path in (f"performance.indicators[{n}].target", f"performance.indicators[{n}].actual"):
        ctx.cite(path, i)  # passed over when the indicator has none


def _indicator_line(ctx: Context, i: int, level1: str | None, level2: str | None) -> None:
    text = ctx.text(i)
    body = text
    label = _LINE_LABEL.match(text)
    if label:
        # the line says where it sits: "数量指标:…" under 产出指标, "满意度指标(…):…" even under 效益指标
        own1, own2 = _LABEL_LEVELS[label["label"].removesuffix("指标")]
        if own1 is not None and own1 != level1:
            level1, level2 = own1, None
        if own2 is not None:
            level2 = own2
        body = text[label.end() :]
    if _NOT_APPLICABLE.match(body):
        _add(
            ctx,
            i,
            {"level1": level1, "level2": level2, "name": level2 or "未命名指标", "not_applicable": True},
        )
        return
    clauses = [c for c in _CLAUSE_END.split(body) if c.strip()]
    numeric = [c for c in clauses if _DIGIT.search(c)]
    if not numeric:
        # a qualitative statement: the indicator is the sub-heading it sits under
        _add(
            ctx,
            i,
            {"level1": level1, "level2": level2, "name": level2 or "定性指标", "actual": {"text": text}},
        )
        return
    for clause in numeric:
        _clause(ctx, i, clause, level1, level2)


def _clause(ctx: Context, i: int, clause: str, level1: str | None, level2: str | None) -> None:
    clause = _YEAR_PREFIX.sub("", clause.strip(" ,"))
    if "," in clause and "均" in clause:
        _shared_value(ctx, i, clause, level1, level2)
        return
    name, actual_text = clause, None
    target: dict[str, Any] | None = None
    split = _ACTUAL_SPLIT.search(clause)
    paired = None if split else _PAIRED.match(clause)
    if split:
        name, actual_text = clause[: split.start()], clause[split.end() :]
        actual_text = _CLAUSE_CUT.split(actual_text)[0]
    elif paired:
        # "飞机飞行时长≥928小时,实际飞行时长909.93小时": one indicator, its target and what was done
        name, actual_text = paired["name"], paired["actual"]
        target = parse_measure(paired["target"])
    target_match = None if paired else _TARGET_WORDS.search(name)
    if target_match:
        target = parse_measure(name[target_match.end() :])
        name = name[: target_match.start()]
    elif not paired:
        tail = _TAIL_MEASURE.search(name)
        if tail:
            if actual_text is None:
                # "满意度率达88%" is what was achieved; "“三公经费”变动率≤0" keeps its comparator as written
                actual_text = tail["m"]
            else:
                target = parse_measure(tail["m"])
            name = name[: tail.start()]
    if actual_text is None and target is not None and not _STARTS_MEASURE.match(target["text"]):
        target = None  # "未达到年度目标,按完成比例扣减0.33分": the word, not a stated target
    if actual_text is None and target is None:
        # "…经费控制率98%，支出未超过预算": the figure sits mid-clause
        inner = _MID_RATE.search(clause)
        if not inner:
            return
        name, actual_text = inner["name"], inner["m"]
    name = _clean_name(name)
    if not name:
        return
    indicator: dict[str, Any] = {"level1": level1, "level2": level2, "name": name}
    if target:
        indicator["target"] = target
    if actual_text is not None:
        # "满意度大于年度指标值≥95%" states only the target: the actual stays absent, not made up
        indicator["actual"] = parse_measure(actual_text)
    _add(ctx, i, indicator)


# ------------------------------------------------------------------ the 自评表's indicator rows

_TABLE_START = "一级指标"
# the header cells of a 项目支出绩效自评表's indicator part, and the field each column holds
_COLUMNS: list[tuple[str, re.Pattern[str]]] = [
    ("level1", re.compile(r"^一级指标$")),
    ("level2", re.compile(r"^二级指标$")),
    ("name", re.compile(r"^三级指标$")),
    ("nature", re.compile(r"^指标(?:性质|方向)$")),
    ("target", re.compile(r"^(?:年度|全年|预期)?(?:指标值|目标值)$")),
    ("unit", re.compile(r"^(?:度量|计量)?单位$")),
    ("actual", re.compile(r"^(?:实际)?完成值$|^(?:全年)?实际(?:值|完成值|完成情况)$")),
    ("weight", re.compile(r"^分值(?:\(权重\))?$|^权重(?:\(分值\))?$")),
    ("score", re.compile(r"^得分$")),
    ("deviation", re.compile(r"原因|偏差|改进措施")),
]
# one search tells a header cell's field (the group that matched), in the order of `_COLUMNS`
_ANY_COLUMN = re.compile("|".join(f"(?P<{field}>{pattern.pattern})" for field, pattern in _COLUMNS))
LEVEL1_CELL = re.compile(r"^(?:产出|效益|满意度|成本)指标$")
LEVEL2_CELL = re.compile(
    r"^(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|(?:服务对象)?满意度|(?:经济|社会|生态环境)成本)(?:指标)?$"
)
_TABLE_END = re.compile(r"^(?:合计|总分|总计|评价结论|自评结论)")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_HAN = re.compile(r"[\u4e00-\u9fff]")

Cell = tuple[str, Line]  # a cell's clean text and the raw line it stands on


def _tables(ctx: Context) -> set[int]:
    """Read every indicator table; return the clean lines it covers, so they are not read again as prose."""
    texts = [line.text for line in ctx.lines]
    covered: set[int] = set()
    if _TABLE_START not in texts:  # most reports have no such table: one scan, nothing more
        return covered
    start = texts.index(_TABLE_START)
    while True:
        covered |= _table(ctx, start)
        try:
            start = texts.index(_TABLE_START, start + 1)
        except ValueError:
            return covered


def _table(ctx: Context, i: int) -> set[int]:
    """The table whose header starts at clean line `i`, in either of the two layouts that mark empty cells.

    Empty cells must be visible ("|" alone on its line, or nothing between two "|"): where they are
    merely absent, which column a figure belongs to cannot be known, so such a table is not read.
    """
    source = ctx.lines[i].source
    raw = ctx.doc.lines
    if source.no < 1 or source.no > len(raw) or raw[source.no - 1].no != source.no:
        return set()
    head = source.text.strip()
    if head.count("|") == 1 and head.endswith("|"):
        rows = _rows_from_cells(_cell_stream(raw, source.no - 1))
    elif head.count("|") >= 2:
        bordered = head.startswith("|") and head.endswith("|")
        rows = _rows_from_lines(_split_row(head, bordered), raw[source.no :], bordered)
    else:
        return set()
    if not rows:
        return set()
    last = max(line.no for _, cells in rows for line in cells.values())
    nos: list[int] = []  # source line of each clean line from the header to the table's last line
    k = i
    while k < len(ctx.lines) and ctx.lines[k].source.no <= last:
        nos.append(ctx.lines[k].source.no)
        k += 1
    for indicator, cells in rows:
        n = ctx.append("performance.indicators", indicator, _at(nos, i, cells["name"]))
        _cite_cell(ctx, f"performance.indicators[{n}]", nos, i, cells["name"])
        cell_paths = {
            "target": f"performance.indicators[{n}].target",
            "actual": f"performance.indicators[{n}].actual",
            "weight": f"performance.indicators[{n}].weight",
            "score": f"performance.indicators[{n}].score",
            "deviation": f"performance.indicators[{n}].deviation",
        }
        for part, line in cells.items():
            if part != "name":
                _cite_cell(ctx, cell_paths[part], nos, i, line)
    _total_row(ctx, raw, last)
    return set(range(i, k))


_TOTAL_CELL = re.compile(r"^(?:合计|总分|总计)$")
_TOTAL_REACH = 6  # raw lines after the last indicator row where its 合计 row may stand


def _total_row(ctx: Context, raw: list[Line], last: int) -> None:
    """The table's 合计 (总分) row under its indicators: its 分值 and 得分, the first two figures after the label,
    whether the row is one line of "|" cells or one cell per line. A row with one figure says not which it is."""
    figures: list[tuple[str, Line]] = []
    found = False
    for line in raw[last : last + _TOTAL_REACH]:
        cells = [_cell(c) for c in line.text.split("|")]
        for cell in (c for c in cells if c):
            if not found:
                found = _TOTAL_CELL.match(cell) is not None
                if not found:
                    break
            elif _NUMBER.match(cell):
                figures.append((cell, line))
            else:
                break
        if found and (len(figures) >= 2 or "|" in line.text.strip()[1:-1]):
            break
    if len(figures) < 2:
        return
    (weight, weight_line), (score, score_line) = figures[:2]
    total, points = parse_decimal(weight), parse_decimal(score)
    if total is None or points is None or points > total:
        return
    for path, value, line in (("self_assessment.weight_total", total, weight_line), ("self_assessment.score", points, score_line)):
        at = next((k for k, clean in enumerate(ctx.lines) if clean.source.no == line.no), None)
        if at is not None and ctx.put(path, value, at):
            ctx.sources[path]["text"] = line.text.strip()


def _at(nos: list[int], first: int, line: Line) -> int:
    """The clean line holding a raw line's cell: the last one that starts at or before it."""
    return first + bisect_right(nos, line.no) - 1


def _cite_cell(ctx: Context, path: str, nos: list[int], first: int, line: Line) -> None:
    location = ctx.cite(path, _at(nos, first, line))
    if location is None:  # a value left unread
        return
    # the clean line may hold several cells joined; the cell's own line is the exact place
    location["line"] = line.no
    location["text"] = quote(line.text)
    if line.page is not None:
        location["page"] = line.page


def _cell_stream(lines: list[Line], start: int) -> list[Cell]:
    """Cells published one per line, each ending in "|": the run from the header to the 合计 row."""
    cells: list[Cell] = []
    for k in range(start, len(lines)):
        line = lines[k]
        text = line.text.strip()
        if not text:
            continue
        if not text.endswith("|") or text.count("|") != 1:
            break
        cell = _cell(text[:-1])
        if _TABLE_END.match(cell):
            break
        cells.append((cell, line))
    return cells


def _split_row(text: str, bordered: bool) -> list[str]:
    """A row's cells. Only a table drawn with outer borders ('| a | b |') has an empty part at each end
    that is no cell; in a Word row (' | b') an empty first or last part is an empty cell."""
    parts = text.strip().split("|") if bordered else text.split("|")
    return [_cell(p) for p in (parts[1:-1] if bordered else parts)]


def _cell(text: str) -> str:
    return clean_text(narrow(text), cell=True)


def _header(cells: list[str]) -> list[str] | None:
    """The field of each header cell, or None unless it is a header we know how to read in full."""
    fields: list[str] = []
    for cell in cells:
        match = _ANY_COLUMN.search(cell)
        if match is None or match.lastgroup in fields:
            return None
        fields.append(match.lastgroup)  # type: ignore[arg-type]
    if fields[:3] != ["level1", "level2", "name"] or "target" not in fields:
        return None
    if not {"actual", "weight", "score"} & set(fields):
        return None
    return fields


Row = tuple[dict[str, Any], dict[str, Line]]  # an indicator and the raw line of each of its cells


def _rows_from_cells(stream: list[Cell]) -> list[Row]:
    """One cell per line: a row spans as many cells as the header, less the level cells a merged
    (rowspan) cell leaves out. The first row that cannot be aligned ends the reading."""
    width = 0
    while width < len(stream) and _ANY_COLUMN.search(stream[width][0]):
        width += 1
    fields = _header([c for c, _ in stream[:width]])
    if fields is None:
        return []
    rows: list[Row] = []
    levels: tuple[str | None, str | None] = (None, None)
    pos = width
    n = len(fields)
    while pos < len(stream):
        first = stream[pos][0]
        if _TABLE_END.match(first):
            break
        # a full row, or one whose level cells a merged cell above left out: the cells must fit one way only
        fitting: list[tuple[int, Row]] = []
        for size in _row_sizes(first, n):
            cells = stream[pos : pos + size]
            padding: list[Cell | None] = [None] * (n - size)
            row = _row(fields, [*padding, *cells], levels) if len(cells) == size else None
            if row is not None:
                fitting.append((size, row))
        if len(fitting) != 1:
            break
        size, row = fitting[0]
        rows.append(row)
        levels = (row[0]["level1"], row[0]["level2"])
        pos += size
    return rows


def _row_sizes(first: str, n: int) -> list[int]:
    """How many cells a row starting with `first` may span: all, or without its merged level cells."""
    if not first or LEVEL1_CELL.match(first):
        return [n, n - 1] if LEVEL2_CELL.match(first) else [n]  # 成本指标 is both a 一级 and a 二级指标
    if LEVEL2_CELL.match(first):
        return [n - 1, n - 2]
    return [n - 2]


def _rows_from_lines(head: list[str], lines: list[Line], bordered: bool) -> list[Row]:
    """One row per line: a row with as many cells as the header is read, any other is left out."""
    offset = head.index(_TABLE_START) if _TABLE_START in head else 0
    fields = _header(head[offset:])
    if fields is None:
        return []
    rows: list[Row] = []
    levels: tuple[str | None, str | None] = (None, None)
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if "|" not in text:
            break
        cells = _split_row(line.text, bordered)[offset:]
        if cells and _TABLE_END.match(cells[0]):
            break
        if len(cells) != len(fields):
            continue
        row = _row(fields, [(c, line) for c in cells], levels)
        if row is not None:
            rows.append(row)
            levels = (row[0]["level1"], row[0]["level2"])
    return rows


def _row(fields: list[str], cells: list[Cell | None], levels: tuple[str | None, str | None]) -> Row | None:
    """An indicator from one aligned row, or None when a cell does not fit its column."""
    text = {f: (c[0] if c else "") for f, c in zip(fields, cells, strict=True)}
    lines = {f: c[1] for f, c in zip(fields, cells, strict=True) if c and c[0]}
    level1 = text["level1"] or levels[0]
    level2 = text["level2"] or (levels[1] if not text["level1"] else None)
    name, target, unit = text["name"], text["target"], text.get("unit", "")
    if level1 is None or not LEVEL1_CELL.match(level1) or level2 is None or not LEVEL2_CELL.match(level2):
        return None
    if not _HAN.search(name) or len(name) > 40 or LEVEL1_CELL.match(name) or not target:
        return None
    nature = text.get("nature", "")
    if len(nature) > 4 or _DIGIT.search(nature) or len(unit) > 6 or _DIGIT.search(unit):
        return None
    weight, score = text.get("weight", ""), text.get("score", "")
    if (weight and not _NUMBER.match(weight)) or (score and not _NUMBER.match(score)):
        return None
    if nature in CMP_WORDS and not target.startswith(tuple(CMP_WORDS)):
        target = nature + target
    indicator: dict[str, Any] = {
        "level1": level1,
        "level2": level2,
        "name": name,
        "target": parse_measure(_with_unit(target, unit)),
        "actual": parse_measure(_with_unit(text["actual"], unit)) if text.get("actual") else None,
        "weight": parse_decimal(weight) if weight else None,
        "score": parse_decimal(score) if score else None,
        "deviation": text.get("deviation") or None,
    }
    # the nature and unit cells are part of the target as written: cite the target's own cell
    cited = {"name": lines["name"]} | {
        p: lines[p] for p in ("target", "actual", "weight", "score", "deviation") if p in lines
    }
    return indicator, cited


def _with_unit(value: str, unit: str) -> str:
    """'100' in a row whose 度量单位 cell says '%' is 100%."""
    return value + unit if unit and value[-1:].isdigit() else value


def _shared_value(ctx: Context, i: int, clause: str, level1: str | None, level2: str | None) -> None:
    """'A、B、C，均已符合…达100%': one actual value for every name listed."""
    names_part, _, rest = clause.partition(",")
    value = re.search(r"\d+(?:\.\d+)?%", rest)
    for name in names_part.split("、"):
        name = _clean_name(name)
        if name and value:
            _add(ctx, i, {"level1": level1, "level2": level2, "name": name, "actual": parse_measure(value[0])})


def _clean_name(name: str) -> str:
    name = name.strip(" ,:;").rsplit(",", 1)[
        -1
    ]  # "12月31号前按要求落实,完成及时性": the name is the last clause
    name = re.sub(r"^(?:其中|全年|本年度|年度)[:,]?", "", name.strip(" ,:;"))
    name = _RATE_TAIL.sub("", name)
    if name.endswith("度率"):
        name = name[:-1]
    return name.strip(" ,:;")


__all__ = ["extract_performance", "items"]

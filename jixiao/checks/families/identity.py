"""Identity: the text names another unit, claims powers its level cannot have, or calls itself what it is not.

Most of these are copy-paste left over from another unit's report or another kind of report. A unit is
known by its name and short name (`ev.unit`); names are compared after folding the usual long and short
forms (人民代表大会 → 人大, 委员会 → 委, 自治县 → 县 …) and splitting off the place (省、市、县 …), so
"县委宣传部" and "中共岳阳县委宣传部" are one unit, "某县财政局" and "某县人大常委会" two.
"""

from __future__ import annotations

import re

from jixiao.checks.registry import Look, rule
from jixiao.checks.text import ReportText, report_text
from jixiao.core.findings import CheckResult
from jixiao.core.model import Evaluation

_FOLD = (
    ("中国共产党", ""),
    ("中共", ""),
    ("人民代表大会", "人大"),
    ("常务委员会", "常委会"),
    ("政治协商会议", "政协"),
    ("人民政府", "政府"),
    ("委员会", "委"),
    ("办公室", "办"),
    ("学校", "校"),
    (" ", ""),
)
# the 55 minority nationalities, as they appear in the names of autonomous areas (寻甸回族彝族自治县)
_NATIONALITY_NAMES = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西"
    " 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂"
    " 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
)
_NATIONALITIES = _NATIONALITY_NAMES.split()
_ETHNIC_AUTONOMY = re.compile(f"(?:(?:{'|'.join(_NATIONALITIES)})族)+自治(县|州|区|旗)")
_PLACE = re.compile(r"^(?:[\u4e00-\u9fff]{1,7}?(?:自治区|省|市|县|区|州|盟|旗|镇|乡|街道))+")
_PLACE_PART = re.compile(r"[\u4e00-\u9fff]{1,7}?(?:自治区|省|市|县|区|州|盟|旗|镇|乡|街道)")


def fold(name: str) -> str:
    """A unit name in one canonical short form: 中共寻甸回族彝族自治县委员会办公室 → 寻甸县委办."""
    if "族" in name:  # only the name of an autonomous area has one; the expression costs more than this test
        name = _ETHNIC_AUTONOMY.sub(r"\1", name)
    for long, short in _FOLD:
        name = name.replace(long, short)
    return name


def split_place(folded: str) -> tuple[list[str], str]:
    """(place names without their level, the rest): 株洲市荷塘区妇女联合会 → (['株洲', '荷塘'], '妇女联合会')."""
    match = _PLACE.match(folded)
    if not match:
        return [], folded
    places = [
        p[:-3] if p.endswith("自治区") else p[:-2] if p.endswith("街道") else p[:-1]
        for p in _PLACE_PART.findall(match[0])
    ]
    return places, folded[match.end() :]


def same_unit(mentioned: str, own: list[str]) -> bool:
    """Whether a name mentioned in the text can be the unit itself (or a body inside it), given its own names."""
    return _same_unit(mentioned, _own_forms(own))


def _own_forms(own: list[str]) -> list[tuple[str, list[str], str]]:
    """(folded name, its places, the rest) of each of the unit's own names, worked out once per rule."""
    return [(folded, *split_place(folded)) for folded in map(fold, own)]


def _same_unit(mentioned: str, own_forms: list[tuple[str, list[str], str]]) -> bool:
    places, head = split_place(fold(mentioned))
    if len(head) < 2:
        return True  # nothing left to compare: not evidence of another unit
    for own_folded, own_places, own_head in own_forms:
        if len(own_head) < 2:
            continue
        if own_head not in head and head not in own_head:
            continue
        if all(p in own_folded for p in places if len(p) >= 2) or not own_places:
            return True
    return False


def own_names(ev: Evaluation) -> list[str]:
    name, short_name = ev.unit.name, ev.unit.short_name
    if name and short_name:
        return [name, short_name]
    return [name] if name else [short_name] if short_name else []


# where a text says whose functions these are: "X承担以下职责", "X的主要职责是", "X是……组成部门". Each
# pattern starts with a literal, which keeps the scan of the whole text fast: a lookahead right after its
# first character keeps that literal to one character, which the regex engine finds several times faster
# than a longer one. The subject X stands right before the phrase (or before 是/为/系 for the 部门 ones) and
# is read from there. With each pattern: a character all its matches have, for a fast C test that rules the
# pattern out for most reports; whether it names the kind of body rather than the duties.
_DUTY_SCANS = (
    (re.compile(r"承(?=担)担(?:以下|如下|下列)"), "担", False),
    (re.compile(r"主(?=要)要职[责能](?:是|为|有|包括)"), "职", False),
    (re.compile(r"部(?=门)门(?<=组成部门|工作部门|职能部门)"), "门", True),
    (re.compile(r"机[构关](?<=直属机构|派出机构|派出机关)"), "机", True),
)
# the 的 and 主要 that end a clause before the duty words, read backwards from its end (the two cannot be
# confused, so the longest run matched from the end is the one a search from the start would strip)
_BEFORE_DUTY_REVERSED = re.compile(r"(?:的|要主)+")
_BEFORE_KIND = re.compile(r"(?:是|为|系|属)[^,，。;；:：\n]{0,24}$")
# what is left of a clause once the characters that start one are read backwards from its end
_CLAUSE_TAIL = re.compile(r"[^,，。;；:：、()（）“”《》\n\s]*")
_INSTITUTION = re.compile(
    r"(?:局|厅|委|办|部|院|校|学|中心|会|所|站|馆|队|政府|指挥部|处|科|室|团|社|协|联|署|庭|监狱|小组)$"
)
_GENERIC = re.compile(r"^(?:本|我|该|其|此|各|上级|下属|有关|相关|部门|单位)")


def _duty_subjects(doc: ReportText) -> list[tuple[int, str]]:
    """(offset, the name written as the subject) of every duty statement in the description of the unit."""
    text = doc.text
    found: list[tuple[int, str]] = []
    end = -1  # where the description ends, worked out only once a duty phrase is found at all
    for pattern, char, names_kind in _DUTY_SCANS:
        # a search first: `finditer` costs more to start than this scan, which most reports end with
        first = pattern.search(text) if char in text else None
        for match in pattern.finditer(text, first.start()) if first else ():
            if end < 0:
                end = doc.intro_end()
            if match.end() > end:
                break  # the matches come in order: the rest lie past the description too
            start = match.start()
            clause_start = max(0, start - 60)
            clause = text[clause_start:start]
            if names_kind:
                kind = _BEFORE_KIND.search(clause)
                if not kind:
                    continue
                clause = clause[: kind.start()]
            else:
                tail = _BEFORE_DUTY_REVERSED.match(clause[::-1])
                if tail:
                    clause = clause[: -tail.end()]
            cut = len(clause) - _CLAUSE_TAIL.match(clause[::-1]).end()  # type: ignore[union-attr]
            mentioned = clause[cut:]
            if len(mentioned) < 3 or not _INSTITUTION.search(mentioned) or _GENERIC.match(mentioned):
                continue
            if any(map(str.isdigit, mentioned)):
                continue
            found.append((clause_start + cut, mentioned))
    return found


@rule("other-unit-named", "identity", "error", "职能表述的主体是另一个单位")
def check_other_unit_named(ev: Evaluation, look: Look) -> CheckResult:
    """报告写“××承担以下职责”“××是……组成部门”时，××应是本单位。

    写成另一个单位（如人大常委会的报告里写“某县财政局承担以下工作职责”、另一个县的同名部门），
    说明职能等段落抄自其他单位的报告，未改或漏改。本单位的全称、简称以及常见的长短写法（人民代表大会/人大、
    委员会/委、自治县/县等）视为同一单位；单位名称未识别时不核对。"""
    if not ev.unit.name and not ev.unit.short_name:
        return look.result()
    doc = report_text(look)
    subjects = _duty_subjects(doc)
    if not subjects:
        return look.result()
    names = own_names(ev)
    own: list[tuple[str, list[str], str]] = []
    others = [*ev.unit.internal_bodies, *ev.unit.subordinate_units]
    for start, mentioned in subjects:
        if mentioned in names:  # the unit's own name, as most reports write it: no folding needed
            look.passed()
            continue
        own = own or _own_forms(names)
        if _same_unit(mentioned, own) or any(mentioned in o or o in mentioned for o in others):
            look.passed()
            continue
        look.fail(
            f"此处职能表述的主体是“{mentioned}”，而本报告的单位是“{names[0]}”：这段文字可能抄自其他单位的报告，"
            f"请核对并改为本单位的职能。",
            at="unit.name",
            evidence={"mentioned": mentioned, "unit": names[0], "short_name": ev.unit.short_name},
            **doc.place(start),
        )
    return look.result()


# powers only the 全国人民代表大会 and its 常务委员会 have (宪法第六十二、六十七条). Each names 法 or 国务院:
# those two literals are found fast, and the phrase is then matched around each.
# Only a 法 in 宪法, 法律, 法院 or 法规 is an anchor: finding those pairs in C leaves the Python loop the
# few anchors that matter instead of every 办法 and 依法.
_XIANFA = re.compile("宪法")  # the anchor is the 法
_FA_NEXT = re.compile("法[律院规]")
_GUOWUYUAN = re.compile("国(?=务)务院")  # the lookahead keeps the literal scanned for to 国
# every alternative starts with a literal character (none with a group), which lets the regex engine skip
# to the next 解/监/撤/对/基/全/审/决 instead of trying each alternative at every position
_NATIONAL_POWERS = re.compile(
    r"解释宪法|监督(?:宪法的实施|国务院|中央军事委员会|最高人民法院|最高人民检察院)"
    r"|撤销(?:国务院|中央军事委员会|最高人民法院|最高人民检察院)"
    r"|对国务院[^。;；\n]{0,40}?进行监督|基本法律以外|全国人(?:大|民代表大会)制定的法律|审查行政法规|决定特赦"
)
# every power above has one of these phrases: a report with none of them (each first ruled out by a
# character of it, a fast C test) cannot list such a power, and is passed without the anchored search. The
# lookbehinds hold the word before 国务院, 最高人民 and 中央军委 in the powers (监督, 撤销, 对), which most
# reports that name those bodies do not write; the lookaheads keep each literal to one character.
_POWER_WORDS = (
    ("宪", re.compile("宪(?=法)")),
    ("院", re.compile("国(?<=[督销对]国)务院")),
    ("院", re.compile("最(?<=[督销]最)高人民")),
    ("军", re.compile("中(?<=[督销]中)央军事委员会")),
    ("外", re.compile("基(?=本)本法律以外")),
    ("律", re.compile("制(?=定)定的法律")),
    ("审", re.compile("审(?=查)查行政法规")),
    ("赦", re.compile("决(?=定)定特赦")),
)
_NATIONAL_UNIT = re.compile(r"^(?:全国|中华人民共和国|国家|国务院|中共中央|中央)")
_LOCAL_UNIT = re.compile(r"自治区|省|市|县|区|州|盟|旗|镇|乡|街道")


@rule("functions-beyond-level", "identity", "error", "所列职能超出本级单位的权限")
def check_functions_beyond_level(ev: Evaluation, look: Look) -> CheckResult:
    """地方单位的职能中出现只有全国人大及其常委会才有的职权（解释宪法、监督宪法的实施、监督国务院和最高人民法院、
    最高人民检察院的工作、制定基本法律以外的法律等），说明职能表述抄自全国人大常委会的职责，不可能是本单位的职能。

    只对名称中带省、市、县、区、乡、镇等地方层级的单位核对；单位名称未识别时不核对。"""
    name = ev.unit.name
    if not name or _NATIONAL_UNIT.match(name.removeprefix("中共")) or not _LOCAL_UNIT.search(name):
        return look.result()
    doc = report_text(look)
    text = doc.text
    if not any(char in text and phrase.search(text) for char, phrase in _POWER_WORDS):
        look.passed()
        return look.result()
    by_line: dict[int, list[str]] = {}
    end = doc.intro_end()
    anchors = [m.start() + 1 for m in _XIANFA.finditer(text, 0, end)] if "宪" in text else []
    anchors += [m.start() for m in _FA_NEXT.finditer(text, 0, end + 1)]  # the pair may end just past `end`
    if text[:1] == "法" and end > 0 and text[-1] == "宪":
        anchors.append(0)  # as text[anchor - 1] read it: the report's last character stands before the first
    if "国" in text:
        anchors += [m.start() for m in _GUOWUYUAN.finditer(text, 0, end)]
    resume = 0
    for anchor in sorted(set(anchors)):
        if anchor < resume:
            continue
        match = _NATIONAL_POWERS.search(text, max(resume, anchor - 12), anchor + 48)
        if not match or match.start() > anchor:
            continue
        resume = match.end()
        line_start = text.rfind("\n", 0, match.start()) + 1
        by_line.setdefault(line_start, []).append(match[0])
    for line_start, powers in by_line.items():
        listed = "、".join(f"“{p}”" for p in dict.fromkeys(powers))
        look.fail(
            f"“{name}”是地方单位，所列职能中却有 {listed}：这些是全国人民代表大会及其常务委员会的职权，"
            f"职能表述可能抄自上级机关，请改为本单位的职能。",
            at="functions",
            evidence={"unit": name, "powers": "、".join(dict.fromkeys(powers))},
            **doc.place(line_start),
        )
    if not by_line:
        look.passed()
    return look.result()


# 本局 / 我院 …: the kind of body the text says it is; the next character rules out 本部门, 本办法, 我会同 …
# (no 本站: on a mirrored web page that is the website speaking)
_SELF_TAIL = r"(镇|乡|局|院|厅|委|办|部|校|中心|所|馆|队|会|处)(?![门分署法理议计同在属得有镇托伍置级])"
_SELF = (re.compile("本" + _SELF_TAIL), re.compile("我" + _SELF_TAIL))
_SUFFIX_IN_NAME = {"校": ("校", "学"), "会": ("会", "委", "政协"), "委": ("委",), "办": ("办",)}


@rule("self-reference-mismatch", "identity", "warning", "自称与本单位类型不符")
def check_self_reference_mismatch(ev: Evaluation, look: Look) -> CheckResult:
    """报告中“本局”“我院”“本镇”等自称应与本单位的类型一致：人大常委会的报告里出现“本局”，乡的报告里出现“本镇”，
    多是沿用了其他单位的报告。“本部门”“本单位”“本县”等通用说法不核对；单位名称未识别时不核对。"""
    if not ev.unit.name and not ev.unit.short_name:
        return look.result()
    doc = report_text(look)
    text = doc.text
    kinds = _SELF[0].findall(text)
    if "我" in text:
        kinds += _SELF[1].findall(text)
    if not kinds:
        return look.result()
    names = own_names(ev)
    fits: dict[str, bool] = {}
    folded: list[str] = []
    for kind in set(kinds):  # each kind of body once: most reports say 本局 or 我院 many times over
        accepted = _SUFFIX_IN_NAME.get(kind, (kind,))
        fits[kind] = any(a in n for a in accepted for n in names)
        if not fits[kind]:  # the folded names only when the names as written do not have it
            folded = folded or [fold(n) for n in names]
            fits[kind] = any(a in n for a in accepted for n in folded)
    if all(fits.values()):
        look.passed()
        return look.result()
    seen: set[str] = set()
    for match in [m for pattern in _SELF for m in pattern.finditer(text)]:
        kind = match[1]
        if fits[kind]:
            look.passed()
            continue
        if match[0] in seen:
            continue  # one finding per way of saying it; the first place is enough to find the rest
        seen.add(match[0])
        look.fail(
            f"报告自称“{match[0]}”，但本单位“{names[0]}”名称中没有“{kind}”：这一自称可能沿用了其他单位的报告，或这段文字出自别的单位之手，请核对。",
            at="unit.name",
            evidence={"self_reference": match[0], "unit": names[0]},
            **doc.place(match.start()),
        )
    return look.result()


_CALLED_PROJECT = re.compile(r"本(?=项)项目")  # the lookahead keeps the literal the engine scans for to 本
_WHOLE_UNIT_WORDS = re.compile(r"基本支出|人员经费|公用经费|部门整体|整体支出")


@rule("whole-report-called-project", "identity", "warning", "部门整体报告自称“本项目”")
def check_whole_report_called_project(ev: Evaluation, look: Look) -> CheckResult:
    """部门整体支出绩效报告评价的是整个部门的收支，不是一个项目。用“本项目”指称包括基本支出在内的部门整体支出，
    说明文字套用了项目支出报告的写法，容易让读者误解评价范围。

    只在同一句中出现基本支出、人员经费、公用经费或“整体支出”时提示：部门报告中介绍某个具体项目时写“本项目”是正常的。"""
    if ev.kind != "部门整体":
        return look.result()
    doc = report_text(look)
    text = doc.text
    first = _CALLED_PROJECT.search(text)  # `finditer` costs more to start than this scan
    for match in _CALLED_PROJECT.finditer(text, first.start()) if first else ():
        start = match.start()
        sentence_start = max(text.rfind(c, 0, start) for c in "。;；\n") + 1
        ends = [e for e in (text.find(c, start) for c in "。;；\n") if e >= 0]
        sentence = text[sentence_start : min(ends) if ends else len(text)]
        if not _WHOLE_UNIT_WORDS.search(sentence):
            continue
        look.fail(
            f"这是部门整体支出绩效报告，却用“本项目”指称部门的整体支出（“{sentence.strip()[:40]}”）：请改为“本部门”或单位名称。",
            at="kind",
            evidence={"kind": ev.kind, "sentence": sentence.strip()},
            **doc.place(start),
        )
    if not look.findings:
        look.passed()
    return look.result()

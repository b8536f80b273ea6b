"""Budget, income, expenditure, 财政拨款支出 classes, projects, the other three budgets, assets, 三公经费.

Each amount is recognised by its own label, with the sentence's topic deciding what an ambiguous label
means: 基本支出 in a 财政拨款支出 sentence is the fiscal part, in a plain 支出 sentence the whole unit's.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.codes import economic_class, functional_class
from jixiao.core.model import PROJECT
from jixiao.io.context import Context
from jixiao.io.figures import Figure, figures, sentences

_YEAR_PREFIX = re.compile(r"^(?:\d{1,2}[、.])?(?:截至|截止)?(?:\d{4}年(?:度|底|末|\d{1,2}月\d{1,2}日)?,?)?")
_FILLER = re.compile(r"^(?:其中|主要用于以下方面|主要用于|包括|分别为|合计|共|我部门|我单位|本部门|本单位)+[:,]?")

# (topic, pattern on the label) → path; the topic is None for labels that mean one thing wherever they are
_ALWAYS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"年初预算"), "budget.initial"),
    (re.compile(r"全年预算数|调整后预算|调整后的预算"), "budget.adjusted"),
    (re.compile(r"全年执行数|预算执行数|实际执行|拨付使用|实际使用|实际支付"), "budget.executed"),
    (re.compile(r"资产总额|资产总计"), "assets.total"),
    (re.compile(r"流动资产"), "assets.current"),
    (re.compile(r"固定资产净值"), "assets.fixed_net"),
    (re.compile(r"固定资产原值|账面固定资产"), "assets.fixed_book"),
    (re.compile(r"自用固定资产"), "assets.self_used"),
    (re.compile(r"在用"), "assets.in_use"),
    (re.compile(r"处置"), "assets.disposed"),
    (re.compile(r"三公经费预算|三公经费.*预算数"), "three_public.budget"),
    (re.compile(r"因公出国"), "three_public.overseas"),
    (re.compile(r"公务用车"), "three_public.vehicles"),
    (re.compile(r"公务接待"), "three_public.reception"),
    (re.compile(r"三公经费"), "three_public.total"),
    (re.compile(r"财政拨款支出"), "budget.fiscal_expenditure.total"),
    # "按收入性质分" / "按支出性质分": the 年度资金总额 of the Hunan 部门整体支出绩效自评表, by income and by spending
    (re.compile(r"收入合计|取得收入|预算收入|总收入|本年收入|^收入$|收入总额|按收入性质分$"), "budget.income.total"),
    # what a project or a unit was given for the year: "资金总额", "共下达", "投入…经费预算", "安排…资金共"
    (re.compile(r"资金总额|下达$|投入.*(?:资金|经费|预算)$|(?:安排|拨款).*资金共?$"), "budget.income.total"),
    (re.compile(r"事业收入"), "budget.income.business"),
    (re.compile(r"经营收入"), "budget.income.operating"),
    (re.compile(r"其他收入"), "budget.income.other"),
    (re.compile(r"上年结转|年初结转"), "budget.income.carried_over"),
    (re.compile(r"支出合计|发生支出|^支出$|^实际支出$|本年支出|总支出|支出总额|按支出性质分$"), "budget.expenditure.total"),
    (re.compile(r"经营支出"), "budget.expenditure.operating"),
    (re.compile(r"人员经费"), "budget.expenditure.personnel"),
    (re.compile(r"公用经费"), "budget.expenditure.public"),
    (re.compile(r"结余结转|结转结余|年末结转"), "budget.expenditure.carried_forward"),
]
_ANY_ALWAYS = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _ALWAYS))
_FISCAL_INCOME = re.compile(r"财政拨款(收入|资金)?$")
_BASIC = re.compile(r"基本支出")
_PROJECT = re.compile(r"项目支出")
_ACQUIRE = re.compile(r"配置")
_BY_CATEGORY = re.compile(r"配置.*(?:按|从)资产类别")
_DIGIT = re.compile(r"\d")
_PERIOD_END = re.compile(r"(?<=。)")
_BUDGETED = re.compile(r"预算|安排|下达")
_SPENT = re.compile(r"支出|执行|使用|支付")
_QUOTES = re.compile("[“”\"]")
_THREE_PUBLIC_ACTUAL = re.compile(r"^(?:实际)?支出|决算|实际")
_USED_FOR = re.compile(r"^(?:用于|主要用于)")
_ECONOMIC_WORDS = re.compile(r"工资福利|商品和服务|对个人和家庭|资本性|债务利息|对企业")


def extract_budget(ctx: Context) -> None:
    project_lines = set(ctx.body("project_expenditure"))
    department = ctx.data.get("kind") != PROJECT
    named: dict[str, int] = {}  # each project of `budget.projects` by its name without 项目: one look-up each
    for i in ctx.body_lines():
        text = ctx.text(i)
        if not text or not _DIGIT.search(text):
            continue
        if i in project_lines and _project(ctx, i, text, named):
            continue
        rate = _BUDGET_RATE.search(text) if "执行率" in text else None
        if rate and not (department and _of_a_project(_sentence_before(text, rate.start()))):
            ctx.put("budget.execution_rate", Decimal(rate["rate"]), i)
        if "元" not in text:  # every amount ends in 元, 万元 or 亿元: most lines with a digit state none
            continue
        topic: str | None = None  # a clause that names no topic of its own continues the previous one's
        for period in _PERIOD_END.split(text):
            # "配置…，从资产类别分析，配置通用设备…；家具…": categories run to the end of the sentence
            by_category = bool(_BY_CATEGORY.search(period))
            for sentence in sentences(period):
                topic = _topic(sentence) or topic
                _sentence(ctx, i, sentence, topic, by_category, named)
    _other_budgets(ctx)


_PROJECT_LINE = re.compile(r"^(?:\(\d{1,2}\)|\d{1,2}[、.]|[①-⑳])?(?P<name>[^:,;。]{2,40}?)[:]")
_PROJECTS_STATED = re.compile(r"(?:共|实施|安排)(?:实施)?(?:项目)?(?P<n>\d{1,3})个(?:项目)?")
_PURPOSE = re.compile(r"(?:主要)?用于(?P<purpose>[^。]*)")
_RATE = re.compile(r"执行率(?:为|达)?(?P<rate>\d+(?:\.\d+)?)%")
# the year's overall rate, outside a project's line: "预算执行率97.22%", "预算执行率为100%"
_BUDGET_RATE = re.compile(r"预算执行率(?:为|是|达到|达)?[:]?(?P<rate>\d+(?:\.\d+)?)%")


def _project(ctx: Context, i: int, text: str, named: dict[str, int]) -> bool:
    """'（1）XX项目：预算360.00万元，实际支出348.62万元，执行率96.84%，主要用于…' is one project."""
    stated = _PROJECTS_STATED.search(text)
    if stated:
        ctx.put("budget.projects_stated", int(stated["n"]), i)
    match = _PROJECT_LINE.match(text)
    found = figures(text)
    if not match or not found:
        return False
    project: dict[str, object] = {"name": match["name"]}
    for fig in found:
        label = _clean_label(fig.label)
        if _BUDGETED.search(label) and "budget" not in project:
            project["budget"] = fig.amount
        elif _SPENT.search(label) and "spent" not in project:
            project["spent"] = fig.amount
    rate = _RATE.search(text)
    if rate:
        project["execution_rate"] = Decimal(rate["rate"])
    purpose = _PURPOSE.search(text)
    if purpose:
        project["purpose"] = purpose["purpose"].strip(" ,")
    n = ctx.append("budget.projects", project, i)
    named.setdefault(match["name"].removesuffix("项目"), n)
    # each figure the line states, cited where it stands (`cite` passes over one the line did not state)
    for path in (f"budget.projects[{n}].budget", f"budget.projects[{n}].spent", f"budget.projects[{n}].execution_rate"):
        ctx.cite(path, i)
    return True


def _clean_label(label: str) -> str:
    label = _YEAR_PREFIX.sub("", _QUOTES.sub("", label.strip()))
    return _FILLER.sub("", label).strip()


# a figure labelled with a year: "2022年决算数874.20万元" in a table's column of last year
_LABEL_YEAR = re.compile(r"^\s*(?:\d{1,2}[、.])?((?:19|20)\d{2})年")


def _sentence(
    ctx: Context, i: int, sentence: str, topic: str | None, by_category: bool, named: dict[str, int]
) -> None:
    found = figures(sentence)
    if not found:
        return
    year = ctx.data.get("fiscal_year")
    department = ctx.data.get("kind") != PROJECT
    project: str | None = None  # the project the sentence speaks of so far, in a department's report
    for fig in found:
        if department and "项目" in fig.lead:
            project = _of_a_project(fig.lead)
        stated = _LABEL_YEAR.match(fig.label)
        if stated and year is not None and int(stated[1]) != year:
            continue  # another year's figure (last year's 决算, next year's 预算): not this year's
        label = _clean_label(fig.label)
        if not label:
            continue
        if project is not None and _one_project_s(ctx, i, project, fig, label, sentence, named):
            continue
        _figure(ctx, i, fig, label, topic, by_category)


# A figure said of one project: "档案数字化项目全年预算数120.00万元，全年执行数116.00万元，执行率96.67%". In a
# department's report its budget, execution and rate are that project's, never the unit's: they go to the
# project (`budget.projects`). The name is the words before the last 项目 in the text before the figure (not
# 项目支出, the unit's own spending on projects, nor 本项目 / 实施项目3个, which name no one project).
_NAME_BEFORE = re.compile(r"[\u4e00-\u9fff“”\"()A-Za-z]{2,30}$")
_NO_PROJECT_NAME = re.compile(r"(?:本|该|各|此|所有|全部|其他|部门预算|部门|单位|整体|共实施|实施|安排)$")
_UNIT_S = re.compile(r"^(?:支出|资金总额|\d+个|[:,])")
# the unit's figure a project's is read as (its label's words), and where it goes in that project
_PROJECT_BUDGET = {
    "budget.initial": "budget.projects[{}].budget",
    "budget.adjusted": "budget.projects[{}].budget",
    "budget.executed": "budget.projects[{}].spent",
}


def _of_a_project(before: str) -> str | None:
    """The project a figure is said of, by the last 项目 in the words before it; None when the unit's."""
    last = before.rfind("项目")
    if last < 0 or _UNIT_S.match(before, last + 2):
        return None
    name = _NAME_BEFORE.search(before, 0, last)
    if name is None or _NO_PROJECT_NAME.search(name.group()):
        return None
    return _FILLER.sub("", name.group()) + "项目"


def _sentence_before(text: str, at: int) -> str:
    """The words of `text` from the start of the sentence holding position `at` up to it."""
    start = max(text.rfind(mark, 0, at) for mark in "。;") + 1
    return text[start:at]


def _one_project_s(
    ctx: Context, i: int, name: str, fig: Figure, label: str, sentence: str, named: dict[str, int]
) -> bool:
    """Record a project's budget or spending; whether the figure was one (it is then no figure of the unit's).
    A project listed before under its name ("档案数字化项目：预算…") is the same project: an amount it states
    otherwise there is kept as a restatement."""
    path = next((path for pattern, path in _ALWAYS if pattern.search(label)), None)
    template = _PROJECT_BUDGET.get(path or "")
    if template is None:
        return False
    n = named.get(name.removesuffix("项目"))  # "档案数字化" listed and "档案数字化项目" named are one project
    if n is None:
        n = named[name.removesuffix("项目")] = ctx.append("budget.projects", {"name": name}, i)
    here = template.format(n)
    if not ctx.put(here, fig.amount, i, fig.unit) and ctx.get(here) != fig.amount:
        first = f"{ctx.get(f'budget.projects[{n}].name')}的{'实际支出' if here.endswith('spent') else '预算'}"
        ctx.restate(here, label, fig.amount, i, fig.unit, first_label=first)
    rate = _RATE.search(sentence)
    if rate:
        ctx.put(f"budget.projects[{n}].execution_rate", Decimal(rate["rate"]), i)
    return True


_TOPICS = [
    ("fiscal", re.compile(r"财政拨款支出")),
    ("assets", re.compile(r"资产")),
    ("three_public", re.compile(r"三公")),
    ("income", re.compile(r"收入")),
    ("expenditure", re.compile(r"发生支出|支出合计|^\d{4}年(?:度)?支出|^支出|实际支出|本年支出|总支出")),
]


def _topic(sentence: str) -> str | None:
    head = _FILLER.sub("", sentence[:40])
    for topic, pattern in _TOPICS:
        if pattern.search(head):
            return topic
    return None


# a change or a difference, not the quantity its words name: "年初预算数与全年预算数相差214.20万元", "比上年增加"
_CHANGE = re.compile(r"相差|差额|增加|减少|增长|下降|增减|提高|降低")
_LABEL_MAX = 30  # characters: a longer "label" is a run of table cells or clauses, not the words of one figure


def _figure(ctx: Context, i: int, fig: Figure, label: str, topic: str | None, by_category: bool) -> None:
    if len(label) > _LABEL_MAX or _CHANGE.search(label):
        return
    if topic == "assets" and (_ACQUIRE.search(label) or by_category):
        _acquisition(ctx, i, fig, label)
        return
    if topic == "three_public" and _THREE_PUBLIC_ACTUAL.search(label):
        ctx.put("three_public.total", fig.amount, i, fig.unit)
        return
    if topic == "fiscal" and _fiscal_class(ctx, i, fig, label):
        return
    if topic == "income" and _FISCAL_INCOME.search(label):
        _put_with_share(ctx, "budget.income.fiscal", i, fig, label)
        return
    if _BASIC.search(label) or _PROJECT.search(label):
        if ctx.data.get("kind") == PROJECT:
            return  # the kinds of a unit's spending: a project's own is its 执行数 (load._project_figures)
        _put_with_share(ctx, _PARTS[topic == "fiscal", bool(_BASIC.search(label))], i, fig, label)
        return
    if not _ANY_ALWAYS.search(label):  # one search rules out the labels none of them name
        return
    for pattern, path in _ALWAYS:
        if pattern.search(label):
            _put_with_share(ctx, path, i, fig, label)
            return


# 基本支出 and 项目支出 by (a 财政拨款支出 sentence?, 基本支出?): the fiscal part or the whole unit's
_PARTS = {
    (True, True): "budget.fiscal_expenditure.basic",
    (True, False): "budget.fiscal_expenditure.project",
    (False, True): "budget.expenditure.basic",
    (False, False): "budget.expenditure.project",
}


def _statement(fig: Figure, label: str) -> str:
    """What a figure is said to be, to tell a second statement of it: its `label` (cleaned), under the row it
    stands in where a table row leads it ("财政专户管理资金:年初预算0.00万元": a short head with no figure)."""
    head = fig.head
    if head is not None and head != fig.label and len(head) <= 20 and not _DIGIT.search(head):
        return f"{head}:{label}"
    return label


# Where the share stated after an amount ("，占 96%") goes: a part's share of its whole (收入合计, 支出合计,
# 财政拨款支出, 账面固定资产), and for 人员经费 and 公用经费 their share of 基本支出, taken only where the words
# name it ("占基本支出的83.32%"), since a share of another whole would be checked against the wrong one.
_SHARES: dict[str, tuple[str, str | None]] = {
    "budget.income.fiscal": ("budget.income.fiscal_share", None),
    "budget.income.business": ("budget.income.business_share", None),
    "budget.income.operating": ("budget.income.operating_share", None),
    "budget.income.other": ("budget.income.other_share", None),
    "budget.expenditure.basic": ("budget.expenditure.basic_share", None),
    "budget.expenditure.project": ("budget.expenditure.project_share", None),
    "budget.expenditure.operating": ("budget.expenditure.operating_share", None),
    "budget.expenditure.personnel": ("budget.expenditure.personnel_share", "基本支出"),
    "budget.expenditure.public": ("budget.expenditure.public_share", "基本支出"),
    "budget.fiscal_expenditure.basic": ("budget.fiscal_expenditure.basic_share", None),
    "budget.fiscal_expenditure.project": ("budget.fiscal_expenditure.project_share", None),
    "assets.self_used": ("assets.self_used_share", None),
    "assets.in_use": ("assets.in_use_share", None),
}


def _put_with_share(ctx: Context, path: str, i: int, fig: Figure, label: str) -> None:
    if ctx.put(path, fig.amount, i, fig.unit, label=_statement(fig, label)) and fig.share is not None:
        share_path, whole = _SHARES.get(path, (None, None))
        if share_path is not None and (whole is None or whole in fig.share_words):
            ctx.put(share_path, fig.share, i)


def _fiscal_class(ctx: Context, i: int, fig: Figure, label: str) -> bool:
    """A 功能分类 or 经济分类 line of 财政拨款支出."""
    name = _USED_FOR.sub("", label)
    year = ctx.data.get("fiscal_year")
    functional = functional_class(name, year)
    if functional or "(类)" in name:
        code = functional[0] if functional else None
        item = {"name": name.replace("(类)", ""), "code": code, "amount": fig.amount, "share": fig.share}
        n = ctx.append("budget.fiscal_expenditure.by_function", item, i)
        ctx.cite(f"budget.fiscal_expenditure.by_function[{n}].amount", i, fig.unit)
        return True
    economic = economic_class(name, year)
    if economic or _ECONOMIC_WORDS.search(name):
        item = {"name": name, "code": economic[0] if economic else None, "amount": fig.amount, "share": fig.share}
        n = ctx.append("budget.fiscal_expenditure.by_economic", item, i)
        ctx.cite(f"budget.fiscal_expenditure.by_economic[{n}].amount", i, fig.unit)
        return True
    return False


def _acquisition(ctx: Context, i: int, fig: Figure, label: str) -> None:
    """'配置固定资产30.00万元' is the total; '配置通用设备24.00万元，占80.00%' a category."""
    name = label.split("配置", 1)[1].strip() if "配置" in label else label
    if not name or name in {"固定资产", "资产"}:
        ctx.put("assets.acquired", fig.amount, i, fig.unit)
        return
    n = ctx.append("assets.acquisitions", {"name": name, "amount": fig.amount, "share": fig.share}, i)
    ctx.cite(f"assets.acquisitions[{n}].amount", i, fig.unit)


_NONE_STATED = re.compile(r"无|没有|未(安排|发生)|不涉及")
# per outline key: the budget's name in the text, its field and the field of its amount
_OTHER_BUDGETS = {
    "government_fund": ("政府性基金", "budget.government_fund", "budget.government_fund.amount"),
    "state_capital": ("国有资本经营", "budget.state_capital", "budget.state_capital.amount"),
    "social_insurance": ("社会保险基金", "budget.social_insurance", "budget.social_insurance.amount"),
}


def _other_budgets(ctx: Context) -> None:
    """政府性基金 / 国有资本经营 / 社会保险基金: stated as none, or an amount, from their own words only.

    A section headed 国有资本经营 that holds asset figures does not state anything about that budget: its
    heading alone says nothing, so the value stays unset for the checker to notice.
    """
    body = ctx.body_lines()
    for key, (word, path, amount_path) in _OTHER_BUDGETS.items():
        under_key = set(ctx.body(key))
        # most reports never name these budgets: their lines are found by a comprehension, not a loop
        for i in [i for i in body if word in ctx.lines[i].text or i in under_key]:
            text = ctx.text(i)
            for sentence in sentences(text):
                mentions = word in sentence or (i in under_key and "预算" in sentence and "资产" not in sentence)
                if not mentions:
                    continue
                found = figures(sentence)
                if found and word in sentence:
                    ctx.put(path, {"stated_none": False, "amount": found[0].amount, "text": sentence}, i)
                    ctx.cite(amount_path, i, found[0].unit)
                elif _NONE_STATED.search(sentence):
                    ctx.put(path, {"stated_none": True, "amount": None, "text": sentence}, i)

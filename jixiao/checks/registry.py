"""The registry of checks: each rule a small named function with a stable id, a category and a severity.

A check is written as

    @rule("income-total", "arithmetic", "error", "收入合计与各来源之和不符")
    def check_income_total(ev: Evaluation, look: Look) -> CheckResult:
        \"\"\"收入合计应等于财政拨款、事业、经营、其他收入之和……(the explanation, in Chinese)\"\"\"
        ...
        return look.result()

The decorator's title is the one-line summary; the docstring is the longer explanation that
`jixiao check --explain RULE` and the rule catalogue in docs/ show. A rule without an explanation, or an id
used twice, is a programming error and fails at import.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, get_args

from jixiao.core.findings import Category, CheckResult, Finding, FindingLocation, Outcome, Severity
from jixiao.core.model import Evaluation, Location


@dataclass(frozen=True)
class Settings:
    """What a finance bureau may tune; the scoring rulebook takes these over later."""

    over_achievement: Decimal = Decimal("130")  # an actual at or above this % of its target is "far above"
    # the rulebook the scoring rules score against: a bundled id, a YAML path, or a loaded Rulebook; None: the
    # default for the evaluation's kind (`jixiao.scoring.rulebook.default_rulebook`)
    rulebook: Any = None
    # a unit's package: the other evaluations checked together with this one (its department's 部门整体
    # evaluation and the 项目支出 evaluations of its projects); empty when an evaluation is checked alone
    package: tuple[Evaluation, ...] = ()


CheckFn = Callable[[Evaluation, "Look"], CheckResult]


@dataclass(frozen=True)
class Rule:
    id: str
    category: Category
    severity: Severity  # of a failure; a rounding-only difference is always info
    title: str  # one line, Chinese
    explanation: str  # Chinese, the check function's docstring
    check: CheckFn


RULES: dict[str, Rule] = {}
_UNSET = object()  # a shared value not computed yet (None is a value)
_EMPTY: dict[str, dict[str, CheckResult]] = {}  # per rule, its finding-less result for each outcome
_OCR_NOTE = "（所据文字由 OCR 从扫描页识别，可能认错，请先与原件核对。）"


def rule(rule_id: str, category: Category, severity: Severity, title: str) -> Callable[[CheckFn], CheckFn]:
    def register(fn: CheckFn) -> CheckFn:
        explanation = inspect.cleandoc(fn.__doc__ or "")
        if not explanation:
            raise ValueError(
                f"rule {rule_id}: the check function needs a docstring (its Chinese explanation)"
            )
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, category, severity, title, explanation, fn)
        _EMPTY[rule_id] = {outcome: CheckResult(rule_id, outcome) for outcome in get_args(Outcome)}
        return fn

    return register


def place_of(source: Location) -> dict[str, Any]:
    """Where an imported value stands, as a finding's location gives it (`Look.fail(**place_of(source))`)."""
    return {
        "file": source.file,
        "line": source.line,
        "page": source.page,
        "sheet": source.sheet,
        "cell": source.cell,
        "section": source.section,
        "text": source.text,
        "ocr": source.ocr,
    }


def location_of(ev: Evaluation, path: str | None) -> FindingLocation:
    """The imported source of `path`, or of its nearest parent that has one ('a.b[2].c' → 'a.b[2]' → 'a.b')."""
    if path is None:
        return FindingLocation()
    probe = path
    while probe:
        source = ev.sources.get(probe)
        if source is not None:
            return FindingLocation(field=path, **place_of(source))
        cut = max(probe.rfind("."), probe.rfind("["))
        probe = probe[:cut] if cut > 0 else ""
    return FindingLocation(field=path)


class Look:
    """One rule looking at one evaluation: record each place it looked, and what it found there.

    A plain slotted class with outcome flags rather than a list: a run makes one per rule, and checking
    must stay a small fraction of the import."""

    __slots__ = ("_fail", "_insufficient", "_pass", "ev", "findings", "rule", "settings", "shared")

    def __init__(
        self,
        rule: Rule,
        ev: Evaluation,
        settings: Settings | None = None,
        shared: dict[str, Any] | None = None,
    ) -> None:
        self.rule = rule
        self.ev = ev
        self.settings = settings if settings is not None else Settings()
        # one dict for all rules of one run: a scan of the report's text several rules need is made once
        self.shared = shared if shared is not None else {}
        self.findings: list[Finding] = []
        self._fail = self._insufficient = self._pass = False

    def run(self, rules: list[Rule]) -> list[CheckResult]:
        """Each rule in turn over this evaluation: its own outcome and findings, the same shared scans."""
        ev = self.ev
        results = []
        for rule in rules:
            self.rule = rule
            self.findings = []
            self._fail = self._insufficient = self._pass = False
            results.append(rule.check(ev, self))
        return results

    def once(self, key: str, compute: Callable[..., Any], *args: Any) -> Any:
        """`compute(*args)` the first time any rule of this run asks for `key`, the same value after.

        Pass a function and its arguments rather than a closure where a rule runs on every report: making
        the closure costs more than many rules' own work."""
        value = self.shared.get(key, _UNSET)
        if value is _UNSET:
            value = self.shared[key] = compute(*args)
        return value

    @property
    def outcome(self) -> Outcome:
        """fail if any place failed, else insufficient_data if any, else pass; nothing looked at: not_applicable."""
        if self._fail:
            return "fail"
        if self._insufficient:
            return "insufficient_data"
        return "pass" if self._pass else "not_applicable"

    @property
    def outcomes(self) -> list[Outcome]:
        """The kinds of outcome recorded so far (empty: the rule has not looked anywhere yet)."""
        flags = (("fail", self._fail), ("insufficient_data", self._insufficient), ("pass", self._pass))
        return [name for name, flag in flags if flag]  # type: ignore[misc]

    def passed(self) -> None:
        self._pass = True

    def fail(
        self,
        message: str,
        at: str | None = None,
        evidence: dict[str, Any] | None = None,
        severity: Severity | None = None,
        **place: Any,
    ) -> None:
        """A failure, with the rule's severity unless a finding needs its own (a warning where it may be right)."""
        self._fail = True
        self._add(severity or self.rule.severity, message, at, evidence, place)

    def insufficient(
        self,
        message: str | None = None,
        at: str | None = None,
        evidence: dict[str, Any] | None = None,
        severity: Severity = "warning",
        **place: Any,
    ) -> None:
        """The rule could not decide: data it needs is missing or not a value. Says why when given a message."""
        self._insufficient = True
        if message:
            self._add(severity, message, at, evidence, place)

    def info(
        self, message: str, at: str | None = None, evidence: dict[str, Any] | None = None, **place: Any
    ) -> None:
        """Worth knowing, not wrong: a difference rounding explains, a converted unit. Counts as a pass."""
        self._pass = True
        self._add("info", message, at, evidence, place)

    def result(self) -> CheckResult:
        if self.findings:
            return CheckResult(self.rule.id, self.outcome, tuple(self.findings))
        # most rules find nothing: their finding-less results are made once (a failure always has a finding)
        empty = _EMPTY[self.rule.id]
        if self._insufficient:
            return empty["insufficient_data"]
        return empty["pass"] if self._pass else empty["not_applicable"]

    def _add(
        self,
        severity: Severity,
        message: str,
        at: str | None,
        evidence: dict[str, Any] | None,
        place: dict[str, Any],
    ) -> None:
        location = location_of(self.ev, at)
        for key, given in place.items():  # line=, section=, text= … given by the rule win over the source
            if given is not None:
                setattr(location, key, given)
        if location.ocr and severity != "info":
            message += _OCR_NOTE  # the finding may rest on a misread character, not on the report
        rule = self.rule
        written: dict[str, str | None] = {}
        if evidence:  # numbers as decimal strings, never in exponent form
            for key, value in evidence.items():
                written[key] = (
                    None if value is None else format(value, "f") if type(value) is Decimal else str(value)
                )
        self.findings.append(Finding(rule.id, rule.category, severity, message, location, written))

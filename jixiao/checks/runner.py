"""Run every registered rule over an evaluation and gather the results in a stable order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jixiao.checks.registry import RULES, Look, Rule, Settings
from jixiao.core.findings import SEVERITY_ORDER, CheckResult, Finding, Outcome
from jixiao.core.model import Evaluation


@dataclass(frozen=True)
class CheckReport:
    results: tuple[CheckResult, ...]

    @property
    def findings(self) -> list[Finding]:
        """Every finding, ordered by line (unplaced ones last), then severity, then rule."""
        found = [f for r in self.results for f in r.findings]
        return sorted(
            found,
            key=lambda f: (
                f.location.line is None,
                f.location.line or 0,
                SEVERITY_ORDER[f.severity],
                f.rule,
            ),
        )

    @property
    def outcomes(self) -> dict[str, Outcome]:
        return {r.rule: r.outcome for r in self.results}

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def has_errors(self) -> bool:
        return self.count("error") > 0


def run_checks(
    ev: Evaluation, settings: Settings | None = None, rules: Iterable[str] | None = None
) -> CheckReport:
    """All rules (or the named ones) over one evaluation. A check that raises is a bug in jixiao, so it raises."""
    settings = settings or Settings()
    chosen: list[Rule] = [RULES[r] for r in rules] if rules is not None else list(RULES.values())
    if not chosen:
        return CheckReport(())
    look = Look(chosen[0], ev, settings, {})  # one Look for the run, turned to each rule in turn
    return CheckReport(tuple(look.run(chosen)))

"""Mutation fuzzing of the importer, the checker, scoring and drafting on real reports (tests/fuzz_strategies.py).

Whatever a real text is turned into, a txt file of it is either refused with its one Chinese message
(`InputError`: not a text report) or imported, checked, scored and drafted without an exception, every
finding well formed, each case within bounded time and memory. `make test` runs a quick profile of a few
dozen cases; `make fuzz` runs the `fuzz` hypothesis profile, at least 100,000 cases, and prints the count,
the slowest case and the largest allocation. A crash found here is replayed as a unit test of its own
(tests/test_no_traceback.py, tests/test_fuzz_findings.py) and fixed where it starts.
"""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass

from hypothesis import given, settings

from jixiao.checks import RULES, run_checks
from jixiao.core.errors import InputError
from jixiao.core.findings import CATEGORY_NAMES
from jixiao.io.document import SourceDocument
from jixiao.io.load import import_document
from jixiao.io.readers import decode_text
from jixiao.render.draft import draft
from jixiao.render.markdown import render_markdown
from jixiao.scoring.engine import score
from jixiao.scoring.rulebook import DEFAULT_RULEBOOK, load_rulebook
from tests.fuzz_strategies import Case, cases

FUZZING = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
QUICK_CASES = 30  # in `make test`: the whole pipeline on a few dozen mutated reports, a few seconds
# `make fuzz` runs the profile's max_examples in rounds of this many, each a fresh search: hypothesis keeps
# what one search explored (some 16 KB a case), which 100,000 cases in one search would grow to gigabytes
ROUND = 1000
# Generous bounds that only a runaway case reaches (a case takes milliseconds and a few MB): they catch a
# hang or a blow-up, they do not time the code. Memory is the growth of the process's peak resident size
# over one case (tracemalloc would slow hypothesis itself a hundredfold).
MAX_SECONDS = 30.0
MAX_GROWTH_KB = 200 * 1024


@dataclass
class Tally:
    cases: int = 0
    refused: int = 0
    slowest: float = 0.0
    slowest_case: Case | None = None
    largest: int = 0  # KB the peak resident size grew by in one case
    largest_case: Case | None = None


def run(case: Case) -> bool:
    """Import, check, score and draft one case; False when the file is refused as not a text report."""
    try:
        text = decode_text(case.source, case.data)
    except InputError:  # refused in one Chinese sentence, as every unreadable input is
        return False
    evaluation = import_document(SourceDocument.from_text(case.source, "txt", text))
    report = run_checks(evaluation)
    assert {result.rule for result in report.results} == set(RULES)
    for finding in report.findings:
        assert finding.rule in RULES and finding.category in CATEGORY_NAMES and finding.message
    card = score(evaluation, load_rulebook(DEFAULT_RULEBOOK))
    render_markdown(draft(evaluation, card))
    return True


def test_mutated_real_reports_import_check_score_and_draft_without_an_exception() -> None:
    tally = Tally()

    total = settings.default.max_examples if FUZZING else QUICK_CASES

    @settings(max_examples=min(ROUND, total))
    @given(cases())
    def one(case: Case) -> None:
        peak_before = _peak_kb()
        start = time.perf_counter()
        if not run(case):
            tally.refused += 1
        seconds = time.perf_counter() - start
        growth = _peak_kb() - peak_before
        tally.cases += 1
        if seconds > tally.slowest:
            tally.slowest, tally.slowest_case = seconds, case
        if growth > tally.largest:
            tally.largest, tally.largest_case = growth, case
        assert seconds < MAX_SECONDS, f"a case ran {seconds:.1f} s"
        assert growth < MAX_GROWTH_KB, f"a case grew the process by {growth / 1024:.0f} MB"

    started = time.perf_counter()
    try:
        while tally.cases < total:
            one()
            if FUZZING:  # the count so far, should the run be stopped before the end (Ctrl-C prints the tally too)
                print(f"fuzz: {tally.cases} cases in {time.perf_counter() - started:.0f} s", flush=True)
    finally:
        print(
            f"\nfuzz: {tally.cases} cases ({tally.refused} refused as not text) in {time.perf_counter() - started:.0f} s; "
            f"slowest {tally.slowest * 1000:.0f} ms, largest growth of memory {tally.largest / 1024:.1f} MB, "
            f"peak resident size {_peak_kb() / 1024:.0f} MB"
        )
        if FUZZING:
            print(f"fuzz: slowest case {tally.slowest_case}\nfuzz: case growing memory most {tally.largest_case}")
    assert tally.cases >= total


def _peak_kb() -> int:
    """The process's peak resident size so far, in KB (Linux reports ru_maxrss in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

"""The report's own words as the checks see them: its text joined once, with a way back to line and section.

`report_text` is the whole report as one string with a way back to line and section, which the
text-scanning rules of the template, date, unit and identity families share: one regex pass over the
joined text is far cheaper than a Python loop over its lines, and places are worked out only for hits.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jixiao.core.model import Evaluation, Section
from jixiao.core.quote import quote

if TYPE_CHECKING:
    from jixiao.checks.registry import Look


def heading_text(section: Section) -> str:
    return f"{section.numbering or ''}{section.title}"


# the outline sections that follow the description of the unit (its functions, organisation and tasks)
_AFTER_INTRO = frozenset(
    {
        "general_budget",
        "basic_expenditure",
        "project_expenditure",
        "government_fund",
        "state_capital",
        "social_insurance",
        "performance",
        "output",
        "problems",
        "measures",
        "results_use",
        "other",
    }
)


@dataclass
class ReportText:
    """The preamble, then each heading and its body, joined by newlines; `place()` maps an offset back."""

    ev: Evaluation
    text: str
    _index: tuple[list[int], list[tuple[int | None, str | None, str]]] | None = None
    _intro_end: int | None = None
    _blocks: list[int] | None = None

    def blocks(self) -> list[int]:
        """Where each block starts: block 0 is the preamble, 2i+1 the heading of section i, 2i+2 its body."""
        if self._blocks is None:
            outline = self.ev.outline
            offset = len(outline.preamble) + 1
            starts = [0]
            for section in outline.sections:
                starts.append(offset)
                offset += len(section.numbering or "") + len(section.title) + 1
                starts.append(offset)
                offset += len(section.text) + 1
            self._blocks = starts
        return self._blocks

    def place(self, offset: int) -> dict[str, Any]:
        """line / section / text of the report line holding `offset`, as `Look.fail(**place)` takes them."""
        starts, rows = self._index or self._build()
        row = bisect_right(starts, offset) - 1
        line, section, text = rows[row]
        return {"line": line, "section": section, "text": quote(text, offset - starts[row])}

    def line_start(self, offset: int) -> int:
        """Where the line holding `offset` starts."""
        starts, _ = self._index or self._build()
        return starts[bisect_right(starts, offset) - 1]

    def intro_end(self) -> int:
        """Where the report stops describing the unit: the first budget, performance or closing section."""
        if self._intro_end is None:
            outline = self.ev.outline
            offset = len(outline.preamble) + 1
            self._intro_end = len(self.text)
            for section in outline.sections:
                if section.key in _AFTER_INTRO:
                    self._intro_end = offset
                    break
                offset += len(section.numbering or "") + len(section.title) + len(section.text) + 2
        return self._intro_end

    def _build(self) -> tuple[list[int], list[tuple[int | None, str | None, str]]]:
        starts: list[int] = []
        rows: list[tuple[int | None, str | None, str]] = []
        offset = 0

        def add(texts: list[str], numbers: list[int], section: str | None) -> None:
            nonlocal offset
            for n, text in enumerate(texts):
                starts.append(offset)
                rows.append((numbers[n] if len(numbers) == len(texts) else None, section, text))
                offset += len(text) + 1

        outline = self.ev.outline
        add(outline.preamble.split("\n"), outline.preamble_lines, None)
        for section in outline.sections:
            title = heading_text(section)
            add([title], [section.line] if section.line is not None else [], title)
            add(section.text.split("\n"), section.lines, title)
        self._index = (starts, rows)
        return self._index


def report_text(look: Look) -> ReportText:
    """The report's text for this run, joined once and shared by every rule that scans it."""
    return look.once("report-text", _join, look.ev)  # type: ignore[no-any-return]


def _join(ev: Evaluation) -> ReportText:
    outline = ev.outline
    parts = [outline.preamble]
    parts += [f"{s.numbering or ''}{s.title}\n{s.text}" for s in outline.sections]
    return ReportText(ev, "\n".join(parts))

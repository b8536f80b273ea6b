"""The report's own words as the checks see them: every heading and body line, with its line and section.

`report_text` is the whole report as one string with a way back to line and section, which the
text-scanning rules of the template, date, unit and identity families share: one regex pass over the
joined text is far cheaper than a Python loop over its lines, and places are worked out only for hits.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jixiao.core.model import Evaluation, Section

if TYPE_CHECKING:
    from jixiao.checks.registry import Look


@dataclass(frozen=True)
class TextLine:
    text: str
    line: int | None  # in the source as extracted; None when the evaluation was not imported
    section: str | None  # the heading it sits under, as written ("三、部门整体支出绩效情况")
    index: int | None  # into outline.sections; None for the preamble
    heading: bool  # the line is the heading itself


def heading_text(section: Section) -> str:
    return f"{section.numbering or ''}{section.title}"


def section_lines(section: Section, index: int | None = None) -> Iterator[TextLine]:
    """The body lines of one section, each with its source line when the import recorded it."""
    title = heading_text(section)
    texts = section.text.split("\n") if section.text else []
    numbers: list[int | None] = list(section.lines) if len(section.lines) == len(texts) else [None] * len(texts)
    for text, number in zip(texts, numbers, strict=True):
        if text:
            yield TextLine(text, number, title, index, False)


def report_lines(ev: Evaluation, preamble: bool = True) -> Iterator[TextLine]:
    """Preamble lines (the cover, page furniture), then each heading followed by its body."""
    if preamble and ev.outline.preamble:
        texts = ev.outline.preamble.split("\n")
        numbers = ev.outline.preamble_lines
        for n, text in enumerate(texts):
            if text:
                yield TextLine(text, numbers[n] if len(numbers) == len(texts) else None, None, None, False)
    for index, section in enumerate(ev.outline.sections):
        yield TextLine(heading_text(section), section.line, heading_text(section), index, True)
        yield from section_lines(section, index)


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
        line, section, text = rows[bisect_right(starts, offset) - 1]
        return {"line": line, "section": section, "text": text.strip()}

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
    return look.once("report-text", lambda: _join(look.ev))  # type: ignore[no-any-return]


def _join(ev: Evaluation) -> ReportText:
    outline = ev.outline
    parts = [outline.preamble]
    parts += [f"{s.numbering or ''}{s.title}\n{s.text}" for s in outline.sections]
    return ReportText(ev, "\n".join(parts))

"""The report's own words as the checks see them: every heading and body line, with its line and section."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from jixiao.core.model import Evaluation, Section


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

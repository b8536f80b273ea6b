"""The text of a report as extracted from its file, line by line, before any interpretation.

Every reader (txt, docx, pdf) produces a `SourceDocument`; the outline segmenter and the figure extractors
work on it alone, so a value found anywhere can say which file, line and page it came from.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Line:
    no: int  # 1-based, in the text as extracted: paragraphs in order for docx, lines in page order for pdf
    text: str  # as extracted, before normalisation
    page: int | None = None  # 1-based page, for pdf
    ocr: str | None = None  # the OCR engine that read this line from a page without a text layer (a scan)


@dataclass(slots=True)
class SourceDocument:
    path: str  # the file as the user named it
    kind: str  # "txt", "docx" or "pdf"
    lines: list[Line] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # pdf pages without a text layer, read by OCR
    unread_pages: list[int] = field(default_factory=list)  # pdf pages without a text layer, no OCR to read them

    @classmethod
    def from_text(cls, path: str, kind: str, text: str, page: int | None = None) -> "SourceDocument":
        return cls(path, kind, [Line(i, t, page) for i, t in enumerate(text.splitlines(), start=1)])

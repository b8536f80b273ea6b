"""The quoted source of a value or a finding: the line it stands in, cut to the sentence around it when long.

Every value read keeps the text it was read from (`Location.text`), and every finding quotes its place. A
line of a report is a paragraph, quoted whole; but a file whose line breaks were lost is one line of
megabytes, and quoting it whole for each of its thousands of values made cost grow with the square of its
length. A line longer than `QUOTE_CHARS` is quoted by the sentence around the place, at most `REACH`
characters either side of it, with "…" where the line goes on.
"""

from __future__ import annotations

# A line this long or shorter is quoted whole: every paragraph of the seed and of all but a few real reports.
QUOTE_CHARS = 500
REACH = 100  # characters kept at most on each side of the place in a line that is cut
_SENTENCE_ENDS = "。；;！？!?"


def quote(text: str, at: int = 0, end: int | None = None) -> str:
    """`text` stripped when it is short; else the sentence around `text[at:end]`, cut with "…".

    Costs at most a few times `REACH`, whatever the length of `text`.
    """
    if len(text) <= QUOTE_CHARS:
        return text.strip()
    at = min(max(at, 0), len(text))
    end = at if end is None else min(max(end, at), len(text))
    low = max(0, at - REACH)
    before = max(text.rfind(mark, low, at) for mark in _SENTENCE_ENDS)
    start = before + 1 if before >= 0 else low
    high = min(len(text), end + REACH)
    after = [found for mark in _SENTENCE_ENDS if (found := text.find(mark, end, high)) >= 0]
    stop = min(after) + 1 if after else high
    cut = text[start:stop].strip()
    return f"{'…' if start > 0 else ''}{cut}{'…' if stop < len(text) else ''}"

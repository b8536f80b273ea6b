"""What every extractor shares: the clean lines, the outline, and a builder that records each value's source.

Values are gathered in plain nested dicts and validated into an `Evaluation` once at the end: building
the pydantic model field by field would cost more than reading the report. The first statement of a
value wins; a later, different statement of the same value is the checker's business, not ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from itertools import pairwise
from typing import Any

from jixiao.core.paths import path_steps, value_at
from jixiao.core.quote import QUOTE_CHARS, quote
from jixiao.io.document import SourceDocument
from jixiao.io.normalize import CleanLine
from jixiao.io.outline import Segmented

_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")


@dataclass
class Context:
    doc: SourceDocument
    lines: list[CleanLine]
    seg: Segmented
    data: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)  # clean lines a value was read from
    # A figure read under a label ("收入合计") and stated again under the same label with another value: the
    # first statement wins, and the other is kept for the checker (cross_check) with its place.
    labels: dict[str, str] = field(default_factory=dict)  # per path, the label it was first read under
    restated: list[dict[str, Any]] = field(default_factory=list)
    unread: list[dict[str, Any]] = field(default_factory=list)  # figures left unread: `Evaluation.unread`
    _numbers: dict[int, dict[str, int]] = field(default_factory=dict)  # per long line, where each number stands

    # ------------------------------------------------------------------ the outline

    @cached_property
    def _keys(self) -> list[tuple[str | None, ...]]:
        headings = self.seg.headings
        keys: list[tuple[str | None, ...]] = []
        chain_before: tuple[int, ...] | None = None
        keys_before: tuple[str | None, ...] = ()
        for chain in self.seg.parents:
            # the lines of a section share its chain: their keys are built once, and are the same tuple
            if chain != chain_before:
                chain_before, keys_before = chain, tuple(headings[h].key for h in chain)
            keys.append(keys_before)
        return keys

    def keys(self, i: int) -> tuple[str | None, ...]:
        """The outline keys of the headings line `i` sits under, outermost first."""
        return self._keys[i]

    def section_title(self, i: int) -> str | None:
        chain = self.seg.parents[i]
        if not chain:
            return None
        return self._section_titles[chain[-1]]

    @cached_property
    def _section_titles(self) -> list[str]:
        """Each heading as written, numbering and title: every value read records the one it sits under."""
        return [f"{heading.numbering or ''}{heading.title}" for heading in self.seg.headings]

    @cached_property
    def heading_lines(self) -> set[int]:
        return {h.index for h in self.seg.headings}

    def body(self, *keys: str) -> list[int]:
        """Indexes of body lines under a heading with any of `keys` (at any depth), in order."""
        if len(keys) == 1:
            return list(self._by_key.get(keys[0], ()))
        return sorted({i for key in keys for i in self._by_key.get(key, [])})

    @cached_property
    def _by_key(self) -> dict[str, list[int]]:
        """Non-empty body lines per outline key, built once: extractors ask for sections many times."""
        index: dict[str, list[int]] = {}
        keys_before: tuple[str | None, ...] | None = None
        targets: list[list[int]] = []  # the lists of the keys of the current line's section
        for i in self._body:
            if self.lines[i].text:
                keys = self._keys[i]
                if keys is not keys_before:  # `_keys` gives a section's lines one tuple
                    keys_before = keys
                    targets = [index.setdefault(key, []) for key in dict.fromkeys(keys) if key is not None]
                for target in targets:
                    target.append(i)
        return index

    @cached_property
    def _body(self) -> list[int]:
        return [i for i in range(len(self.lines)) if i not in self.heading_lines and i not in self.seg.toc]

    def body_lines(self) -> list[int]:
        """Every line that is neither a heading nor part of a table of contents."""
        return self._body

    def text(self, i: int) -> str:
        return self.lines[i].text

    # ------------------------------------------------------------------ building values

    def get(self, path: str) -> Any:
        return value_at(self.data, path)

    def put(
        self,
        path: str,
        value: Any,
        i: int | None,
        unit: str | None = None,
        force: bool = False,
        label: str | None = None,
    ) -> bool:
        """Set a value once (unless `force`), recording where it was read. Returns whether it was set.

        A figure read under its `label` that is stated again under the same label with another value is
        kept in `restated`: the same quantity, said two ways."""
        if value is None:
            return False
        if not force:
            before = self.get(path)
            if before is not None:
                if label is not None and i is not None and value != before and self.labels.get(path) == label:
                    self.restated.append(
                        {"field": path, "label": label, "value": value, "source": self._location(i, unit, value)}
                    )
                return False
        if label is not None:
            self.labels[path] = label
        tokens = path_steps(path)
        node: Any = self.data
        for token, following in pairwise(tokens):
            if isinstance(token, int):
                node = node[token]
            else:
                node = node.setdefault(token, [] if isinstance(following, int) else {})
        last = tokens[-1]
        node[last] = value
        if i is not None:
            self.cite(path, i, unit, value)
        return True

    def append(self, path: str, item: Any, i: int | None) -> int:
        """Append to a list at `path`; the item's source is recorded under `path[n]`."""
        items = self.get(path)
        if items is None:
            self.put(path, [], None)
            items = self.get(path)
        items.append(item)
        n = len(items) - 1
        if i is not None:
            self.cite(f"{path}[{n}]", i)
        return n

    def leave_unread(self, i: int, written: str, reason: str) -> None:
        """A figure on line `i` that is not read with confidence: kept, with why and where, not guessed."""
        self.unread.append({"text": written, "reason": reason, "source": self._location(i, None, written)})

    def cite(self, path: str, i: int, unit: str | None = None, value: Any = None) -> None:
        self.sources[path] = self._location(i, unit, value)
        self.used.add(i)

    def _offset(self, i: int, value: Any) -> int:
        """Where `value` is written in the long line `i`: a number by its digits, a name by its words; 0 where
        it cannot be found (an amount converted from 元, a list), so the quote starts the line."""
        text = self.lines[i].text
        if isinstance(value, str) and value:
            return max(text.find(value), 0)
        if isinstance(value, bool) or not isinstance(value, Decimal | int):
            return 0
        # values read from one line can be many (a figure restated under its label time after time): each is
        # looked up in an index of the line's numbers, made in one pass, never searched for along the line
        numbers = self._numbers.get(i)
        if numbers is None:
            numbers = self._numbers[i] = {}
            for number in _NUMBER.finditer(text):
                numbers.setdefault(number[0], number.start())
        return numbers.get(format(value, "f"), 0)

    def _location(self, i: int, unit: str | None, value: Any = None) -> dict[str, Any]:
        """Where line `i` stands in the file, as `Evaluation.sources` records a value's place.

        The line is quoted as written; a line too long to quote whole (a report whose line breaks were lost)
        is quoted by the sentence around `value` in the piece of it the value was read from."""
        line = self.lines[i]
        raw = line.source.text
        if len(raw) <= QUOTE_CHARS:
            text = raw.strip()
        elif len(line.text) <= QUOTE_CHARS:  # a long line split into pieces: the piece read is short
            text = line.text
        else:
            text = quote(line.text, self._offset(i, value))
        location: dict[str, Any] = {"file": self.doc.path, "line": line.source.no, "text": text}
        if line.source.page is not None:
            location["page"] = line.source.page
        if line.source.ocr is not None:
            location["ocr"] = line.source.ocr
        section = self.section_title(i)
        if section:
            location["section"] = section
        if unit and unit not in {"万元", "万"}:
            location["original_unit"] = unit
        return location


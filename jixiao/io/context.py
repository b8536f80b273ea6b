"""What every extractor shares: the clean lines, the outline, and a builder that records each value's source.

Values are gathered in plain nested dicts and validated into an `Evaluation` once at the end: building
the pydantic model field by field would cost more than reading the report. The first statement of a
value wins; a later, different statement of the same value is the checker's business, not ours.

Every path written is checked against the model's own (`FIELDS`) when it is written: a path the model
lacks is a bug in an extractor, caught where it is made rather than by the final validation. A number
the model cannot hold (`money.within_bounds`) is left unread, never guessed, and noted in `unread`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from itertools import pairwise
from typing import Any

from jixiao.core.model import Evaluation
from jixiao.core.money import BOUNDS_TEXT, within_bounds
from jixiao.core.paths import field_paths, path_shape, path_steps, value_at
from jixiao.core.quote import QUOTE_CHARS, quote
from jixiao.io.document import SourceDocument
from jixiao.io.normalize import CleanLine
from jixiao.io.outline import Segmented

FIELDS = field_paths(Evaluation)  # every path an evaluation has, indexes as [], and whether it may be unset
_UNREAD = object()  # a value left unread where its field may not be unset: the whole value goes unread
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")
# what is one quantity whatever words state it: the establishment and the head count, and the year's budget and
# execution (年初预算数, 全年预算数, 全年执行数), read under any of their labels
ONE_QUANTITY = frozenset(
    {"staffing.authorized_total", "staffing.actual_total", "budget.initial", "budget.adjusted", "budget.executed"}
)

# a table row's figure is labelled by its row ("财政拨款:全年预算数"): only a total row's is the whole quantity
_TOTAL_ROW = re.compile(r"合计|总计|总额")


def _of_the_whole(label: str) -> bool:
    """Whether a figure's label says the whole quantity, not one row's part of it."""
    row, colon, _ = label.partition(":")
    return not colon or _TOTAL_ROW.search(row) is not None


@dataclass
class Context:
    doc: SourceDocument
    lines: list[CleanLine]
    seg: Segmented
    data: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)  # clean lines a value was read from
    # A figure read under a label ("收入合计") and stated again under the same label with another value: the
    # first statement wins, and the other is kept for the checker (cross_check) with its place. The quantities of
    # `ONE_QUANTITY` are kept so under other words too ("核定编制" in the text, "编制数" in a table).
    labels: dict[str, str] = field(default_factory=dict)  # per path, the label it was first read under
    restated: list[dict[str, Any]] = field(default_factory=list)
    unread: list[dict[str, Any]] = field(default_factory=list)  # what was left unread: `Evaluation.unread`
    _restated_at: dict[tuple[str, Any, Any], int] = field(default_factory=dict)  # (field, value, line) → index
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
        kept in `restated`: the same quantity, said two ways; one of `ONE_QUANTITY` is kept so under any label."""
        if value is None:
            return False
        value = self._admitted(path, value, i, unit)
        if value is None or value is _UNREAD:
            return False
        if not force:
            before = self.get(path)
            if before is not None:
                first = self.labels.get(path)
                if label is not None and i is not None and value != before and first is not None:
                    if first == label:
                        self.restate(path, label, value, i, unit)
                    elif path in ONE_QUANTITY and _of_the_whole(first) and _of_the_whole(label):
                        self.restate(path, label, value, i, unit, first_label=first)
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

    def restate(
        self,
        path: str,
        label: str,
        value: Any,
        i: int,
        unit: str | None = None,
        *,
        first_label: str | None = None,
        place: dict[str, Any] | None = None,
    ) -> None:
        """Keep `value`, stated again under `label` for the value at `path` read already under `first_label`
        (default: the same words), for the checker (a `Restatement`); `place` overrides where it stands (a
        form's cell). Once per field, value and line: a table cell read both as a figure and as a form's cell
        is one statement, and read under the same words it replaces one read under others. A number out of
        bounds is left unread."""
        value = self._admitted(path, value, i, unit)
        if value is None or value is _UNREAD:
            return
        location = self._location(i, unit, value) | (place or {})
        again = {"field": path, "label": label, "value": value, "source": location}
        if first_label is not None:
            again["first_label"] = first_label
        key = (path, value, location.get("line"))
        n = self._restated_at.get(key)
        if n is None:
            self._restated_at[key] = len(self.restated)
            self.restated.append(again)
        elif "first_label" in self.restated[n] and first_label is None:
            self.restated[n] = again

    def append(self, path: str, item: Any, i: int | None) -> int:
        """Append to a list at `path`; the item's source is recorded under `path[n]`. An item left unread (a
        number out of bounds where one is required) is not appended: `n` is then the next item's index."""
        items = self.get(path)
        if items is None:
            self.put(path, [], None)
            items = self.get(path)
        n = len(items)
        item = self._admitted(f"{path}[{n}]", item, i)
        if item is _UNREAD:
            return n
        items.append(item)
        if i is not None:
            self.cite(f"{path}[{n}]", i)
        return n

    def leave_unread(self, i: int, written: str, reason: str) -> None:
        """A figure on line `i` that is not read with confidence: kept, with why and where, not guessed."""
        self.unread.append({"text": written, "reason": reason, "source": self._location(i, None, written)})

    def cite(self, path: str, i: int, unit: str | None = None, value: Any = None) -> dict[str, Any] | None:
        """Record line `i` as where the value at `path` was read, and return that location; a value that is
        not there (left unread) has no source, and gives None."""
        if self.get(path) is None:
            return None
        location = self.sources[path] = self._location(i, unit, value)
        self.used.add(i)
        return location

    def _admitted(self, path: str, value: Any, i: int | None, unit: str | None = None) -> Any:
        """`value` as it may be written at `path`: every path in it is one the model has (else ValueError: a
        bug in the extractor), and a number out of bounds is left unread (noted), as None where its field
        may be unset and otherwise with the whole value it is part of (`_UNREAD`)."""
        optional = FIELDS.get(path_shape(path))
        if optional is None:
            raise ValueError(f"an extractor wrote {path!r}, which is not a field of the evaluation")
        if isinstance(value, dict):
            parts = {key: self._admitted(f"{path}.{key}", part, i, unit) for key, part in value.items()}
            if any(part is _UNREAD for part in parts.values()):
                return None if optional else _UNREAD
            return parts
        if isinstance(value, list):
            items = [self._admitted(f"{path}[{n}]", item, i, unit) for n, item in enumerate(value)]
            if any(item is _UNREAD for item in items):
                return None if optional else _UNREAD
            return items
        if isinstance(value, Decimal | int) and not isinstance(value, bool) and not within_bounds(value):
            self.unread.append(
                {
                    "field": path,
                    "text": _shown(value),
                    "reason": f"数值超出可处理的范围（{BOUNDS_TEXT}），未读取，请核对原文的数字与单位",
                    "source": self._location(i, unit) if i is not None else {},
                }
            )
            return None if optional else _UNREAD
        return value

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


def _shown(number: Decimal | int) -> str:
    """A number for a message: as it is, or its first digits and its size when it is very long."""
    text = str(Decimal(number))  # Decimal's str has no digit limit, unlike int's
    return text if len(text) <= 40 else f"{text[:20]}…（共 {len(text)} 个字符）"

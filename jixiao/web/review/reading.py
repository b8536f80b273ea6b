"""What the review page shows of an evaluation beside the reviewer's forms: the current version's findings
(with the unit's explanations), every field worth reading with its findings and comment thread, the
general comments and the workflow's record.

The page keeps these parts rendered (the template's `{% cache %}` under `Reading.key`). The key is read
with the evaluation itself (`with_discussion`): its last change (a new version or a workflow step) and
the count and latest of its comments and explanations, so any change to what the parts show makes a
new key. Nothing else is read until the template asks for it, so a page whose parts are kept reads one
row, not the version's JSON, the comments, the explanations and the record. The findings are the stored
ones of the version: the page never checks or scores again.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.db.models import Count, Max, QuerySet

from jixiao.web.evaluations import fields, store
from jixiao.web.evaluations.layout import Box, Drawing
from jixiao.web.evaluations.models import Evaluation, Explanation, Transition, Version


def with_discussion(evaluations: QuerySet[Evaluation]) -> QuerySet[Evaluation]:
    """The evaluations with what `Reading.key` needs of their comments and explanations."""
    return evaluations.annotate(
        comment_count=Count("comments", distinct=True),
        last_comment=Max("comments__pk"),
        explanation_count=Count("explanations", distinct=True),
        last_explained=Max("explanations__at"),
    )


class Reading:
    def __init__(self, evaluation: Evaluation) -> None:
        self.evaluation = evaluation  # read through `with_discussion`

    @property
    def key(self) -> str:
        """Changes with every version and step (`updated`), comment (none is edited or removed) and
        explanation (written or rewritten: its time changes)."""
        e: Any = self.evaluation
        explained = e.last_explained.isoformat() if e.last_explained else "-"
        return f"{e.pk}:{e.updated.isoformat()}:{e.comment_count}:{e.last_comment}:{e.explanation_count}:{explained}"

    @cached_property
    def threads(self) -> dict[str, list[Any]]:
        """The comments by field path ('' for the evaluation as a whole)."""
        threads: dict[str, list[Any]] = {}
        for comment in self.evaluation.comments.select_related("author"):
            threads.setdefault(comment.field, []).append(comment)
        return threads

    @property
    def general_comments(self) -> list[Any]:
        return self.threads.get("", [])

    @cached_property
    def transitions(self) -> list[Transition]:
        return list(self.evaluation.transitions.select_related("by"))

    @cached_property
    def version(self) -> Version:
        return store.current_version(self.evaluation)

    @cached_property
    def findings(self) -> list[dict[str, Any]]:
        """The stored findings, each with the explanation written for it, if any."""
        explained: dict[tuple[str, str], Explanation] = {(e.rule, e.field): e for e in self.evaluation.explanations.all()}
        return [
            {**f, "explanation": explained.get((f["rule"], f["location"].get("field") or ""))}
            for f in self.version.findings
        ]

    @cached_property
    def sections(self) -> list[tuple[Drawing, list[tuple[str, Box]]]]:
        """Each section with the fields worth reading: filled, or with a finding or a comment (a blank is left out)."""
        drawings = [Drawing(s, self.version.data, self.version.findings, comments=self.threads) for s in fields.SECTIONS]
        return [
            (d, [(path, box) for path, box in d.boxes.items() if (box.kind and box.value) or box.findings or box.comments])
            for d in drawings
        ]

"""What the review page shows of an evaluation beside the reviewer's forms: the current version's findings
(with the unit's explanations), every field worth reading with its findings and comment thread, the
general comments and the workflow's record.

The fields are written as HTML here (`fields_html`), their rare findings and comment threads by the
templates the editing page uses too: two hundred fields through the template engine cost more than all
the rest of a first view. The page keeps these parts rendered (the template's `{% cache %}` under
`Reading.key`), which the evaluation's own row gives: its last change (a new version or a workflow
step) and its last comment or explanation (evaluations/models.py), so any change to what the parts show
makes a new key. Nothing else is read until the template asks for it, so a page whose parts are kept
reads one row, not the version's JSON, the comments, the explanations and the record. The findings are
the stored ones of the version: the page never checks or scores again.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.template.defaultfilters import linebreaksbr, urlencode
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from jixiao.core.findings import SEVERITY_NAMES
from jixiao.web.evaluations import fields, store
from jixiao.web.evaluations.layout import Box, Drawing
from jixiao.web.evaluations.models import Evaluation, Explanation, Transition, Version


class Reading:
    def __init__(self, evaluation: Evaluation, can_comment: bool) -> None:
        self.evaluation = evaluation
        self.can_comment = can_comment  # each field links to the comment form (a reviewer's page)

    @property
    def key(self) -> str:
        """Changes with every version and step (`updated`) and every comment or explanation (`discussed`)."""
        e = self.evaluation
        return f"{e.pk}:{e.updated.isoformat()}:{e.discussed.isoformat() if e.discussed else '-'}"

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
    def sections(self) -> list[tuple[Drawing, SafeString]]:
        """Each section with its fields worth reading: filled, or with a finding or a comment (a blank is left out)."""
        shown = []
        for section in fields.SECTIONS:
            drawing = Drawing(section, self.version.data, self.version.findings, comments=self.threads)
            worth = [(path, box) for path, box in drawing.boxes.items() if (box.kind and box.value) or box.findings or box.comments]
            shown.append((drawing, fields_html(worth, self.can_comment)))
        return shown


def fields_html(shown: list[tuple[str, Box]], can_comment: bool) -> SafeString:
    """The fields of a section as `<dt>` (label and path) and `<dd>` (the value, its findings and comment
    thread, and a link to comment on it), every value escaped by format_html."""
    html = []
    for path, box in shown:
        html.append(format_html('<dt id="{}-review">{} <code class="path">{}</code></dt><dd>', box.id, box.label, path))
        if box.kind:
            html.append(format_html('<div class="value">{}</div>', linebreaksbr(box.value, autoescape=True) or "（空）"))
        if box.findings:
            found = "".join(render_to_string("_finding.html", {"f": f, "severity_names": SEVERITY_NAMES}) for f in box.findings)
            html.append(format_html('<ul class="findings">{}</ul>', mark_safe(found)))
        if box.comments:
            html.append(render_to_string("evaluations/_thread.html", {"box": box}))
        if can_comment:
            html.append(format_html('<a class="comment-link" href="?field={}#comment" data-field="{}" data-label="{}">'
                                    "对此项提意见</a>", urlencode(path), path, box.label))  # fmt: skip
        html.append("</dd>")
    return mark_safe("".join(html))

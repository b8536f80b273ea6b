"""A unit's pages: its evaluations, creating one (empty, from last year, by upload), what an import read,
editing section by section with findings beside the fields (refreshed live through htmx), the
scorecard, downloads, uploading the 自评表 back, submitting, history and the diff of two versions.

Every view takes its evaluation through `get_evaluation_for_user` and its role from a decorator
(accounts/access.py); the workflow decides the steps (workflow.py); the core imports, checks, scores
and renders.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.core.errors import InputError
from jixiao.core.findings import CATEGORY_NAMES, SEVERITY_NAMES
from jixiao.io import canonical
from jixiao.scoring.scorecard import Scorecard
from jixiao.web.accounts.access import (
    get_evaluation_for_user,
    membership,
    own_unit,
    preparer_required,
    role_required,
    unit_member_required,
)
from jixiao.web.accounts.models import Role
from jixiao.web.common.paths import flatten
from jixiao.web.evaluations import documents, fields, store, workflow
from jixiao.web.evaluations.carry import empty_evaluation, from_last_year, merge_scorecard
from jixiao.web.evaluations.layout import Drawing, section_of
from jixiao.web.evaluations.models import Evaluation, Explanation, Version
from jixiao.web.evaluations.uploads import read_upload, refused_upload

ANY_ROLE = role_required(Role.PREPARER, Role.HEAD, Role.REVIEWER, Role.ADMIN)
COMMENTERS = role_required(Role.PREPARER, Role.HEAD, Role.REVIEWER)


def _this_year() -> int:
    return dt.date.today().year - 1  # in spring a unit evaluates the year just ended


def _comments(evaluation: Evaluation) -> dict[str, list[Any]]:
    threads: dict[str, list[Any]] = {}
    for comment in evaluation.comments.select_related("author"):
        threads.setdefault(comment.field, []).append(comment)
    return threads


def _can_edit(request: HttpRequest, evaluation: Evaluation) -> bool:
    member = membership(request.user)
    return bool(member and member.role == Role.PREPARER and evaluation.editable)


# ---------------------------------------------------------------------------------------- lists, creating


@unit_member_required
def unit_home(request: HttpRequest) -> HttpResponse:
    unit = own_unit(request)
    evaluations = unit.evaluations.order_by("-fiscal_year", "kind")
    years = sorted({e.fiscal_year for e in evaluations})
    return render(
        request,
        "evaluations/unit_home.html",
        {"unit": unit, "evaluations": evaluations, "next_year": _this_year(), "last_year_known": years},
    )


def _existing(unit: Any, year: int, kind: str = store.KIND_DEPARTMENT, subject: str = "") -> Evaluation | None:
    return unit.evaluations.filter(fiscal_year=year, kind=kind, subject=subject).first()


def _year(request: HttpRequest) -> int | None:
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        return None
    return year if 2000 <= year <= 2100 else None


@preparer_required
@require_POST
def create_empty(request: HttpRequest) -> HttpResponse:
    unit = own_unit(request)
    year = _year(request)
    if year is None:
        messages.error(request, "请填写正确的年度。")
        return redirect("evaluations:unit_home")
    if (found := _existing(unit, year)) is not None:
        messages.error(request, f"{year}年度的自评已经存在。")
        return redirect("evaluations:overview", pk=found.pk)
    evaluation = store.create_evaluation(unit, empty_evaluation(unit, year), request.user, "新建空白自评")
    messages.success(request, f"已新建{year}年度自评。")
    return redirect("evaluations:edit", pk=evaluation.pk, section=fields.SECTIONS[0].slug)


@preparer_required
@require_POST
def create_from_last_year(request: HttpRequest) -> HttpResponse:
    unit = own_unit(request)
    year = _year(request)
    if year is None:
        messages.error(request, "请填写正确的年度。")
        return redirect("evaluations:unit_home")
    last = _existing(unit, year - 1)
    if last is None:
        messages.error(request, f"没有{year - 1}年度的自评可以沿用。")
        return redirect("evaluations:unit_home")
    if (found := _existing(unit, year)) is not None:
        messages.error(request, f"{year}年度的自评已经存在。")
        return redirect("evaluations:overview", pk=found.pk)
    ev = from_last_year(store.core_of(store.current_version(last)), year)
    evaluation = store.create_evaluation(unit, ev, request.user, f"沿用{year - 1}年度的结构和指标")
    messages.success(request, f"已按{year - 1}年度自评新建{year}年度自评：结构和指标已沿用，数字已清空。")
    return redirect("evaluations:overview", pk=evaluation.pk)


@preparer_required
def upload(request: HttpRequest) -> HttpResponse:
    unit = own_unit(request)
    context: dict[str, Any] = {"unit": unit, "year": _this_year()}
    if request.method != "POST":
        return render(request, "evaluations/upload.html", context)
    year = _year(request)
    file = request.FILES.get("file")
    try:
        if (stopped := refused_upload(request)) is not None:
            raise stopped
        if year is None or file is None:
            raise InputError("上传", "请选择文件并填写年度。")
        ev = read_upload(file)
    except InputError as exc:
        context["error"] = f"{exc.path}：{exc.message}"
        return render(request, "evaluations/upload.html", context, status=400)
    if ev.fiscal_year is None:
        ev = ev.model_copy(update={"fiscal_year": year})
    found = _existing(unit, ev.fiscal_year or year, ev.kind or store.KIND_DEPARTMENT, store.subject_of(ev))
    if found is not None and not found.editable:
        context["error"] = f"{found.fiscal_year}年度的自评已在“{found.get_state_display()}”状态，不能再上传新版本。"
        return render(request, "evaluations/upload.html", context, status=400)
    note = f"上传 {file.name}"
    if found is not None:
        try:
            store.save_version(found, ev, request.user, note)
        except store.Conflict as conflict:
            context["error"] = conflict.message
            return render(request, "evaluations/upload.html", context, status=409)
        evaluation = found
    else:
        evaluation = store.create_evaluation(unit, ev, request.user, note)
    return redirect("evaluations:imported", pk=evaluation.pk)


# ---------------------------------------------------------------------------------------- one evaluation


def _base(request: HttpRequest, evaluation: Evaluation, version: Version | None = None) -> dict[str, Any]:
    version = version or store.current_version(evaluation)
    return {
        "evaluation": evaluation,
        "version": version,
        "sections": fields.SECTIONS,
        "can_edit": _can_edit(request, evaluation),
        "steps": workflow.allowed_steps(evaluation, request.user),
        "severity_names": SEVERITY_NAMES,
        "category_names": CATEGORY_NAMES,
    }


def _annotated(findings: list[dict[str, Any]], evaluation: Evaluation) -> list[dict[str, Any]]:
    """Each finding with the section it is shown in and the explanation written for it."""
    explained = {(e.rule, e.field): e for e in evaluation.explanations.all()}
    out = []
    for finding in findings:
        path = finding["location"].get("field") or ""
        section = section_of(path)
        out.append({**finding, "section": section, "explanation": explained.get((finding["rule"], path)), "path": path})
    return out


@ANY_ROLE
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_evaluation_for_user(request, pk)
    context = _base(request, evaluation)
    context["findings"] = _annotated(context["version"].findings, evaluation)
    context["transitions"] = evaluation.transitions.select_related("by")
    context["comments"] = _comments(evaluation)
    return render(request, "evaluations/overview.html", context)


@unit_member_required
def imported(request: HttpRequest, pk: int) -> HttpResponse:
    """What the last import read, where it read it, and what it could not place."""
    evaluation = get_evaluation_for_user(request, pk)
    context = _base(request, evaluation)
    data = context["version"].data
    flat = flatten({k: v for k, v in data.items() if k not in fields.NOT_EDITED})
    sources = data.get("sources") or {}
    context["read"] = [
        {"path": path, "value": flat.get(path), "where": where, "section": section_of(path)}
        for path, where in sources.items()
    ]
    context["unplaced"] = (data.get("outline") or {}).get("unplaced") or []
    return render(request, "evaluations/imported.html", context)


def _section(slug: str) -> fields.Section:
    section = fields.SECTION_BY_SLUG.get(slug)
    if section is None:
        raise Http404("没有这一部分。")
    return section


def _row_keys(section: fields.Section, post: Any) -> dict[str, list[str]]:
    return {t.path: post.getlist(f"{t.path}.{fields.ROW_KEY}") for t in section.tables()}


def _base_revision(request: HttpRequest) -> int:
    """The revision the posted form was made on (the hidden `revision` field every editing form carries)."""
    try:
        return int(request.POST["revision"])
    except (KeyError, ValueError):
        raise PermissionDenied("表单缺少版本号，请刷新页面后重新填写。") from None


@ANY_ROLE
def edit(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    evaluation = get_evaluation_for_user(request, pk)
    part = _section(section)
    context = _base(request, evaluation)
    version = context["version"]
    data, errors, row_keys, findings, status = version.data, {}, None, version.findings, 200
    if request.method == "POST":
        if not context["can_edit"]:
            raise PermissionDenied("当前不能修改这份自评。")
        base = _base_revision(request)
        parsed = fields.parse(part, request.POST, version.data)
        ev, model_errors = fields.validate(parsed.data)
        errors = {**model_errors, **parsed.errors}
        if not errors and ev is not None:
            if base == version.number and canonical.to_plain(ev, full=True) == version.data:
                messages.info(request, "没有修改。")
                return redirect("evaluations:edit", pk=evaluation.pk, section=part.slug)
            try:
                store.save_version(evaluation, ev, request.user, f"修改“{part.title}”", base=base)
            except store.Conflict as conflict:
                # the form comes back as the person filled it in, on the current version, beside what changed
                evaluation.refresh_from_db()
                context.update(_base(request, evaluation), conflict=conflict)
                data, row_keys, status = parsed.data, _row_keys(part, request.POST), 409
            else:
                messages.success(request, f"已保存“{part.title}”。")
                return redirect("evaluations:edit", pk=evaluation.pk, section=part.slug)
        else:
            data, row_keys, status = parsed.data, _row_keys(part, request.POST), 400
            messages.error(request, "有填写错误，未保存，请按提示修改。")
    drawing = Drawing(part, data, findings, errors, _comments(evaluation), row_keys)
    context.update({"section": part, "drawing": drawing})
    return render(request, "evaluations/edit.html", context, status=status)


@preparer_required
@require_POST
def live_check(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    """The findings of the form as it stands, unsaved: the side list and every field's box (htmx)."""
    evaluation = get_evaluation_for_user(request, pk)
    part = _section(section)
    version = store.current_version(evaluation)
    parsed = fields.parse(part, request.POST, version.data)
    ev, model_errors = fields.validate(parsed.data)
    errors = {**model_errors, **parsed.errors}
    findings = store.analyse(ev, evaluation.rulebook or store.rulebook_id(evaluation.unit.region_id, evaluation.fiscal_year)).findings if ev else []
    drawing = Drawing(part, parsed.data, findings, errors, _comments(evaluation), _row_keys(part, request.POST))
    return render(request, "evaluations/_live.html", {"drawing": drawing, "evaluation": evaluation, "section": part,
                                                      "severity_names": SEVERITY_NAMES})  # fmt: skip


@ANY_ROLE
def scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_evaluation_for_user(request, pk)
    context = _base(request, evaluation)
    context["card"] = Scorecard.model_validate(context["version"].scorecard)
    return render(request, "evaluations/scorecard.html", context)


@ANY_ROLE
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    evaluation = get_evaluation_for_user(request, pk)
    if fmt not in documents.FORMATS:
        raise Http404("不支持的格式。")
    version = store.current_version(evaluation)
    stem = documents.report_stem(evaluation.unit.name, evaluation.fiscal_year, evaluation.kind_title)
    rendered = documents.render(store.core_of(version), Scorecard.model_validate(version.scorecard), fmt, stem)
    return documents.download(rendered, inline=fmt == "html")


@preparer_required
def upload_scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    """An edited 自评表 (xlsx) read back into the evaluation: its figures, indicators and grade."""
    evaluation = get_evaluation_for_user(request, pk)
    context = _base(request, evaluation)
    if not context["can_edit"]:
        raise PermissionDenied("当前不能修改这份自评。")
    if request.method == "POST":
        file = request.FILES.get("file")
        try:
            if (stopped := refused_upload(request)) is not None:
                raise stopped
            if file is None:
                raise InputError("自评表", "请选择要上传的自评表（.xlsx）。")
            if not (file.name or "").lower().endswith(".xlsx"):
                raise InputError(file.name or "", "自评表应为 .xlsx 文件。")
            form = read_upload(file)
        except InputError as exc:
            context["error"] = f"{exc.path}：{exc.message}"
            return render(request, "evaluations/upload_scorecard.html", context, status=400)
        merged = merge_scorecard(store.core_of(context["version"]), form)
        try:
            store.save_version(evaluation, merged, request.user, f"上传自评表 {file.name}", _base_revision(request))
        except store.Conflict as conflict:
            context.update(_base(request, evaluation), error=conflict.message)
            return render(request, "evaluations/upload_scorecard.html", context, status=409)
        messages.success(request, "已按上传的自评表更新。")
        return redirect("evaluations:overview", pk=evaluation.pk)
    return render(request, "evaluations/upload_scorecard.html", context)


# ---------------------------------------------------------------------------------------- workflow


@preparer_required
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submitting to the unit head: every remaining error finding fixed or explained in writing."""
    evaluation = get_evaluation_for_user(request, pk)
    context = _base(request, evaluation)
    errors = [f for f in _annotated(context["version"].findings, evaluation) if f["severity"] == "error"]
    if request.method == "POST":
        with transaction.atomic():
            for n, finding in enumerate(errors):
                text = request.POST.get(f"explain-{n}", "").strip()
                if text:
                    Explanation.objects.update_or_create(
                        evaluation=evaluation,
                        rule=finding["rule"],
                        field=finding["path"],
                        defaults={"text": text, "author": request.user},
                    )
            try:
                workflow.take(evaluation, "submit", request.user)
            except workflow.Refused as exc:
                messages.error(request, exc.message)
                return redirect("evaluations:submit", pk=evaluation.pk)
        messages.success(request, "已提交单位负责人审核。")
        return redirect("evaluations:overview", pk=evaluation.pk)
    context["errors"] = errors
    return render(request, "evaluations/submit.html", context)


@ANY_ROLE
@require_POST
def step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    evaluation = get_evaluation_for_user(request, pk)
    if name not in workflow.STEPS:
        raise Http404("没有这个操作。")
    try:
        workflow.take(evaluation, name, request.user, request.POST.get("reason", ""))
    except workflow.Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已{workflow.STEPS[name].label}。")
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return HttpResponseRedirect(back)
    return redirect("evaluations:overview", pk=evaluation.pk)


@COMMENTERS
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    from jixiao.web.review.models import Comment

    evaluation = get_evaluation_for_user(request, pk)
    text = request.POST.get("text", "").strip()
    path = request.POST.get("field", "").strip()[:300]
    if not text:
        messages.error(request, "意见不能为空。")
    else:
        Comment.objects.create(evaluation=evaluation, field=path, author=request.user, text=text)
        messages.success(request, "已发表意见。")
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return HttpResponseRedirect(back)
    return redirect("evaluations:overview", pk=evaluation.pk)


# ---------------------------------------------------------------------------------------- history


@ANY_ROLE
def history(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_evaluation_for_user(request, pk)
    context = _base(request, evaluation)
    context["versions"] = evaluation.versions.select_related("author").defer("data", "findings", "scorecard").order_by("-number")
    changes: dict[int, list[Any]] = {}
    for change in evaluation.changes.select_related("author"):
        changes.setdefault(change.version, []).append(change)
    context["changes"] = changes
    context["transitions"] = evaluation.transitions.select_related("by")
    return render(request, "evaluations/history.html", context)


@ANY_ROLE
def diff(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_evaluation_for_user(request, pk)
    context = _base(request, evaluation)
    try:
        a = int(request.GET.get("a", max(evaluation.revision - 1, 1)))
        b = int(request.GET.get("b", evaluation.revision))
    except ValueError:
        raise Http404("版本号不正确。") from None
    versions = {v.number: v for v in evaluation.versions.filter(number__in=[a, b])}
    if a not in versions or b not in versions:
        raise Http404("没有这个版本。")
    context.update(
        {
            "a": versions[a],
            "b": versions[b],
            "rows": store.changes_between(versions[a].data, versions[b].data),
            "numbers": list(evaluation.versions.order_by("number").values_list("number", flat=True)),
        }
    )
    return render(request, "evaluations/diff.html", context)


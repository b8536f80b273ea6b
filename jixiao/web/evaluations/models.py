"""An evaluation of one unit for one fiscal year, kept as versions of the core model's canonical JSON.

The JSON (`jixiao.io.canonical.to_plain`: plain values, decimals as strings, the `sources` map) is the
source of truth; the columns beside it on `Evaluation` (state, score, grade, findings by severity,
budget figures) are denormalised from the current version so the board and the dashboard read one row
per unit (and every save marks the region's data as changed, for what those pages keep cached).
`revision` counts the versions: a save names the revision it started from, which is what an
optimistic check needs (two editors, one wins).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from jixiao.web.accounts.models import Organisation, region_changed


class State(models.TextChoices):
    DRAFT = "draft", "草稿"
    UNIT_REVIEW = "unit_review", "单位审核"
    SUBMITTED = "submitted", "已报送"
    IN_REVIEW = "in_review", "财政审核中"
    RETURNED = "returned", "退回"
    APPROVED = "approved", "已通过"
    PUBLISHED = "published", "已公开"


# what the finance bureau may open: everything the unit has reported
BUREAU_VISIBLE = (State.SUBMITTED, State.IN_REVIEW, State.RETURNED, State.APPROVED, State.PUBLISHED)
# what the unit's preparer may edit
EDITABLE = (State.DRAFT, State.RETURNED)


class Evaluation(models.Model):
    unit = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="evaluations", verbose_name="单位")
    fiscal_year = models.PositiveIntegerField("评价年度")
    kind = models.CharField("类型", max_length=20, default="部门整体")
    # which project a 项目支出 evaluation is of (a unit has one per project and year); blank for 部门整体
    subject = models.CharField("项目", max_length=200, blank=True, default="")
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.DRAFT)
    revision = models.PositiveIntegerField("版本", default=0)
    created = models.DateTimeField("创建时间", auto_now_add=True)
    updated = models.DateTimeField("最后修改", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # denormalised from the current version, for the board and the dashboard
    title = models.CharField("标题", max_length=300, blank=True)
    rulebook = models.CharField("评分规则", max_length=40, blank=True)
    score = models.DecimalField("得分", max_digits=7, decimal_places=2, null=True, blank=True)
    grade = models.CharField("等级", max_length=10, blank=True)
    provisional = models.BooleanField("暂评", default=False)
    self_score = models.DecimalField("自评得分", max_digits=7, decimal_places=2, null=True, blank=True)
    self_grade = models.CharField("自评等级", max_length=10, blank=True)
    errors = models.PositiveIntegerField("错误", default=0)
    warnings = models.PositiveIntegerField("警告", default=0)
    infos = models.PositiveIntegerField("提示", default=0)
    budget_adjusted = models.DecimalField("全年预算数", max_digits=16, decimal_places=6, null=True, blank=True)
    budget_executed = models.DecimalField("全年执行数", max_digits=16, decimal_places=6, null=True, blank=True)
    execution_rate = models.DecimalField("预算执行率", max_digits=9, decimal_places=2, null=True, blank=True)
    # when a comment or an explanation was last written (signals below); with `updated`, what the review
    # page keys the parts it keeps on (review/reading.py)
    discussed = models.DateTimeField("最后意见", null=True, blank=True)

    class Meta:
        verbose_name = "绩效自评"
        ordering = ["-fiscal_year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "fiscal_year", "kind", "subject"], name="unique_evaluation_per_year")
        ]
        indexes = [models.Index(fields=["fiscal_year", "state"])]

    def __str__(self) -> str:
        return f"{self.unit.name} {self.fiscal_year}年度{self.kind_title}绩效自评"

    @property
    def kind_title(self) -> str:
        """部门整体支出 / 项目支出（项目名）: what the report's title calls it."""
        if self.kind == "部门整体":
            return "部门整体支出"
        return f"{self.kind}（{self.subject}）" if self.subject else self.kind

    @property
    def editable(self) -> bool:
        return self.state in EDITABLE


@receiver([post_save, post_delete], sender=Evaluation)
def _evaluation_changed(sender: Any, instance: Evaluation, **kwargs: Any) -> None:
    """Every saved state, score or finding count is on the region's board and dashboard (accounts.models)."""
    region_changed(instance.unit.region_id)


class Version(models.Model):
    """One saved state of an evaluation: the canonical JSON, and what checking and scoring said of it."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    data = models.JSONField("数据")  # canonical JSON: plain values and `sources`
    findings = models.JSONField("检查结果", default=list)  # Finding.to_json() of each finding
    scorecard = models.JSONField("评分", default=dict)  # Scorecard.model_dump(mode="json")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField("保存时间", auto_now_add=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        ordering = ["evaluation", "number"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "number"], name="unique_version_number")]


class FieldChange(models.Model):
    """One field changed by one version: who, when, which field, the old and the new value (as JSON)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="changes")
    version = models.PositiveIntegerField("版本号")
    path = models.CharField("字段", max_length=300)
    old = models.JSONField("原值", null=True)
    new = models.JSONField("新值", null=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        ordering = ["evaluation", "version", "id"]


class Finding(models.Model):
    """A finding of the current version, as rows, so the board and dashboard can count them in SQL."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="finding_rows")
    rule = models.CharField(max_length=60)
    category = models.CharField(max_length=20)
    severity = models.CharField(max_length=10)
    field = models.CharField(max_length=300, blank=True)
    message = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["rule"]), models.Index(fields=["category"])]


class Explanation(models.Model):
    """The preparer's written explanation of an error finding that stays (rule + field), for the reviewer."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="explanations")
    rule = models.CharField(max_length=60)
    field = models.CharField(max_length=300, blank=True)
    text = models.TextField("说明")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "rule", "field"], name="unique_explanation_per_finding")
        ]


class Transition(models.Model):
    """A workflow step taken: from which state to which, by whom, when, and why (required on a return)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="transitions")
    source = models.CharField(max_length=12, choices=State.choices)
    target = models.CharField(max_length=12, choices=State.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField("理由", blank=True)

    class Meta:
        ordering = ["evaluation", "at", "id"]


@receiver([post_save, post_delete], sender=Explanation)
def _explained(sender: Any, instance: Explanation, **kwargs: Any) -> None:
    discussed(instance.evaluation_id)


def discussed(evaluation_id: int) -> None:
    """Mark the evaluation's discussion (its comments and explanations) as changed."""
    Evaluation.objects.filter(pk=evaluation_id).update(discussed=timezone.now())

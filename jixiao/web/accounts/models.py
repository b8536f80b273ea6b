"""Who is who: a region has one finance bureau and its budget units; a user belongs to one organisation
with one role. The year's settings (deadline, rulebook) belong to the region.

A region's `data_version` is a new random value whenever something its bureau's board or dashboard shows
changes (`region_changed`, called on every save and delete of a unit, an evaluation or a year's settings),
so what those pages compute from thousands of rows can be kept under it and is never served stale."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from jixiao.scoring.rulebook import DEFAULT_RULEBOOK, bundled_rulebooks


def new_data_version() -> str:
    # random rather than a counter: a test database rolled back and filled again never repeats one
    return uuid.uuid4().hex


class Region(models.Model):
    """A county or city whose finance bureau oversees its budget units (a tenant)."""

    name = models.CharField("地区", max_length=100)
    code = models.SlugField("代码", max_length=40, unique=True, help_text="用于公开网址，如 qingshan")
    data_version = models.CharField(max_length=32, default=new_data_version, editable=False)

    class Meta:
        verbose_name = "地区"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    BUREAU = "bureau"
    UNIT = "unit"
    KINDS = [(BUREAU, "财政局"), (UNIT, "预算单位")]

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="organisations", verbose_name="地区")
    name = models.CharField("名称", max_length=200)
    kind = models.CharField("类型", max_length=10, choices=KINDS, default=UNIT)
    category = models.CharField("单位性质", max_length=40, blank=True, help_text="行政单位、党委部门、学校、乡镇……")
    budget_code = models.CharField("预算编码", max_length=40, blank=True)

    class Meta:
        verbose_name = "单位"
        ordering = ["region", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="unique_organisation_name")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    PREPARER = "preparer", "填报人"
    HEAD = "head", "单位负责人"
    REVIEWER = "reviewer", "财政审核"
    ADMIN = "admin", "管理员"


UNIT_ROLES = (Role.PREPARER, Role.HEAD)
BUREAU_ROLES = (Role.REVIEWER, Role.ADMIN)


class Membership(models.Model):
    """A user's place: one organisation, one role (a unit's roles in a unit, a bureau's in a bureau)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="members", verbose_name="单位")
    role = models.CharField("角色", max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = "成员"

    def __str__(self) -> str:
        return f"{self.user.get_username()}（{self.organisation}，{self.get_role_display()}）"

    @property
    def region_id(self) -> int:
        return self.organisation.region_id


def rulebook_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in bundled_rulebooks()]


class YearSettings(models.Model):
    """A region's settings for one fiscal year: the deadline for submissions and the rulebook that scores."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="years")
    fiscal_year = models.PositiveIntegerField("评价年度")
    deadline = models.DateField("报送截止日期", null=True, blank=True)
    rulebook = models.CharField("评分规则", max_length=40, default=DEFAULT_RULEBOOK, choices=rulebook_choices)

    class Meta:
        verbose_name = "年度设置"
        ordering = ["region", "-fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["region", "fiscal_year"], name="unique_year_settings")]

    def __str__(self) -> str:
        return f"{self.region} {self.fiscal_year}年度"


def region_changed(region_id: int) -> None:
    """Mark what the region's bureau pages show as changed. The signals below call it for every save and
    delete of a unit, an evaluation or a year's settings; a write that bypasses them (`QuerySet.update`,
    `bulk_create` into an existing region) must call it itself, in the same transaction."""
    Region.objects.filter(pk=region_id).update(data_version=new_data_version())


@receiver([post_save, post_delete], sender=Organisation)
@receiver([post_save, post_delete], sender=YearSettings)
def _unit_or_year_changed(sender: Any, instance: Organisation | YearSettings, **kwargs: Any) -> None:
    region_changed(instance.region_id)

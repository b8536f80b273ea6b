"""Comments: a thread per field of an evaluation (the field path, or '' for the evaluation as a whole)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from jixiao.web.evaluations.models import Evaluation, discussed


class Comment(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="comments")
    field = models.CharField("字段", max_length=300, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField("意见")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["evaluation", "field", "at", "id"]
        verbose_name = "审核意见"


@receiver([post_save, post_delete], sender=Comment)
def _commented(sender: Any, instance: Comment, **kwargs: Any) -> None:
    discussed(instance.evaluation_id)

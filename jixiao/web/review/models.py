"""Comments: a thread per field of an evaluation (the field path, or '' for the evaluation as a whole)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.evaluations.models import Evaluation


class Comment(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="comments")
    field = models.CharField("字段", max_length=300, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField("意见")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["evaluation", "field", "at", "id"]
        verbose_name = "审核意见"

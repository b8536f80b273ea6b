"""A background job as its starter sees it: what it is, how far it has got, and how it ended.

The queue itself is django-tasks' database backend (a `DBTaskResult` row per run, claimed by one worker);
a `Job` is the user's side of it: the region and who started it, progress (`done` of `total`, the file
in hand), the Chinese reason of a failure, the review list of a bulk upload (`JobItem`, one per file) and
the files it takes and gives (`JobFile`, kept in the database so that a worker on another machine reads
the upload and any app server hands out the result). `heartbeat` is renewed at every step; a claim whose
heartbeat is older than `JIXIAO_JOB_TIMEOUT` is taken back by the next worker (jobs/reclaim.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.web.accounts.models import Region


class Kind(models.TextChoices):
    BULK_UPLOAD = "bulk_upload", "批量导入报告"
    REGION_PDFS = "region_pdfs", "生成全部 PDF"
    REGION_EXPORT = "region_export", "导出汇总数据"


class JobState(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


FINISHED = (JobState.DONE, JobState.FAILED)


class Job(models.Model):
    kind = models.CharField("任务", max_length=20, choices=Kind.choices)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="jobs")
    fiscal_year = models.PositiveIntegerField("评价年度", null=True, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    created = models.DateTimeField("创建时间", auto_now_add=True)
    state = models.CharField("状态", max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    task_id = models.CharField(max_length=64, blank=True)  # the DBTaskResult that runs it
    attempt = models.PositiveIntegerField("第几次运行", default=0)  # which claim of the task owns the job
    heartbeat = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    step = models.CharField("当前", max_length=300, blank=True)
    error = models.TextField("失败原因", blank=True)
    finished = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "后台任务"
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.get_state_display()}）"

    @property
    def percent(self) -> int:
        return 100 if self.state == JobState.DONE else (100 * self.done // self.total if self.total else 0)

    @property
    def finished_ok(self) -> bool:
        return self.state == JobState.DONE

    @property
    def running(self) -> bool:
        return self.state not in FINISHED


class JobFile(models.Model):
    """A file a job reads (the upload) or writes (its result), in the database every machine reaches."""

    INPUT = "input"
    OUTPUT = "output"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="files")
    role = models.CharField(max_length=6, choices=[(INPUT, "上传"), (OUTPUT, "结果")])
    name = models.CharField(max_length=500)
    content_type = models.CharField(max_length=100, blank=True)
    data = models.BinaryField()

    class Meta:
        ordering = ["job", "id"]


class Outcome(models.TextChoices):
    IMPORTED = "imported", "已导入"
    UNMATCHED = "unmatched", "未匹配到单位"
    UNREADABLE = "unreadable", "无法读取"
    REFUSED = "refused", "未导入"


class JobItem(models.Model):
    """One file of a bulk upload and what became of it; written in the same transaction as its evaluation,
    so a job picked up again after a crash skips exactly the files already done."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="items")
    name = models.CharField("文件", max_length=500)
    outcome = models.CharField("结果", max_length=12, choices=Outcome.choices)
    unit_read = models.CharField("报告中的单位", max_length=200, blank=True)
    evaluation = models.ForeignKey(
        "evaluations.Evaluation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["job", "id"]
        constraints = [models.UniqueConstraint(fields=["job", "name"], name="unique_job_item")]

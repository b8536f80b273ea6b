"""`python -m jixiao.web db_worker` (or `jixiao worker`): django-tasks-db's worker, which takes back the
jobs of dead workers before each look for work (jobs/reclaim.py).

It has every option of django-tasks-db's own `db_worker` (this app comes before it in INSTALLED_APPS, so
this command is the one run); run as many as you like on as many machines as reach the database. Each
pass of the parent's loop is cut to one task (its `--batch` with a limit of one more task), so lost claims
are looked for between any two tasks, and while idle every `--interval` seconds.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.db import OperationalError
from django_tasks_db.management.commands import db_worker

from jixiao.web.jobs.reclaim import reclaim_lost

log = logging.getLogger("jixiao.web.jobs")


class Worker(db_worker.Worker):
    def run(self) -> None:
        limit, batch = self.max_tasks, self.batch
        self.batch = True
        log.info("worker %s started", self.worker_id)
        while self.running:
            try:
                reclaim_lost()
            except OperationalError as exc:  # the database busy or away for a moment: try again next pass
                log.warning("could not look for lost jobs: %s", exc)
            before = self._run_tasks
            self.max_tasks = before + 1
            super().run()
            self.startup_delay = False
            if limit is not None and self._run_tasks >= limit:
                return
            if self._run_tasks == before:  # nothing to do
                if batch:
                    return
                time.sleep(self.interval)


class Command(db_worker.Command):
    help = "运行后台任务工作进程（django-tasks 数据库后端），并收回中断的工作进程留下的任务"

    def configure_logging(self, verbosity: int) -> None:
        super().configure_logging(verbosity)
        # the parent logs every pass of its loop ("Starting worker …"); ours says what matters
        logging.getLogger("django_tasks_db").setLevel(logging.WARNING)
        ours = logging.getLogger("jixiao.web.jobs")
        ours.setLevel(logging.INFO if verbosity else logging.WARNING)
        if not ours.hasHandlers():
            ours.addHandler(logging.StreamHandler(self.stdout))

    def handle(self, *args: Any, **options: Any) -> None:
        db_worker.Worker = Worker  # type: ignore[misc]  # the parent's handle builds its Worker by this name
        super().handle(*args, **options)

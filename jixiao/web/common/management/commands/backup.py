"""`python -m jixiao.web backup FILE` (or `jixiao backup FILE`): a backup of the database, while it runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.core.errors import InputError
from jixiao.web.backup import backup


class Command(BaseCommand):
    help = "备份数据库（SQLite 用在线备份接口，PostgreSQL 用 pg_dump），可在系统运行时进行"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="备份文件")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            written = backup(file)
        except InputError as exc:
            raise CommandError(f"{exc.path}：{exc.message}") from None
        self.stdout.write(f"已备份到 {written}（{written.stat().st_size / 1024 / 1024:.1f} MB）")

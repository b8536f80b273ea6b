"""`python -m jixiao.web backup FILE` (or `jixiao backup FILE`): a backup of the database, while it runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from jixiao.web.backup import backup
from jixiao.web.common.management.file_command import FileCommand


class Command(FileCommand):
    help = "备份数据库（SQLite 用在线备份接口，PostgreSQL 用 pg_dump），可在系统运行时进行"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="备份文件")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        written = backup(file)  # an unusable file or a bug: told by FileCommand
        self.stdout.write(f"已备份到 {written}（{written.stat().st_size / 1024 / 1024:.1f} MB）")

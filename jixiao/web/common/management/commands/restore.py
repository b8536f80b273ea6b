"""`python -m jixiao.web restore FILE` (or `jixiao restore FILE`): the database put back as a backup holds it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.core.errors import InputError
from jixiao.web.backup import restore


class Command(BaseCommand):
    help = "从备份文件恢复数据库（恢复后执行数据库迁移），可在系统运行时进行"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="由 backup 命令写出的备份文件")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            restore(file)
        except InputError as exc:
            raise CommandError(f"{exc.path}：{exc.message}") from None
        self.stdout.write(f"已从 {file} 恢复数据库。")

"""`python -m jixiao.web open_data_schema`: print docs/open-data.md, the open data's documented schema."""

from typing import Any

from django.core.management.base import BaseCommand

from jixiao.web.public.opendata import schema_markdown


class Command(BaseCommand):
    help = "输出公开数据的字段说明（docs/open-data.md）"

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(schema_markdown(), ending="")

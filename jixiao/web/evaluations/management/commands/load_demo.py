"""`python -m jixiao.web load_demo`: make the demo regions when the database has none."""

from typing import Any

from django.core.management.base import BaseCommand

from jixiao.web.evaluations import demo


class Command(BaseCommand):
    help = "载入演示地区（数据库为空时）"

    def handle(self, *args: Any, **options: Any) -> None:
        if not demo.is_empty():
            self.stdout.write("数据库中已有数据，未载入演示地区。")
            return
        demo.load_demo()
        self.stdout.write(f"已载入演示地区。密码均为 {demo.PASSWORD}：")
        for login, who in demo.LOGINS:
            self.stdout.write(f"  {login:<20} {who}")

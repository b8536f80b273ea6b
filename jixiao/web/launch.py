"""`jixiao web`: prepare and start the web application (what `make run` calls).

Applies the migrations, collects the static files (htmx and ECharts from node_modules, our CSS), loads
the demo region when the database is empty, prints the address and the demo logins, then hands the
process over to gunicorn (`exec`), so signals and exit codes are gunicorn's own.
"""

from __future__ import annotations

import os
import sys


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 2, demo: bool = True) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings.local")
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.DATA.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from jixiao.web.evaluations import demo as demo_data

    print(f"数据目录：{settings.DATA}；数据库：{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}", flush=True)
    if demo and demo_data.is_empty():
        print("正在载入演示地区（青山县、云溪县）……", flush=True)
        demo_data.load_demo()
    if demo_data.demo_present():
        print(f"\n演示账号（密码均为 {demo_data.PASSWORD}）：", flush=True)
        for login, who in demo_data.LOGINS:
            print(f"  {login:<16} {who}", flush=True)
    print(f"\njixiao 已启动：http://{host}:{port}/  （按 Ctrl-C 停止）\n", flush=True)
    os.execv(sys.executable, [*gunicorn_command(host, port, workers), "--access-logfile", "-"])


def gunicorn_command(host: str, port: int, workers: int) -> list[str]:
    """The server as `jixiao web` runs it (bench/bench_web.py measures the same), without its access log.

    Synchronous workers, as many as cores by default: every request is Python work on the CPU (SQLite
    reads come from the page cache), so more processes than cores only take turns."""
    return [sys.executable, "-m", "gunicorn", "jixiao.web.wsgi:application", "--bind", f"{host}:{port}",
            "--workers", str(workers), "--graceful-timeout", "10"]  # fmt: skip

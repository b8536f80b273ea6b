"""Web latency: the board, the dashboard and an evaluation page under load, against a trivial endpoint.

The script makes a region at scale (3,000 budget units × 3 fiscal years, in bulk from checked demo
variants: `jixiao.web.evaluations.demo.bulk_region`) in a fresh SQLite database under a temporary data
directory, starts the application with gunicorn on loopback as `jixiao web` does, and drives each page
with 20 concurrent clients for a bounded time (a signed-in reviewer's session). It prints the 95th
percentile latency of each page and its ratio to the trivial endpoint (`/healthz`, measured in the same
run, before and after the pages), beside the aim: at most 5×. Nothing is asserted.

Run with `make bench`, or `.venv/bin/python bench/bench_web.py [--units N] [--seconds S]`.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 20
AIM = 5.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(units: int, years: list[int]) -> dict[str, str]:
    """Migrate, load the region, make a reviewer's session; returns the paths to measure and the cookie."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from jixiao.web.accounts.models import Organisation, Role
    from jixiao.web.evaluations import demo, store
    from jixiao.web.evaluations.models import Evaluation, State
    from tests.web.cast import user

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    start = time.perf_counter()
    region = demo.bulk_region("基准省", "bench", units, years)
    bureau = Organisation.objects.get(region=region, kind=Organisation.BUREAU)
    reviewer = user("bench_reviewer", bureau, Role.REVIEWER)
    # one evaluation made as a unit makes it (imported, checked, scored, with its sources), to open
    unit = Organisation.objects.filter(region=region, kind=Organisation.UNIT).first()
    assert unit is not None
    Evaluation.objects.filter(unit=unit, fiscal_year=years[-1]).delete()
    evaluation = store.create_evaluation(unit, demo.varied(demo.UNITS[1], years[-1]), reviewer, "基准")
    evaluation.state = State.IN_REVIEW
    evaluation.save(update_fields=["state"])
    print(f"已载入 {units} 个单位 × {len(years)} 个年度（{time.perf_counter() - start:.0f} 秒）", flush=True)
    session = SessionStore()
    session[SESSION_KEY] = str(reviewer.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = reviewer.get_session_auth_hash()
    session.create()
    return {
        "cookie": f"sessionid={session.session_key}",
        "board": f"/bureau/board/?year={years[-1]}",
        "dashboard": f"/bureau/dashboard/?year={years[-1]}",
        "evaluation": f"/bureau/e/{evaluation.pk}/",
    }


def load(port: int, path: str, cookie: str, seconds: float) -> list[float]:
    """CLIENTS threads requesting `path` in turn until `seconds` have passed; every latency, in seconds."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client() -> None:
        while time.perf_counter() < deadline:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Cookie": cookie})
                response = connection.getresponse()
                response.read()
                status = response.status
            except OSError as exc:
                status, errors_seen = 0, str(exc)
                with lock:
                    errors.append(errors_seen)
            finally:
                connection.close()
            elapsed = time.perf_counter() - start
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                else:
                    errors.append(f"HTTP {status}")

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        print(f"  {path}: {len(errors)} 次失败（{errors[0]}）", flush=True)
    return latencies


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values, default=float("nan"))


def wait_until_up(port: int) -> None:
    for _ in range(300):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=15.0, help="load time per page")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    years = [2022, 2023, 2024]
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-web-") as data:
        os.environ.update({"JIXIAO_DATA": data, "DJANGO_SETTINGS_MODULE": "jixiao.web.settings.local",
                           "DJANGO_SECRET_KEY": "bench-only-" + "k" * 40})  # fmt: skip
        os.environ.pop("DATABASE_URL", None)
        sys.path.insert(0, str(ROOT))
        targets = prepare(args.units, years)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "jixiao.web.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", str(args.workers), "--log-level", "warning"],
            cwd=ROOT, env=os.environ.copy(),
        )  # fmt: skip
        try:
            wait_until_up(port)
            cookie = targets["cookie"]
            for path in (targets["board"], targets["dashboard"], targets["evaluation"]):
                load(port, path, cookie, 2.0)  # warm each worker's caches
            base = load(port, "/healthz", cookie, args.seconds / 2)
            pages = {name: load(port, targets[name], cookie, args.seconds) for name in ("board", "dashboard", "evaluation")}
            base += load(port, "/healthz", cookie, args.seconds / 2)
        finally:
            server.terminate()
            server.wait(timeout=30)
    baseline = p95(base)
    print(f"\nWeb 延迟（{args.units} 个单位 × {len(years)} 个年度，{CLIENTS} 个并发客户端，gunicorn {args.workers} 个进程，SQLite）")
    print(f"{'页面':<12}{'请求数':>8}{'p95 (ms)':>12}{'倍数':>8}{'目标':>8}")
    print(f"{'healthz':<12}{len(base):>8}{baseline * 1000:>12.1f}{'1.0':>8}{'':>8}")
    for name, latencies in pages.items():
        ratio = p95(latencies) / baseline
        mark = "" if ratio <= AIM else "  超出目标"
        print(f"{name:<12}{len(latencies):>8}{p95(latencies) * 1000:>12.1f}{ratio:>8.1f}{'≤' + format(AIM, 'g'):>8}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

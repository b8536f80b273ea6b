"""Web latency: the board, the dashboard and an evaluation page under load, against a trivial endpoint.

The script makes a region at scale (3,000 budget units × 3 fiscal years, in bulk from checked demo
variants: `jixiao.web.evaluations.demo.bulk_region`, plus one evaluation imported as a unit makes it) in
a fresh SQLite database under a temporary data directory, and starts the application with gunicorn on
loopback as `jixiao web` does (`launch.gunicorn_command`, 2 workers by default, no access log).

Under load. 20 concurrent clients (a signed-in reviewer's session, a new connection per request) request
one endpoint at a time for a bounded time: the trivial endpoint `/healthz`, then the board (first page,
latest year), the dashboard (latest year) and one evaluation's review page. Each endpoint is loaded on
its own, so its 95th-percentile latency is its own service time times the queue of 20 — the page's cost
against the trivial request's, which is what the aim compares; loading the pages together would queue
the trivial request behind them and compress every ratio. The endpoints take turns in rounds, so a slow
spell of a shared machine falls on all of them alike. A page seen again is served from what it keeps
(the board and the dashboard under the region's data version, the evaluation page under its own last
change): that is what a page viewed over and over costs. The row "evaluation, first view" asks for a
different evaluation every time (the bulk ones: figures and findings, without the import's sources), so
nothing is kept: what a reviewer going through the reports one after another meets.

One at a time. Each endpoint asked 20–200 times in turn by one client, the workers' CPU time per
request read from /proc (Linux): the per-request cost, which a busy machine slows far less than it
scatters latencies.

Each table gives the trivial endpoint's figure (baseline), the page's, and their ratio beside the aim of
the issue: at most 5×. Nothing is asserted.

Run with `make bench`, or `.venv/bin/python bench/bench_web.py [--units N] [--seconds S] [--workers W]`.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.web.cast and bench.common live in the checkout, not the package

from bench.common import Row, report  # noqa: E402

CLIENTS = 20
ROUNDS = 3
AIM = 5.0
PAGES = ("board", "dashboard", "evaluation", "evaluation, first view")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(units: int, years: list[int]) -> tuple[str, dict[str, Callable[[], str]]]:
    """Migrate, load the region, sign a reviewer in; the session cookie and, per endpoint, its next path."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from jixiao.web.accounts.models import Organisation, Role
    from jixiao.web.evaluations import demo, store
    from jixiao.web.evaluations.models import Evaluation, State
    from tests.web.cast import put_in_state, user

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
    put_in_state(evaluation, State.IN_REVIEW, reviewer)
    others = Evaluation.objects.filter(unit__region=region, fiscal_year=years[-1]).exclude(pk=evaluation.pk)
    print(f"已载入 {units} 个单位 × {len(years)} 个年度（{time.perf_counter() - start:.0f} 秒）", flush=True)
    browser = Client()
    browser.force_login(reviewer)  # a signed-in reviewer's session, as the login page makes it
    unseen = itertools.cycle([f"/bureau/e/{pk}/" for pk in others.values_list("pk", flat=True)])
    lock = threading.Lock()

    def first_view() -> str:
        with lock:
            return next(unseen)

    paths = {
        "healthz": "/healthz",
        "board": f"/bureau/board/?year={years[-1]}",
        "dashboard": f"/bureau/dashboard/?year={years[-1]}",
        "evaluation": f"/bureau/e/{evaluation.pk}/",
    }
    endpoints: dict[str, Callable[[], str]] = {name: (lambda path=path: path) for name, path in paths.items()}
    endpoints["evaluation, first view"] = first_view
    return f"sessionid={browser.cookies['sessionid'].value}", endpoints


def get(port: int, path: str, cookie: str) -> tuple[int, float]:
    """One request on a new connection: its status and its latency in seconds (status 0: no answer)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    start = time.perf_counter()
    try:
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        connection.close()
    return status, time.perf_counter() - start


def load(port: int, next_path: Callable[[], str], cookie: str, seconds: float) -> tuple[list[float], int]:
    """CLIENTS threads requesting `next_path()` in turn until `seconds` have passed: every latency of an
    answered request (in seconds), and how many failed."""
    latencies: list[float] = []
    failed = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client() -> None:
        nonlocal failed
        while time.perf_counter() < deadline:
            status, elapsed = get(port, next_path(), cookie)
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                else:
                    failed += 1

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, failed


def failed(count: int) -> str:
    return f"{count} requests failed" if count else ""


def p95(values: list[float]) -> float | None:
    if not values:
        return None
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def workers_cpu(master: int) -> float | None:
    """Seconds of CPU the server's workers have used so far (Linux /proc; None elsewhere)."""
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        total = 0
        for pid in children:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    except OSError:
        return None
    return total / os.sysconf("SC_CLK_TCK")


def cpu_per_request(port: int, master: int, next_path: Callable[[], str], cookie: str, requests: int) -> float | None:
    """The workers' CPU seconds per request, `requests` asked one after another."""
    before = workers_cpu(master)
    for _ in range(requests):
        get(port, next_path(), cookie)
    after = workers_cpu(master)
    return None if before is None or after is None else (after - before) / requests


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


@dataclass
class Measured:
    latencies: dict[str, list[float]]  # seconds, every answered request under load
    failures: dict[str, int]
    cpu: dict[str, list[float]]  # the workers' CPU seconds per request, one figure per round


def measure(port: int, master: int, cookie: str, endpoints: dict[str, Callable[[], str]], seconds: float) -> Measured:
    """Every endpoint under load, then one request at a time, in rounds."""
    found = Measured({name: [] for name in endpoints}, dict.fromkeys(endpoints, 0), {name: [] for name in endpoints})
    for name in PAGES:  # each worker reads the page once, as a server that has run a while has
        load(port, endpoints[name], cookie, 1.0)
    for _ in range(ROUNDS):
        for name, next_path in endpoints.items():
            latencies, failures = load(port, next_path, cookie, seconds / ROUNDS)
            found.latencies[name] += latencies
            found.failures[name] += failures
    for _ in range(ROUNDS):
        for name, next_path in endpoints.items():
            per_request = cpu_per_request(port, master, next_path, cookie, 300 if name == "healthz" else 50)
            if per_request is not None:
                found.cpu[name].append(per_request)
    return found


def print_report(found: Measured, seconds: float) -> None:
    print(f"\nunder load: {CLIENTS} concurrent clients, {seconds:g} s per endpoint in {ROUNDS} rounds, "
          "95th-percentile latency")  # fmt: skip
    baseline = p95(found.latencies["healthz"])
    report(
        [Row(name, len(found.latencies[name]), baseline, p95(found.latencies[name]), AIM, failed(found.failures[name]))
         for name in PAGES],
        ("page", "requests", "healthz p95 ms", "page p95 ms"),
    )  # fmt: skip
    if found.failures["healthz"]:
        print(f"healthz: {failed(found.failures['healthz'])}")
    print("\none at a time: the server's CPU per request (median of the rounds)")
    middle = {name: statistics.median(cpu) if cpu else None for name, cpu in found.cpu.items()}
    report(
        [Row(name, len(found.cpu[name]), middle["healthz"], middle[name], AIM) for name in PAGES],
        ("page", "rounds", "healthz CPU ms", "page CPU ms"),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=15.0, help="load time per endpoint, over all rounds")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (jixiao web's default)")
    args = parser.parse_args()
    years = [2022, 2023, 2024]
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-web-") as data:
        os.environ.update({"JIXIAO_DATA": data, "DJANGO_SETTINGS_MODULE": "jixiao.web.settings.local",
                           "DJANGO_SECRET_KEY": "bench-only-" + "k" * 40})  # fmt: skip
        os.environ.pop("DATABASE_URL", None)
        cookie, endpoints = prepare(args.units, years)
        from jixiao.web.launch import gunicorn_command

        port = free_port()
        server = subprocess.Popen(
            [*gunicorn_command("127.0.0.1", port, args.workers), "--log-level", "warning"], cwd=ROOT, env=os.environ.copy()
        )
        try:
            wait_until_up(port)
            found = measure(port, server.pid, cookie, endpoints, args.seconds)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"\nweb: {args.units} units × {len(years)} years, SQLite, gunicorn {args.workers} sync workers, "
          f"{os.cpu_count()} cores; baseline = /healthz measured in the same run")  # fmt: skip
    print_report(found, args.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())

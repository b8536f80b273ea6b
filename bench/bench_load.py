"""Load test: 50 simulated users viewing and editing evaluations for 60 s, on SQLite and on PostgreSQL.

For each database the script makes a fresh one (SQLite under a temporary data directory; PostgreSQL a
durable server of its own through scripts/with-postgres.sh), loads 10 units with an evaluation each and
5 preparers per unit, starts the application with gunicorn on loopback and runs locust (bench/
load_users.py) headless against it, bounded in users and time. Then it reads everything back: every save
the server accepted must be the version after the one it was made on, with its value and its author, and
each evaluation's versions one per accepted save — no update lost, none written twice. It prints the
request count, the error rate (a 409 conflict refusal is a correct answer, counted apart), p95 latency
per kind of request, and the lost updates found. Nothing is asserted.

Run with `make bench`, or `.venv/bin/python bench/bench_load.py [--users N] [--seconds S] [--only sqlite|postgres]`.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
UNITS = 10
WORKERS = 4  # gunicorn's processes: on 2 cores, enough that one slow save does not hold up the views
FIELD = "budget.income.other"


def prepare(users: int, folder: Path) -> Path:
    """Migrate, load the units and their evaluations, make each preparer a session; the users' file."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from jixiao.web.accounts.models import Membership, Organisation, Region, Role
    from jixiao.web.evaluations import store
    from tests.web.cast import example_for
    from tests.web.servers import CSRF, session_cookie

    def user(name: str, unit: Organisation, role: Role) -> Any:
        person = get_user_model().objects.create(username=name, first_name=name)  # signs in by session only
        Membership.objects.create(user=person, organisation=unit, role=role)
        return person

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    region = Region.objects.create(name="基准县", code="bench")
    Organisation.objects.create(region=region, name="基准县财政局", kind=Organisation.BUREAU)
    evaluations = []
    for n in range(UNITS):
        unit = Organisation.objects.create(region=region, name=f"基准县第{n + 1}局")
        author = user(f"bench_{n}_0", unit, Role.PREPARER)
        evaluations.append(store.create_evaluation(unit, example_for(2024), author, "基准"))
    people = []
    for n in range(users):
        evaluation = evaluations[n % UNITS]
        person = user(f"bench_{n % UNITS}_{n // UNITS + 1}", evaluation.unit, Role.PREPARER)
        people.append({"n": n + 1, "user": person.pk, "evaluation": evaluation.pk, "session": session_cookie(person),
                       "csrf": CSRF})  # fmt: skip
    path = folder / "users.json"
    path.write_text(json.dumps(people), encoding="utf-8")
    return path


def serve(port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "gunicorn", "jixiao.web.wsgi:application", "--bind", f"127.0.0.1:{port}",
               "--workers", str(WORKERS), "--timeout", "120"]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def swarm(port: int, users: int, seconds: int, folder: Path, people: Path) -> tuple[dict[str, dict[str, str]], dict[str, Any]]:
    """Run locust headless; its per-request statistics and the saves it saw accepted or refused."""
    results = folder / "saves.json"
    env = {**os.environ, "LOAD_USERS": str(people), "LOAD_RESULTS": str(results)}
    command = [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "load_users.py"), "--headless",
               "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s", "--stop-timeout", "10",
               "--host", f"http://127.0.0.1:{port}", "--csv", str(folder / "load"), "--only-summary",
               "--loglevel", "WARNING"]  # fmt: skip
    done = subprocess.run(command, env=env, check=False, timeout=seconds + 120, capture_output=True, text=True)
    if done.returncode not in (0, 1) or not (folder / "load_stats.csv").exists():  # 1: some requests failed
        print(done.stderr[-3000:], flush=True)
    if not (folder / "load_stats.csv").exists():
        raise SystemExit("locust 没有运行（缺少 locust 时请用 make bench，它会安装基准测试所需的工具）")
    with (folder / "load_stats.csv").open(encoding="utf-8") as handle:
        stats = {row["Name"]: row for row in csv.DictReader(handle)}
    return stats, json.loads(results.read_text(encoding="utf-8"))


def lost_updates(saves: dict[str, Any]) -> list[str]:
    """Every way the database disagrees with the saves the server accepted (empty when none was lost)."""
    from jixiao.web.evaluations.models import Evaluation

    problems = []
    accepted: dict[int, list[dict[str, Any]]] = {}
    for save in saves["accepted"]:
        accepted.setdefault(save["evaluation"], []).append(save)
    for evaluation in Evaluation.objects.filter(unit__region__code="bench"):
        versions = {v.number: v for v in evaluation.versions.all()}
        mine = sorted(accepted.get(evaluation.pk, []), key=lambda s: s["base"])
        if sorted(versions) != list(range(1, evaluation.revision + 1)) or len(versions) != 1 + len(mine):
            problems.append(f"{evaluation.unit.name}：{len(versions)} 个版本，服务器接受了 {len(mine)} 次保存")
        for save in mine:
            version = versions.get(save["base"] + 1)
            value = version.data["budget"]["income"]["other"] if version else None
            if version is None or value != save["value"] or version.author_id != save["user"]:
                problems.append(f"{evaluation.unit.name}：第 {save['base'] + 1} 版不是被接受的那次保存（{save['value']}）")
        final = evaluation.versions.get(number=evaluation.revision).data["budget"]["income"]["other"]
        if mine and final != mine[-1]["value"]:
            problems.append(f"{evaluation.unit.name}：最终值 {final} 不是最后一次被接受的保存 {mine[-1]['value']}")
    return problems


def phase(users: int, seconds: int, report: Path) -> None:
    """One database: prepare, serve, swarm, read back; the figures to `report` (JSON)."""
    from tests.web.servers import free_port, is_up, wait_for

    engine = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    with tempfile.TemporaryDirectory(prefix="jixiao-load-") as tmp:
        folder = Path(tmp)
        os.environ["JIXIAO_DATA"] = str(folder / "data")
        os.environ["DJANGO_SETTINGS_MODULE"] = "jixiao.web.settings.local"
        start = time.perf_counter()
        people = prepare(users, folder)
        print(f"{engine}：已载入 {UNITS} 份自评、{users} 名填报人（{time.perf_counter() - start:.0f} 秒）", flush=True)
        port = free_port()
        server = serve(port)
        try:
            wait_for(lambda: is_up(port), 60, "the application")
            stats, saves = swarm(port, users, seconds, folder, people)
        finally:
            server.terminate()
            server.wait(timeout=30)
        problems = lost_updates(saves)
    total = stats["Aggregated"]
    result = {
        "engine": engine,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "accepted": len(saves["accepted"]),
        "refused": len(saves["refused"]),
        "lost": problems,
        "p95": {name: float(row["95%"]) for name, row in stats.items() if name != "Aggregated"},
        "p95_all": float(total["95%"]),
        "rps": float(total["Requests/s"]),
    }
    report.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


def show(result: dict[str, Any], users: int, seconds: int) -> None:
    rate = result["failures"] / result["requests"] if result["requests"] else float("nan")
    print(f"\n{result['engine']}：{users} 名用户 {seconds} 秒，{result['requests']} 次请求（{result['rps']:.1f} 次/秒），"
          f"错误率 {rate:.2%}（目标 0）", flush=True)  # fmt: skip
    for name, p95 in sorted(result["p95"].items()):
        print(f"  {name:<8} p95 {p95:>7.0f} ms", flush=True)
    print(f"  全部     p95 {result['p95_all']:>7.0f} ms", flush=True)
    print(f"  保存：被接受 {result['accepted']} 次，因他人先保存而被拒绝（冲突提示）{result['refused']} 次；"
          f"逐条读回核对，丢失的修改 {len(result['lost'])} 处（目标 0）", flush=True)  # fmt: skip
    for problem in result["lost"][:10]:
        print(f"    {problem}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--phase", type=Path, help=argparse.SUPPRESS)  # one database, its figures to this file
    args = parser.parse_args()
    if args.phase:
        phase(args.users, args.seconds, args.phase)
        return
    print(f"负载测试：{args.users} 名模拟用户（locust）在本机回环地址上查看和修改自评，每种数据库 {args.seconds} 秒", flush=True)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "JIXIAO_DATA")}
    me = [sys.executable, str(Path(__file__).resolve()), "--users", str(args.users), "--seconds", str(args.seconds)]
    with tempfile.TemporaryDirectory(prefix="jixiao-load-report-") as tmp:
        runs = {"sqlite": me, "postgres": ["bash", str(ROOT / "scripts" / "with-postgres.sh"), *me]}
        for name, command in runs.items():
            if args.only and args.only != name:
                continue
            report = Path(tmp) / f"{name}.json"
            done = subprocess.run([*command, "--phase", str(report)], env=env, cwd=ROOT, check=False)
            if done.returncode != 0 or not report.exists():
                print(f"\n{name}：未能完成（退出码 {done.returncode}）", flush=True)
                continue
            show(json.loads(report.read_text(encoding="utf-8")), args.users, args.seconds)


if __name__ == "__main__":
    main()

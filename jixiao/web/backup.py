"""Backup and restore of the web application's database, while the application runs.

- SQLite: SQLite's online backup API (`sqlite3.Connection.backup`) copies the database in one step from a
  read transaction, so the copy is the state of one moment however many writers are at work (WAL lets
  them go on). A restore copies the backup into the live database the same way, under its write lock:
  each request sees either the old database or the restored one, never a mixture.
- PostgreSQL: `pg_dump --format=custom` (a consistent snapshot, taken without stopping anyone) and
  `pg_restore --clean --single-transaction` (all of it or, on any error, none of it).

A backup is written to a temporary name beside its target and renamed when complete, so a file of that
name is always a whole backup. After a restore the migrations are applied, so a backup made by an older
release comes back in the current schema.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from glob import glob
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import connections

from jixiao.core.errors import InputError

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


def _settings() -> dict[str, Any]:
    return connections["default"].settings_dict


def _vendor() -> str:
    return connections["default"].vendor


def backup(target: Path) -> Path:
    """Write a backup of the database to `target`; returns it."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        if _vendor() == "sqlite":
            database = Path(_settings()["NAME"])
            if not database.is_file():
                raise InputError(str(database), "数据库文件不存在：请先启动一次系统（jixiao web）或执行 migrate。")
            _sqlite_copy(database, partial)
        elif _vendor() == "postgresql":
            _pg("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}")
        else:
            raise InputError(str(target), f"不支持备份 {_vendor()} 数据库。")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def restore(source: Path) -> None:
    """Put the database back as `source` holds it, then apply the migrations."""
    head = _head(source)
    if _vendor() == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise InputError(str(source), "这不是 SQLite 数据库的备份文件（当前数据库是 SQLite）。")
        _check_sqlite(source)
        connections["default"].close()
        _sqlite_copy(source, Path(_settings()["NAME"]))
    elif _vendor() == "postgresql":
        if not head.startswith(PG_MAGIC):
            raise InputError(str(source), "这不是 PostgreSQL 的备份文件（pg_dump 自定义格式；当前数据库是 PostgreSQL）。")
        connections["default"].close()
        _pg("pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
            "--exit-on-error", str(source))  # fmt: skip
    else:
        raise InputError(str(source), f"不支持恢复 {_vendor()} 数据库。")
    call_command("migrate", interactive=False, verbosity=0)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(16)
    except OSError as exc:
        raise InputError(str(path), f"无法读取备份文件：{exc.strerror or exc}") from None


def _read_only(path: Path, timeout: float = 20) -> sqlite3.Connection:
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=timeout)


def _check_sqlite(path: Path) -> None:
    with closing(_read_only(path)) as db:
        verdict = db.execute("PRAGMA quick_check").fetchone()[0]
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if verdict != "ok":
        raise InputError(str(path), f"备份文件已损坏（{verdict}），未恢复。")
    if "django_migrations" not in tables:
        raise InputError(str(path), "这个 SQLite 文件不是 jixiao 的数据库备份，未恢复。")


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy one SQLite database over another with the online backup API, in one step."""
    timeout = float(_settings().get("OPTIONS", {}).get("timeout", 20))
    with closing(_read_only(source, timeout)) as src, closing(sqlite3.connect(str(target), timeout=timeout)) as dst:
        src.backup(dst)  # pages=-1: every page at once, so the copy is of one moment


def _pg(tool: str, *args: str) -> None:
    found = _settings()
    env = {**os.environ}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if found.get(key):
            env[variable] = str(found[key])
    command = [_pg_binary(tool), *args, f"--dbname={found['NAME']}"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise InputError(tool, f"{tool} 失败（退出码 {done.returncode}）：{done.stderr.strip()[-2000:]}")


def _pg_binary(tool: str) -> str:
    """Debian's newest PostgreSQL client tool (as new as the server, or newer), else the one on PATH."""
    candidates = sorted(glob(f"/usr/lib/postgresql/*/bin/{tool}"), key=lambda p: int(Path(p).parts[-3]))
    found = candidates[-1] if candidates else shutil.which(tool)
    if found is None:
        raise InputError(tool, f"未找到 {tool}：请安装 PostgreSQL 客户端（Debian 的 postgresql-client 包）。")
    return found

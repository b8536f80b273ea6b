"""What a command does when handling a file fails: one Chinese line for the user, never a traceback.

An input that cannot be read (`InputError`) is exit code 3 with its own message. Any other exception is a
bug in jixiao (exit code 4, `ExitCode.INTERNAL`): the user gets one line naming the file, saying it is an
internal error and where the traceback was written, so it can be sent to the maintainers. `attempt` runs
one file's work and turns either into a `Failure`, for every command alike; the run then goes on with the
next file. The batch and the web application's background jobs record the same line (`internal_error_reason`)
beside the file they name.

The traceback goes to a new file in the first directory that can be written: `$JIXIAO_LOG_DIR`, the user's
state directory (`$XDG_STATE_HOME/jixiao`, by default `~/.local/state/jixiao`), or the system's temporary
directory. Writing it never raises: a log that cannot be written is said so in the same line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from jixiao.core.errors import ExitCode, InputError

T = TypeVar("T")


@dataclass(frozen=True)
class Failure:
    """A file whose handling failed: the exit code it gives and the one line that tells the user."""

    code: ExitCode
    message: str


def attempt(file: str, work: Callable[..., T], *args: object) -> T | Failure:
    """`work(*args)`, or the `Failure` it ends in: exit 3 for an unreadable input, 4 for anything else."""
    try:
        return work(*args)
    except InputError as exc:
        return Failure(ExitCode.UNREADABLE, f"{exc.path}：{exc.message}")
    except Exception as exc:  # a bug: told in one line, its traceback logged
        return Failure(ExitCode.INTERNAL, internal_error(file, exc))


def internal_error(file: str | None, exc: BaseException) -> str:
    """Log `exc` with its traceback and return the line that tells the user (`file` None: no file's own)."""
    return f"{file}：{internal_error_reason(file, exc)}" if file else internal_error_reason(None, exc)


def internal_error_reason(file: str | None, exc: BaseException) -> str:
    """Log `exc` with its traceback and return the line without the file's name, for a place that names the
    file itself (a batch's record, a web job's line of its file)."""
    kind = type(exc).__name__
    try:
        log = write_log(file, exc)
    except Exception as failed:  # telling of one failure must not cause a second
        return f"程序内部错误（{kind}），未能完成。错误详情也无法写入日志（{type(failed).__name__}）。"
    if log is None:
        return f"程序内部错误（{kind}），未能完成。错误详情无法写入日志：没有可写的日志目录。"
    return f"程序内部错误（{kind}），未能完成。错误详情已写入 {log}，请将该文件发给维护人员。"


def log_directories() -> list[Path]:
    """Where a log may go, in order of preference."""
    candidates: list[Path] = []
    configured = os.environ.get("JIXIAO_LOG_DIR")
    if configured:
        candidates.append(Path(configured))
    state = os.environ.get("XDG_STATE_HOME")
    if state:
        candidates.append(Path(state) / "jixiao")
    with contextlib.suppress(RuntimeError):  # no home directory can be determined
        candidates.append(Path.home() / ".local" / "state" / "jixiao")
    candidates.append(Path(tempfile.gettempdir()))
    return candidates


def write_log(file: str | None, exc: BaseException) -> Path | None:
    """Write `exc`'s traceback, with what was run, to a new log file; its path, or None if none is writable."""
    text = _report(file, exc)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for directory in log_directories():
        try:
            directory.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f"jixiao-internal-error-{stamp}-", suffix=".log", dir=directory)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError:
            continue
        return Path(name)
    return None


def _report(file: str | None, exc: BaseException) -> str:
    from jixiao import __version__

    lines = [
        f"jixiao {__version__} internal error, {dt.datetime.now().isoformat(timespec='seconds')}",
        f"python {platform.python_version()} on {platform.platform()}",
        f"command: {' '.join(sys.argv)}",
        f"file: {file or '-'}",
        "",
        *traceback.format_exception(exc),
    ]
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"

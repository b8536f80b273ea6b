"""Real processes for the fault tests (and bench/bench_load.py): the application under gunicorn and the
background worker, each a separate process on the test database, and a small HTTP client that signs in
as a user of the cast by a session made in the database.

The tests that use these are TransactionTestCases: what they write is committed, so the other processes
see it. `database_url()` names the test database for them, SQLite file or PostgreSQL alike.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote, urlencode

from django.db import connection

from tests.support import ROOT

CSRF = "t" * 32  # a CSRF secret of our choosing, sent as the cookie and as the form field alike


def database_url() -> str:
    """The database this test runs on (the test database), as DATABASE_URL for another process."""
    found = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{found['NAME']}"
    password = f":{quote(found['PASSWORD'], safe='')}" if found.get("PASSWORD") else ""
    port = f":{found['PORT']}" if found.get("PORT") else ""
    return f"postgres://{quote(found['USER'], safe='')}{password}@{quote(found['HOST'], safe='')}{port}/{found['NAME']}"


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("JIXIAO_WEB_FAULT", "DJANGO_SETTINGS_MODULE")}
    env.update(DJANGO_SETTINGS_MODULE="jixiao.web.settings.test", DATABASE_URL=database_url(), **extra)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(condition: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}")


def start_worker(**env: str) -> subprocess.Popen[bytes]:
    """`python -m jixiao.web db_worker`, polling often."""
    command = [sys.executable, "-m", "jixiao.web", "db_worker", "--interval", "0.2", "--no-startup-delay", "--no-reload"]
    return subprocess.Popen(command, cwd=ROOT, env=environment(**env), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
    process.wait(timeout=30)


@contextmanager
def app_server(workers: int = 2, **env: str) -> Iterator[int]:
    """The application under gunicorn on a free loopback port (yielded), stopped at the end."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "jixiao.web.wsgi:application", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--timeout", "120", "--graceful-timeout", "2"]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=environment(**env), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(lambda: is_up(port) or server.poll() is not None, 60, "the application to start")
        assert server.poll() is None, server.stderr.read().decode() if server.stderr else "gunicorn exited"
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


def is_up(port: int) -> bool:
    try:
        return Client(port, "").get("/healthz")[0] == 200
    except OSError:
        return False


def session_cookie(user: Any) -> str:
    """A signed-in session for `user`, made in the database as a login makes it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "jixiao.web.accounts.backends.MemberBackend"  # as a login records it
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return str(session.session_key)


class Client:
    """One person's requests to a server on loopback, with their session and a CSRF token."""

    def __init__(self, port: int, session: str, timeout: float = 120) -> None:
        self.port, self.timeout = port, timeout
        self.cookie = f"csrftoken={CSRF}" + (f"; sessionid={session}" if session else "")

    def request(self, method: str, path: str, body: bytes = b"", content_type: str = "") -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Cookie": self.cookie}
        if content_type:
            headers["Content-Type"] = content_type
        try:
            connection.request(method, path, body=body or None, headers=headers)
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def get(self, path: str) -> tuple[int, str]:
        return self.request("GET", path)

    def post(self, path: str, fields: dict[str, Any]) -> tuple[int, str]:
        data = {**fields, "csrfmiddlewaretoken": CSRF}
        return self.request("POST", path, urlencode(data, doseq=True).encode(), "application/x-www-form-urlencoded")

    def upload(self, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[int, str]:
        """A multipart form as a browser sends it."""
        boundary = uuid.uuid4().hex
        parts: list[bytes] = []
        for name, value in {**fields, "csrfmiddlewaretoken": CSRF}.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, content) in files.items():
            head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            parts.append(head.encode() + b"Content-Type: application/octet-stream\r\n\r\n" + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request("POST", path, body, f"multipart/form-data; boundary={boundary}")

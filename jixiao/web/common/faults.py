"""Fault injection for the fault tests: `JIXIAO_WEB_FAULT=kill:POINT` kills this process at POINT.

A real crash (the OOM killer, a power cut, `kill -9` of an app server or a worker) cannot be timed to the
middle of a write from outside; this hook can. The tests start a real server or worker with the variable
set and then look at the database: a write killed at `save` (after every row of a new version is written,
before the transaction commits) must leave nothing of it. Unset, as in every deployment, it does nothing.
`JIXIAO_WEB_FAULT=pause:POINT:SECONDS` waits there instead, so a test can kill the process itself, or
have two requests overlap; `raise:POINT` raises an unexpected error there (a bug, as a test needs one).
"""

from __future__ import annotations

import os
import signal
import time

VARIABLE = "JIXIAO_WEB_FAULT"


def inject(point: str) -> None:
    fault = os.environ.get(VARIABLE)
    if not fault:
        return
    action, _, rest = fault.partition(":")
    where, _, argument = rest.partition(":")
    if where != point:
        return
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "pause":
        time.sleep(float(argument or "1"))
    elif action == "raise":
        raise RuntimeError(f"fault injected by {VARIABLE} at {point}")

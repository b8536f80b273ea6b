"""A workstation or a demo (`make run`): plain HTTP on loopback, the secret key kept in the data directory.

The key is made on first start and written beside the database (mode 0600), so sessions survive a
restart; `DJANGO_SECRET_KEY` overrides it."""

import os
import secrets

from jixiao.web.settings.base import *  # noqa: F403
from jixiao.web.settings.base import DATA


def _local_secret() -> str:
    if os.environ.get("DJANGO_SECRET_KEY"):
        return os.environ["DJANGO_SECRET_KEY"]
    path = DATA / "secret_key"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _local_secret()

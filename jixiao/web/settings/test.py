"""The test suite's settings: local ones with a fixed key, fast password hashing and plain static storage
(no collectstatic needed); the database is the test database pytest-django makes: on SQLite a file of
this test run's own (not in memory), so that the servers and workers the fault tests start as separate
processes open the same database; on PostgreSQL (DATABASE_URL) `test_<name>` on that server."""

import os
import tempfile
from pathlib import Path

from jixiao.web.settings.base import *  # noqa: F403
from jixiao.web.settings.base import DATABASES

SECRET_KEY = "tests-only-not-secret"
DATA = Path(tempfile.gettempdir()) / "jixiao-web-tests"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed: the cast logs in often
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"jixiao-test-{os.getpid()}.sqlite3")}

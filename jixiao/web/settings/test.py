"""The test suite's settings: local ones with a fixed key, fast password hashing and plain static storage
(no collectstatic needed); the database is the test database pytest-django makes."""

import tempfile
from pathlib import Path

from jixiao.web.settings.base import *  # noqa: F403

SECRET_KEY = "tests-only-not-secret"
DATA = Path(tempfile.gettempdir()) / "jixiao-web-tests"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed: the cast logs in often
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

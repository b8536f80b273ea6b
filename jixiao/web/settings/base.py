"""Settings shared by every deployment; each value a deployment may change is read from the environment.

- `JIXIAO_DATA`: the data directory (the SQLite database, the local secret key, collected static files);
  `./data` by default.
- `DATABASE_URL`: a database URL (`postgres://user:pass@host/db`); SQLite in WAL mode under the data
  directory when unset. Nothing in the application depends on which.
- `DJANGO_SECRET_KEY`, `DJANGO_ALLOWED_HOSTS` (comma-separated), `JIXIAO_DEBUG` (1 to show tracebacks).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

WEB = Path(__file__).resolve().parent.parent  # jixiao/web
ROOT = WEB.parent.parent  # the checkout: package.json and node_modules live here
DATA = Path(os.environ.get("JIXIAO_DATA", "data")).resolve()


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = os.environ.get("JIXIAO_DEBUG", "") == "1"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "jixiao.web.common",
    "jixiao.web.accounts",
    "jixiao.web.evaluations",
    "jixiao.web.review",
    "jixiao.web.dashboard",
    "jixiao.web.public",
    "jixiao.web.jobs",  # before django_tasks_db: its db_worker command (with lost jobs taken back) wins
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jixiao.web.common.middleware.DatabaseUnavailableMiddleware",  # a Chinese 503 page, not a traceback
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "jixiao.web.urls"
WSGI_APPLICATION = "jixiao.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jixiao.web.accounts.access.membership_context",
            ],
        },
    },
]


SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    "transaction_mode": "IMMEDIATE",
    "timeout": int(os.environ.get("JIXIAO_SQLITE_TIMEOUT", "20")),
}


def database() -> dict[str, object]:
    """PostgreSQL (or any database) from DATABASE_URL; else SQLite in WAL mode under the data directory.

    WAL lets readers go on while one writer writes; IMMEDIATE transactions take the write lock at BEGIN,
    so two writers queue behind the busy timeout instead of failing with "database is locked". A
    `sqlite:///path` URL gets the same options. Either way a worker keeps its connection between requests
    (CONN_MAX_AGE): opening one, and for SQLite reading the schema again, costs more than most of our
    queries."""
    url = os.environ.get("DATABASE_URL")
    if url:
        found = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if found["ENGINE"] == "django.db.backends.sqlite3":
            found["OPTIONS"] = {**SQLITE_OPTIONS, **found.get("OPTIONS", {})}
        return found
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA / "jixiao.sqlite3",
        "CONN_MAX_AGE": 60,
        "OPTIONS": SQLITE_OPTIONS,
    }


DATABASES = {"default": database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out login before the password is checked
    "jixiao.web.accounts.backends.MemberBackend",  # Django's ModelBackend, reading the membership with the user
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "public:index"

# Login rate limiting: five failures for one user name from one address lock that pair for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Sessions end when the browser closes and after eight hours at most (a working day).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Each process keeps what the board, the dashboard and the review page rendered, under keys that change
# with the data (common/regioncache.py, review/reading.py), so a stale copy is never served. A few hundred
# pages (a review page of a long report is ~100 KB) bound the memory; the least recently used go first.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 300}}}

# Background jobs (jixiao/web/jobs): Django's Tasks API through django-tasks, stored in the database, run
# by `python -m jixiao.web db_worker` on any machine that reaches it. A claimed job whose heartbeat is
# older than JOBS_TIMEOUT seconds is taken back from its (dead) worker, at most JOBS_MAX_ATTEMPTS claims.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
JOBS_TIMEOUT = int(os.environ.get("JIXIAO_JOB_TIMEOUT", "300"))
JOBS_MAX_ATTEMPTS = int(os.environ.get("JIXIAO_JOB_ATTEMPTS", "3"))
MAX_BULK_UPLOAD_BYTES = 200 * 1024 * 1024  # a province's reports in one zip or folder (kept in the database)

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA / "static"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "jixiao.web.common.assets.NodeModulesFinder",  # htmx and ECharts, installed by `npm ci`
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads: a report is read in memory up to this size and refused above it (evaluations/uploads.py);
# Django's own limit on the rest of a request stays at its default.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
FILE_UPLOAD_HANDLERS = [
    "jixiao.web.evaluations.uploads.LimitedUploadHandler",  # stops a file past MAX_UPLOAD_BYTES
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000  # a long indicator table is many fields

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

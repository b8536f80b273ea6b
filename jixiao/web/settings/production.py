"""Production: HTTPS (usually behind a reverse proxy), secrets and hosts only from the environment.

`DJANGO_SECRET_KEY` and `DJANGO_ALLOWED_HOSTS` are required. `python -m jixiao.web check --deploy` is
clean with these settings (tests/web/test_settings.py holds it so)."""

import os

from django.core.exceptions import ImproperlyConfigured

from jixiao.web.settings.base import *  # noqa: F403
from jixiao.web.settings.base import env_list

try:
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
except KeyError:
    raise ImproperlyConfigured("生产环境必须通过环境变量 DJANGO_SECRET_KEY 设置密钥。") from None
if "DJANGO_ALLOWED_HOSTS" not in os.environ:
    raise ImproperlyConfigured("生产环境必须通过环境变量 DJANGO_ALLOWED_HOSTS 设置域名。")

DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # the proxy terminates TLS and says so
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("JIXIAO_PROXY_COUNT", "1"))  # the client address behind the proxy

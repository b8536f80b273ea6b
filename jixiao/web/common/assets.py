"""A static files finder for the front-end libraries `npm ci` installs: htmx and Apache ECharts.

Only the files the pages use are served (not the whole of `node_modules`), under `vendor/`. They are
never fetched from a CDN: `make run` and `make test` install them from the npm registry with the
versions `package-lock.json` pins."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage

VENDOR = {
    "vendor/htmx.min.js": "htmx.org/dist/htmx.min.js",
    "vendor/echarts.min.js": "echarts/dist/echarts.min.js",
}


def node_modules() -> Path:
    return Path(getattr(settings, "NODE_MODULES", settings.ROOT / "node_modules"))


class NodeModulesFinder(BaseFinder):
    def check(self, **kwargs: Any) -> list[Error]:
        missing = [name for name, rel in VENDOR.items() if not (node_modules() / rel).is_file()]
        if missing:
            return [Error(f"前端库未安装（{'、'.join(missing)}）：请运行 npm ci（make run 会运行）。", id="jixiao.E001")]
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str]:
        rel = VENDOR.get(path)
        if rel is None or not (node_modules() / rel).is_file():
            return [] if find_all else ""
        found = str(node_modules() / rel)
        return [found] if find_all else found

    def list(self, ignore_patterns: Any) -> Any:
        storage = _VendorStorage(location=str(node_modules()))
        for name, rel in VENDOR.items():
            if (node_modules() / rel).is_file():
                yield name, storage


class _VendorStorage(FileSystemStorage):
    """node_modules seen under the vendor/ names, so collectstatic copies each file to its served name."""

    def path(self, name: str) -> str:
        return super().path(VENDOR.get(name, name))

"""The results a batch has finished, kept in its output folder so that a re-run skips them.

One JSON file per file processed, under `OUT/.jixiao-batch/<jixiao version>/<rulebook and settings>/`,
named by the SHA-256 of the file's bytes and of its name (findings quote the name, so a renamed copy is
processed again). Each is written atomically by the worker that made it, so an interrupt leaves either the
whole record or none; a record that cannot be read back is simply made again. A new jixiao version, another
rulebook or other settings start a fresh folder: what they give may differ. Internal errors are not kept:
a re-run tries the file again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from jixiao import __version__
from jixiao.atomic import write_atomic
from jixiao.batch.record import FIELDS, INTERNAL_ERROR, Record
from jixiao.checks import Settings
from jixiao.scoring.rulebook import Rulebook

FOLDER = ".jixiao-batch"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Store:
    def __init__(self, output: Path, rulebook: Rulebook | None, settings: Settings) -> None:
        named = rulebook.model_dump(mode="json") if rulebook is not None else "by kind"
        basis = json.dumps(
            {"rulebook": named, "over_achievement": str(settings.over_achievement)},
            ensure_ascii=False,
            sort_keys=True,
        )
        self.folder = output / FOLDER / __version__ / content_hash(basis.encode("utf-8"))[:16]

    def _path(self, name: str, sha256: str) -> Path:
        return self.folder / f"{sha256}-{content_hash(name.encode('utf-8'))[:16]}.json"

    def get(self, name: str, sha256: str) -> Record | None:
        """The kept record of this file, or None (never kept, or unreadable: it is made again)."""
        try:
            record = json.loads(self._path(name, sha256).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict) or tuple(record) != FIELDS:
            return None
        return record

    def put(self, record: Record) -> None:
        if record["status"] == INTERNAL_ERROR or record["sha256"] is None:
            return
        write_atomic(self._path(record["file"], record["sha256"]), json.dumps(record, ensure_ascii=False))

"""What a bureau's page computes from its whole region (the board, the dashboard, the region's years),
kept in the cache under the region's data version.

The version is read with the user's membership at the start of every request (no query of its own) and
changes whenever a unit, an evaluation or a year's settings of the region is saved or deleted
(accounts/models.py), so a kept result is never served after the data under it changed, and thousands
of rows are read again after a change, not on every view. The pages keep what they rendered with the
template's `{% cache %}` under `page_key`, and compute nothing until that finds no copy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.http import HttpRequest

from jixiao.web.accounts.models import Region

T = TypeVar("T")
KEPT_FOR = 10 * 60  # seconds; the version changes with the data, this only bounds the memory kept


def page_key(region: Region, request: HttpRequest) -> str:
    """The region as its data stand, the page's query (year, filters, page) and today's date (the days left
    to a deadline)."""
    return f"{region.pk}:{region.data_version}:{dt.date.today().isoformat()}:{request.GET.urlencode()}"


def kept(region: Region, name: str, compute: Callable[[], T]) -> T:
    """`compute()` for this region as its data stand: from the cache when it was computed already."""
    return cache.get_or_set(f"{name}:{region.pk}:{region.data_version}", compute, KEPT_FOR)

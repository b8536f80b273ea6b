"""Template filters for the formats in common/formats.py and for field paths as HTML ids."""

from __future__ import annotations

from typing import Any

from django import template

from jixiao.web.common import formats
from jixiao.web.common.paths import field_id

register = template.Library()

register.filter("money", formats.money)
register.filter("num", formats.decimal_text)
register.filter("cn_date", formats.cn_date)
register.filter("field_id", field_id)


@register.filter
def get(mapping: Any, key: Any) -> Any:
    """`mapping|get:key`, for dictionaries keyed by field paths."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None

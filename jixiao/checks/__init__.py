"""The checker: every family of checks registers its rules on import; `run_checks` runs them all.

Each family is a module of small named check functions in `families/` (see `registry.py`).
"""

from jixiao.checks import families  # noqa: F401  (registers every rule)
from jixiao.checks.registry import RULES, Look, Settings, rule
from jixiao.checks.runner import CheckReport, run_checks

__all__ = ["RULES", "CheckReport", "Look", "Settings", "rule", "run_checks"]

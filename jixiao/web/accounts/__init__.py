"""Regions, organisations (finance bureaus and budget units), memberships with a role, the year's
settings, and the access helpers every view goes through (access.py)."""

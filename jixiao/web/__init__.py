"""The web application: units fill in and submit their self-evaluations, the finance bureau reviews,
ranks and publishes them, the public reads what is published.

A Django project, one app per concern: `accounts` (regions, organisations, memberships and roles, the
access helpers), `evaluations` (a unit's evaluations, their versions and history, the workflow, editing
and uploads), `review` (the bureau's board, review and comments), `dashboard` (charts and exports) and
`public` (published reports and open data); `common` holds the templates, static files and formats they
share. The web layer adds no domain logic: it imports, checks, scores and renders through the same
functions the `jixiao` command calls.
"""

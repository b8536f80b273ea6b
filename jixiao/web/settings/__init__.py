"""Settings: `base` (everything shared, read from the environment), `local` (make run, a workstation:
plain HTTP on loopback), `production` (HTTPS behind a proxy; `check --deploy` clean) and `test`."""

"""Batch work: `jixiao batch` imports, checks and scores a whole folder of reports in parallel processes.

`run.run_batch` is the entry point; `inputs` finds the files (folders, zips), `worker` and `pool` process
them, `store` keeps finished results for re-runs, `record` is one file's result, `outputs` and `overview`
write the workbook, CSV, JSON lines and HTML page. Output formats: docs/batch.md.
"""

from jixiao.batch.run import Batch, run_batch

__all__ = ["Batch", "run_batch"]

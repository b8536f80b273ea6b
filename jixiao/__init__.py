"""jixiao (绩效): 部门整体支出绩效自评 — import, check, score and render a unit's annual self-evaluation.

The public face is small: `jixiao.io.load_report` turns a file into an `Evaluation` with its sources,
`jixiao.io.canonical` reads and prints the canonical YAML/JSON forms.
"""

__version__ = "0.1.0"

"""Importers and the canonical reader-printer: files in, `Evaluation` out, and back to YAML/JSON."""

from jixiao.io.load import load_report

__all__ = ["load_report"]

"""Helpers that drive external programs (LibreOffice) on behalf of the readers, tests and benchmarks."""

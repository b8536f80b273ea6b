"""Renderers: an evaluation and its scorecard as documents for people (the 自评表 in Excel, …)."""

"""What everyone may read: the published reports of a region by year (HTML, PDF, docx) and the region's
published figures as CSV and JSON under one documented schema (opendata.py)."""

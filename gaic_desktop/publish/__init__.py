"""Publishable forms of a report: Word document and portal web page (adapters over core)."""

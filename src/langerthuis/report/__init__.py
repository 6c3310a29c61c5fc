"""The yearly report: an edition of the monitor as one HTML document and as PDF, with the
structure of the published monitor. It renders the snapshot's report view, built from the
same views as the website, so every figure and chart is the one the site shows."""
from .render import report_html, report_pdf

__all__ = ["report_html", "report_pdf"]

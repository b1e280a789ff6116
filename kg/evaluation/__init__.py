"""Measuring the extractors: acceptance checks and corpus scores (``kg eval``)."""

"""URLs of the unit pages (pure; other plugins import ``unit_url``)."""

from __future__ import annotations

INDEX_URL = "don-vi/"
INDEX_SAVE_AS = "don-vi/index.html"


def unit_url(unit_id: str) -> str:
    """``tam-duong`` → ``don-vi/tam-duong/`` (relative to SITEURL)."""
    return f"don-vi/{unit_id}/"


def unit_save_as(unit_id: str) -> str:
    return unit_url(unit_id) + "index.html"

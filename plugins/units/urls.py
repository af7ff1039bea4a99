"""URLs of the unit pages: the ``UNITS_*_URL`` / ``*_SAVE_AS`` settings formatted by ``portal.urls``.

Without ``settings`` the plugin's defaults are used. Other plugins and
templates do not import this: they ask ``portal.urls`` (``url_for("unit", id=...)``).
"""

from __future__ import annotations

from portal.urls import SiteUrls

from .settings import DEFAULTS


def _urls(settings: dict | None) -> SiteUrls:
    return SiteUrls(settings if settings is not None else DEFAULTS)


def index_url(settings: dict | None = None) -> str:
    return _urls(settings).url("units")


def index_save_as(settings: dict | None = None) -> str:
    return _urls(settings).save_as("units")


def unit_url(unit_id: str, settings: dict | None = None) -> str:
    """``tam-duong`` → ``don-vi/tam-duong/`` (relative to SITEURL)."""
    return _urls(settings).url("unit", id=unit_id)


def unit_save_as(unit_id: str, settings: dict | None = None) -> str:
    return _urls(settings).save_as("unit", id=unit_id)

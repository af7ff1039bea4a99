"""The URL and output path of every kind of page, formatted from the settings.

Pure: no Pelican import; plain dicts in, strings out. Each concern declares
its URL patterns once, as ``*_URL`` / ``*_SAVE_AS`` settings with their
defaults in its plugin's ``settings.py`` (Pelican's own pages: Pelican's
``ARCHIVES_URL``, ``TAG_URL``, ``PAGE_URL``…). :data:`KINDS` says which
settings make which kind of page; plugins and templates ask for a kind instead
of writing a path::

    urls = SiteUrls(settings)
    urls.url("campaign", id="tet-sum-vay")             # "chien-dich/tet-sum-vay/"
    urls.save_as("edition", id="tet-sum-vay", year=2025)
    urls.url("feed_unit_rss", id="tam-duong")          # "feeds/don-vi/tam-duong.rss.xml"
    urls.url("year_archive", year=2025)                # YEAR_ARCHIVE_URL with {date:%Y}

URLs are relative to ``SITEURL`` (templates write
``{{ SITEURL }}/{{ url_for(kind, ...) }}``); ``"index"`` (the home page) is
``""``. A kind has no URL (``None``) when its page is not written: its
settings are missing (the owning plugin is not in ``PLUGINS``), its
``*_SAVE_AS`` is empty, its switch is off (``SEARCH_ENABLED``) or, for
Pelican's direct templates, it is not in ``DIRECT_TEMPLATES``.

Templates get :func:`template_globals`: ``url_for(kind, **args)`` and
``url_current(output_file, kind, section=False, **args)`` (the value of
``aria-current`` for a menu link: ``"page"`` on that very page, ``"true"``
inside its folder when ``section``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


class UrlError(ValueError):
    """An unknown kind of page, or a URL pattern that needs an argument not given."""


@dataclass(frozen=True)
class Kind:
    """Which settings make one kind of page."""

    owner: str                    # who declares the settings: "pelican" or the plugin
    url: str | None               # setting with the URL pattern (None: the site root)
    save_as: str                  # setting with the output path pattern
    args: tuple[str, ...] = ()    # what the patterns need
    switch: str | None = None     # a setting that turns the page off when false
    direct: str | None = None     # a Pelican direct template, written only if in DIRECT_TEMPLATES


def _feeds() -> dict[str, Kind]:
    """``feed_<scope>_<rss|atom>``: a feed file's URL is its output path."""
    scopes = {"site": (), "campaign": ("id",), "edition": ("id", "year"), "unit": ("id",), "category": ("slug",)}
    out = {}
    for scope, args in scopes.items():
        for fmt in ("rss", "atom"):
            key = f"FEEDS_{scope.upper()}_{fmt.upper()}"
            out[f"feed_{scope}_{fmt}"] = Kind("feeds", key, key, args)
    return out


KINDS: dict[str, Kind] = {
    # Pelican's own pages (Pelican's settings).
    "index": Kind("pelican", None, "INDEX_SAVE_AS"),
    "page": Kind("pelican", "PAGE_URL", "PAGE_SAVE_AS", ("slug",)),
    "archives": Kind("pelican", "ARCHIVES_URL", "ARCHIVES_SAVE_AS", direct="archives"),
    "year_archive": Kind("pelican", "YEAR_ARCHIVE_URL", "YEAR_ARCHIVE_SAVE_AS", ("year",)),
    "categories": Kind("pelican", "CATEGORIES_URL", "CATEGORIES_SAVE_AS", direct="categories"),
    "category": Kind("pelican", "CATEGORY_URL", "CATEGORY_SAVE_AS", ("slug",)),
    "tags": Kind("pelican", "TAGS_URL", "TAGS_SAVE_AS", direct="tags"),
    "tag": Kind("pelican", "TAG_URL", "TAG_SAVE_AS", ("slug",)),
    "authors": Kind("pelican", "AUTHORS_URL", "AUTHORS_SAVE_AS", direct="authors"),
    "author": Kind("pelican", "AUTHOR_URL", "AUTHOR_SAVE_AS", ("slug",)),
    # plugins/campaigns
    "campaigns": Kind("campaigns", "CAMPAIGNS_INDEX_URL", "CAMPAIGNS_INDEX_SAVE_AS"),
    "campaign": Kind("campaigns", "CAMPAIGNS_CAMPAIGN_URL", "CAMPAIGNS_CAMPAIGN_SAVE_AS", ("id",)),
    "edition": Kind("campaigns", "CAMPAIGNS_EDITION_URL", "CAMPAIGNS_EDITION_SAVE_AS", ("id", "year")),
    # plugins/units
    "units": Kind("units", "UNITS_INDEX_URL", "UNITS_INDEX_SAVE_AS"),
    "unit": Kind("units", "UNITS_UNIT_URL", "UNITS_UNIT_SAVE_AS", ("id",)),
    # plugins/quotas
    "quotas": Kind("quotas", "QUOTAS_URL", "QUOTAS_SAVE_AS"),
    "quota_year": Kind("quotas", "QUOTAS_YEAR_URL", "QUOTAS_YEAR_SAVE_AS", ("year",)),
    "quota_unit": Kind("quotas", "QUOTAS_UNIT_URL", "QUOTAS_UNIT_SAVE_AS", ("year", "unit")),
    "quota_csv": Kind("quotas", "QUOTAS_CSV_URL", "QUOTAS_CSV_SAVE_AS", ("year",)),
    "quota_xlsx": Kind("quotas", "QUOTAS_XLSX_URL", "QUOTAS_XLSX_SAVE_AS", ("year",)),
    # plugins/royalties
    "royalties": Kind("royalties", "ROYALTIES_URL", "ROYALTIES_SAVE_AS"),
    "royalty_year": Kind("royalties", "ROYALTIES_YEAR_URL", "ROYALTIES_YEAR_SAVE_AS", ("year",)),
    "royalty_csv": Kind("royalties", "ROYALTIES_CSV_URL", "ROYALTIES_CSV_SAVE_AS", ("year",)),
    "royalty_xlsx": Kind("royalties", "ROYALTIES_XLSX_URL", "ROYALTIES_XLSX_SAVE_AS", ("year",)),
    # plugins/calendar
    "calendar": Kind("calendar", "CALENDAR_URL", "CALENDAR_SAVE_AS"),
    "calendar_ics": Kind("calendar", "CALENDAR_ICS_URL", "CALENDAR_ICS_SAVE_AS"),
    # plugins/feeds
    "follow": Kind("feeds", "FEEDS_FOLLOW_URL", "FEEDS_FOLLOW_SAVE_AS"),
    **_feeds(),
    # plugins/search
    "search": Kind("search", "SEARCH_URL", "SEARCH_SAVE_AS", switch="SEARCH_ENABLED"),
}


@dataclass(frozen=True)
class SiteUrls:
    """URLs (relative to ``SITEURL``) and output paths of one build, from its settings."""

    settings: dict

    def kind(self, kind: str) -> Kind:
        try:
            return KINDS[kind]
        except KeyError:
            raise UrlError(f"unknown kind of page «{kind}» (known: {', '.join(sorted(KINDS))})") from None

    def written(self, kind: str) -> bool:
        """Whether this build writes pages of ``kind``."""
        k, s = self.kind(kind), self.settings
        if k.url is not None and k.url not in s:
            return False
        if not s.get(k.save_as):
            return False
        if k.switch is not None and not s.get(k.switch):
            return False
        if k.direct is not None and k.direct not in (s.get("DIRECT_TEMPLATES") or ()):
            return False
        return True

    def url(self, kind: str, **args) -> str | None:
        """The URL of a page of ``kind`` (None if this build does not write it)."""
        k = self.kind(kind)
        if not self.written(kind):
            return None
        if k.url is None:
            return ""
        return self._format(kind, k.url, args)

    def save_as(self, kind: str, **args) -> str | None:
        """The output path of a page of ``kind`` (None if this build does not write it)."""
        k = self.kind(kind)
        if not self.written(kind):
            return None
        return self._format(kind, k.save_as, args)

    def current(self, output_file: str, kind: str, section: bool = False, **args) -> str | None:
        """``aria-current`` of a link to ``kind`` on the page written to ``output_file``.

        ``"page"`` if that page is the link's page; with ``section``, ``"true"``
        if it is inside the folder of the link's page (``chien-dich/x/`` for
        ``chien-dich/``); else None. Compares output paths, so it follows any
        URL setting.
        """
        target = self.save_as(kind, **args)
        here = (output_file or "").replace("\\", "/")
        if target is None or not here:
            return None
        if here == target:
            return "page"
        folder = target.rsplit("/", 1)[0] + "/" if "/" in target else ""
        if section and folder and here.startswith(folder):
            return "true"
        return None

    def _format(self, kind: str, key: str, args: dict) -> str:
        values = {"lang": self.settings.get("DEFAULT_LANG", ""), **args}
        if "year" in args and "date" not in args:
            values["date"] = dt.date(int(args["year"]), 1, 1)  # Pelican's period patterns: {date:%Y}
        try:
            return str(self.settings[key]).format(**values)
        except (KeyError, IndexError) as exc:
            raise UrlError(f"{key} = «{self.settings[key]}» needs {exc} (url_for({kind!r}) was given "
                           f"{', '.join(args) or 'nothing'})") from None


def template_globals(settings: dict) -> dict:
    """The Jinja globals every plugin that owns URLs installs (the same functions,
    so it does not matter which of those plugins are enabled)."""
    urls = SiteUrls(settings)
    return {"url_for": urls.url, "url_current": urls.current}

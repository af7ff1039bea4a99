"""Signal handlers of the vietnamese plugin (thin wrappers)."""

from __future__ import annotations

from portal import dates, text
from .reader import NFCMarkdownReader, close_memo, start_helper, stop_helper

FILTERS = {
    "vn_date": dates.vn_date,
    "vn_datetime": dates.vn_datetime,
    "vn_long_date": dates.vn_long_date,
    "vn_month": dates.vn_month,
    "iso_date": dates.iso,
    "vn_number": dates.number,
    "vn_sorted": lambda items, attr=None: sorted(
        items, key=lambda i: text.sort_key(str(getattr(i, attr) if attr else i))
    ),
    "vn_slugify": text.slugify,
}


def use_nfc_reader(readers) -> None:
    for ext in NFCMarkdownReader.file_extensions:
        readers.reader_classes[ext] = NFCMarkdownReader


def add_filters(generator) -> None:
    generator.env.filters.update(FILTERS)


def save_memo(pelican) -> None:
    """``finalized``: keep this run's Markdown conversions for the next build."""
    close_memo(pelican.settings)


def convert_ahead(generator) -> None:
    """``article_generator_init`` (after the contract validated, before reading): the articles' bodies (from the facts the
    contract validated) start being converted by a helper process too."""
    portal = generator.settings.get("PORTAL")
    records = getattr(portal, "records", None) or {}
    start_helper(generator.settings, [facts.header.body for facts in records.values()
                                      if getattr(facts, "header", None) is not None])


def end_helper(generator) -> None:
    """``article_generator_finalized``: every article is read; the helper stops."""
    stop_helper(generator.settings)

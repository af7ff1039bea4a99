"""Signal handlers of the vietnamese plugin (thin wrappers)."""

from __future__ import annotations

from portal import dates, text
from .reader import NFCMarkdownReader, close_memo

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

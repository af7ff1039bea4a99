"""Settings: each plugin declares its defaults once; they are merged here."""

from __future__ import annotations

import difflib
import logging

logger = logging.getLogger(__name__)


def merge_defaults(settings: dict, defaults: dict, prefix: str) -> None:
    """Fill missing settings from ``defaults``; warn about unknown ``prefix`` keys."""
    for key, value in defaults.items():
        settings.setdefault(key, value)
    for key in settings:
        if key.startswith(prefix) and key not in defaults:
            near = difflib.get_close_matches(key, list(defaults), n=1)
            logger.warning("Unknown setting %s%s", key, f" (did you mean {near[0]}?)" if near else "")

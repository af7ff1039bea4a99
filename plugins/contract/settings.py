"""Plugin settings: every default declared once, merged at ``initialized``."""

from __future__ import annotations

import difflib
import logging

logger = logging.getLogger(__name__)

DEFAULTS = {
    # The day the build considers "today" (None = today in Vietnam). Fix it in
    # tests so scheduled articles, campaign status and quota pace are stable.
    "PORTAL_BUILD_DATE": None,
    "CONTRACT_DATA_DIR": "data",
    "CONTRACT_ARTICLES_DIR": "articles",
    # Checks other plugins add to `invoke check` and the build: "module:function".
    "CONTRACT_EXTRA_CHECKS": ["images.checks:check_images", "campaigns.checks:check_campaigns",
                              "quotas.checks:check_roster_names"],
}


def merge_defaults(settings: dict, defaults: dict, prefix: str) -> None:
    """Fill missing settings from ``defaults``; warn about unknown ``prefix`` keys."""
    for key, value in defaults.items():
        settings.setdefault(key, value)
    for key in settings:
        if key.startswith(prefix) and key not in defaults:
            near = difflib.get_close_matches(key, list(defaults), n=1)
            logger.warning("Unknown setting %s%s", key, f" (did you mean {near[0]}?)" if near else "")

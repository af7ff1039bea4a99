"""Plugin settings: every default declared once, merged at ``initialized``."""

from __future__ import annotations

from portal.settings import merge_defaults  # noqa: F401  (re-exported)

DEFAULTS = {
    # The day the build considers "today" (None = today in Vietnam). Fix it in
    # tests so scheduled articles, campaign status and quota pace are stable.
    "PORTAL_BUILD_DATE": None,
    "CONTRACT_DATA_DIR": "data",
    "CONTRACT_ARTICLES_DIR": "articles",
    # Checks other plugins add to `invoke check` and the build: "module:function".
    "CONTRACT_EXTRA_CHECKS": ["plugins.images.checks:check_images", "plugins.campaigns.checks:check_campaigns",
                              "plugins.quotas.checks:check_roster_names"],
}

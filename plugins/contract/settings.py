"""Plugin settings: every default declared once, merged at ``initialized``."""

from __future__ import annotations


DEFAULTS = {
    # The day the build considers "today" (None = today in Vietnam). Fix it in
    # tests so scheduled articles, campaign status and quota pace are stable.
    "PORTAL_BUILD_DATE": None,
    "CONTRACT_DATA_DIR": "data",
    "CONTRACT_ARTICLES_DIR": "articles",
    # Extra checks for `invoke check` and the build ("module:function"). None:
    # the checks that the enabled plugins declare (CHECKS in their settings.py).
    "CONTRACT_EXTRA_CHECKS": None,
}

"""Settings of the units plugin: every default declared once."""

DEFAULTS = {
    # Articles per unit page (pagination uses PAGINATION_PATTERNS: don-vi/<id>/trang/N/).
    "UNITS_PER_PAGE": 12,
}

"""Settings of the units plugin: every default declared once."""

DEFAULTS = {
    # Articles per unit page (pagination uses PAGINATION_PATTERNS: don-vi/<id>/trang/N/).
    "UNITS_PER_PAGE": 12,
    # Pages (all ASCII). {id} is the unit id from units.yml.
    "UNITS_INDEX_URL": "don-vi/",
    "UNITS_INDEX_SAVE_AS": "don-vi/index.html",
    "UNITS_UNIT_URL": "don-vi/{id}/",
    "UNITS_UNIT_SAVE_AS": "don-vi/{id}/index.html",
}

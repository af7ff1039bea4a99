"""Settings of the quotas plugin: every default declared once."""

DEFAULTS = {
    # Whether the public navigation (theme/templates/base.html) links to the
    # quota pages. The pages are built either way, always noindex and left out
    # of the sitemap and the search index.
    "QUOTAS_IN_NAVIGATION": True,
    # *_URL / *_SAVE_AS pairs; {year} and {unit} (a unit id) are filled in.
    "QUOTAS_URL": "chi-tieu/",
    "QUOTAS_SAVE_AS": "chi-tieu/index.html",
    "QUOTAS_YEAR_URL": "chi-tieu/{year}/",
    "QUOTAS_YEAR_SAVE_AS": "chi-tieu/{year}/index.html",
    "QUOTAS_UNIT_URL": "chi-tieu/{year}/{unit}/",
    "QUOTAS_UNIT_SAVE_AS": "chi-tieu/{year}/{unit}/index.html",
    "QUOTAS_CSV_URL": "chi-tieu/{year}.csv",
    "QUOTAS_CSV_SAVE_AS": "chi-tieu/{year}.csv",
    # The board's spreadsheet (one sheet per view: units, contributors, months).
    "QUOTAS_XLSX_URL": "chi-tieu/{year}.xlsx",
    "QUOTAS_XLSX_SAVE_AS": "chi-tieu/{year}.xlsx",
}

# Run by `invoke check` and at the start of every build (portal.settings.declared_checks).
CHECKS = ["plugins.quotas.checks:check_roster_names"]

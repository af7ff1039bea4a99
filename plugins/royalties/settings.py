"""Settings of the royalties plugin: every default declared once."""

DEFAULTS = {
    # The rate table, relative to the content folder. No file: no royalty report.
    "ROYALTIES_RATES": "data/nhuan-but.yml",
    # *_URL / *_SAVE_AS pairs ({year} is filled in). Pages are noindex, never in
    # the sitemap, the search index or the public menu.
    "ROYALTIES_URL": "nhuan-but/",
    "ROYALTIES_SAVE_AS": "nhuan-but/index.html",
    "ROYALTIES_YEAR_URL": "nhuan-but/{year}/",
    "ROYALTIES_YEAR_SAVE_AS": "nhuan-but/{year}/index.html",
    "ROYALTIES_CSV_URL": "nhuan-but/{year}.csv",
    "ROYALTIES_CSV_SAVE_AS": "nhuan-but/{year}.csv",
    "ROYALTIES_XLSX_URL": "nhuan-but/{year}.xlsx",
    "ROYALTIES_XLSX_SAVE_AS": "nhuan-but/{year}.xlsx",
    # From this many published articles on, the CSV and XLSX files are written
    # by a forked child while the build goes on (the same bytes); 0 = never.
    "ROYALTIES_FORK_FROM": 2000,
}

# Run by `invoke check` and at the start of every build (portal.settings.declared_checks).
CHECKS = ["plugins.royalties.checks:check_royalties"]

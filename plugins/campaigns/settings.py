"""Settings of the campaigns plugin: every default declared once.

Merged into Pelican's settings at ``initialized``; unknown ``CAMPAIGNS_``
keys are reported with the closest known name.
"""

DEFAULTS = {
    # Home page: highlight campaigns running on the build date and those whose
    # next edition starts within this many days.
    "CAMPAIGNS_UPCOMING_DAYS": 30,
    # Articles per landing / edition page; more go to .../trang/N/.
    "CAMPAIGNS_PAGINATION": 12,
    # Folder under content/ with optional landing prose, one <id>.md each.
    "CAMPAIGNS_PROSE_DIR": "campaigns",
    # Pages (all ASCII). {id} is the campaign id, {year} the edition year.
    "CAMPAIGNS_INDEX_URL": "chien-dich/",
    "CAMPAIGNS_INDEX_SAVE_AS": "chien-dich/index.html",
    "CAMPAIGNS_CAMPAIGN_URL": "chien-dich/{id}/",
    "CAMPAIGNS_CAMPAIGN_SAVE_AS": "chien-dich/{id}/index.html",
    "CAMPAIGNS_EDITION_URL": "chien-dich/{id}/{year}/",
    "CAMPAIGNS_EDITION_SAVE_AS": "chien-dich/{id}/{year}/index.html",
}

# The writer paginates a template only if it is listed in PAGINATED_TEMPLATES.
TEMPLATE = "campaign"
INDEX_TEMPLATE = "campaigns"

# Run by `invoke check` and at the start of every build (portal.settings.declared_checks).
CHECKS = ["plugins.campaigns.checks:check_campaigns"]

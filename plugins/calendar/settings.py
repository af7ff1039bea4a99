"""Settings of the calendar plugin: every default declared once."""

DEFAULTS = {
    "CALENDAR_URL": "lich-bien-tap/",
    "CALENDAR_SAVE_AS": "lich-bien-tap/index.html",
    "CALENDAR_ICS_URL": "lich-bien-tap.ics",
    "CALENDAR_ICS_SAVE_AS": "lich-bien-tap.ics",
    # Key dates are listed for the build year and this many years after it
    # (campaign editions: all of them).
    "CALENDAR_YEARS_AHEAD": 1,
}

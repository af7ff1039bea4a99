"""Settings of the vietnamese plugin: every default declared once."""

DEFAULTS = {
    # From this many Markdown bodies to convert (none of them in the memo of
    # earlier builds) on, a forked helper converts bodies alongside Pelican's
    # reading (ahead.py); 0 = never (the HTML is the same either way).
    "VIETNAMESE_HELPER_FROM": 2000,
}

CHECKS = ["plugins.vietnamese.checks:check_settings"]

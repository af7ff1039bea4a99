"""Settings of the buildstamp plugin: every default declared once."""

DEFAULTS = {
    # None: the moment of the build, Vietnam time — except when
    # PORTAL_BUILD_DATE fixes another day (tests, rebuilding the past), then
    # that date alone, so the output stays reproducible. Or "YYYY-MM-DD HH:MM".
    "BUILDSTAMP_AT": None,
}

CHECKS = ["plugins.buildstamp.checks:check_settings"]

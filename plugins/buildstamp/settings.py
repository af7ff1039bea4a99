"""Settings of the buildstamp plugin: every default declared once."""

DEFAULTS = {
    # None: the moment of the build, Vietnam time — except when
    # PORTAL_BUILD_DATE fixes another day (tests, rebuilding the past), then
    # that date alone, so the output stays reproducible. Or "YYYY-MM-DD HH:MM".
    "BUILDSTAMP_AT": None,
    # "minute" (production) or "day": a preview build (pelicanconf.py) shows
    # the day only, so rebuilding within a day changes no page that did not
    # change (plugins/render re-renders every page when the stamp changes).
    "BUILDSTAMP_PRECISION": "minute",
}

CHECKS = ["plugins.buildstamp.checks:check_settings"]

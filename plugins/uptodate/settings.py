"""Settings of the uptodate plugin: every default declared once."""

DEFAULTS = {
    # False: always run the whole build (the page record of plugins/render
    # still spares unchanged pages).
    "UPTODATE_ENABLED": True,
    # Where the record of the last successful build is kept ("" = <content>/../.cache/uptodate).
    "UPTODATE_RECORD_DIR": "",
}

CHECKS = ["plugins.uptodate.checks:check_settings"]

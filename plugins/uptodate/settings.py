"""Settings of the uptodate plugin: every default declared once."""

DEFAULTS = {
    # False: always run the whole build (the page record of plugins/render
    # still spares unchanged pages).
    "UPTODATE_ENABLED": True,
    # A body-only edit of at most this many articles is patched into the live
    # output (plugins/uptodate/patching.py); 0: always build everything.
    "UPTODATE_PATCH_MAX": 20,
    # Where the record of the last successful build is kept ("" = <content>/../.cache/uptodate).
    "UPTODATE_RECORD_DIR": "",
}

CHECKS = ["plugins.uptodate.checks:check_settings"]

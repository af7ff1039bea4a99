"""Settings of the fingerprint plugin: every default declared once."""

DEFAULTS = {
    "FINGERPRINT_ENABLED": False,          # publishconf.py turns it on
    "FINGERPRINT_SUFFIXES": [".css", ".js"],
}

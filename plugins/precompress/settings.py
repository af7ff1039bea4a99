"""Settings of the precompress plugin: every default declared once."""

DEFAULTS = {
    "PRECOMPRESS_ENABLED": False,
    "PRECOMPRESS_MIN_BYTES": 256,   # nginx's gzip_min_length in deploy/nginx.conf
    "PRECOMPRESS_SUFFIXES": [".html", ".css", ".js", ".xml", ".json", ".csv", ".svg", ".txt",
                             ".webmanifest", ".ics"],
}

"""Settings of the precompress plugin: every default declared once."""

DEFAULTS = {
    "PRECOMPRESS_ENABLED": False,
    # Brotli quality of the .br copies (nginx's brotli_static); None: gzip only.
    # 5 is about as fast as gzip -9 and a little smaller; 11 is ~5% smaller
    # again but some 50 times slower (minutes at 10,000 articles).
    "PRECOMPRESS_BROTLI_QUALITY": 5,
    "PRECOMPRESS_MIN_BYTES": 256,   # nginx's gzip_min_length in deploy/nginx.conf
    "PRECOMPRESS_SUFFIXES": [".html", ".css", ".js", ".xml", ".json", ".csv", ".svg", ".txt",
                             ".webmanifest", ".ics"],
}

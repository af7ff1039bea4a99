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
    # Files with these suffixes get only the .br copy (while brotli is on):
    # every browser in use asks for brotli, and nginx gzips the page on the
    # fly (`gzip on`, level 6: the same size as gzip -9 for a page) for a
    # client that does not. Pages are most of a build's files: a .gz twin of
    # each is a file and a compression per page (a tenth of rendering one).
    # Feeds, sitemaps, CSS and JS keep both copies (feed readers ask for gzip).
    "PRECOMPRESS_BROTLI_ONLY": [".html"],
}

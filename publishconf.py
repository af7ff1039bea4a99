"""Production settings: ``pelican content -s publishconf.py -o DIR``."""

import os
from pathlib import Path

# Everything from pelicanconf.py (read by path: no sys.path edit), then production overrides.
_BASE = Path(__file__).resolve().with_name("pelicanconf.py")
exec(compile(_BASE.read_text(encoding="utf-8"), str(_BASE), "exec"))

SITEURL = os.environ.get("PORTAL_SITEURL", "https://congdoanlaichau.example.vn")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Pre-compressed .gz copies for nginx's gzip_static (deploy/nginx.conf).
PRECOMPRESS_ENABLED = True
BUILDSTAMP_PRECISION = "minute"  # production pages say when, to the minute
# theme/css/site-<hash>.css (static_url in templates), cached for a year by nginx.
FINGERPRINT_ENABLED = True

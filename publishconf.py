"""Production settings: ``pelican content -s publishconf.py -o DIR``."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("PORTAL_SITEURL", "https://congdoanlaichau.example.vn")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Pre-compressed .gz copies for nginx's gzip_static (deploy/nginx.conf).
PRECOMPRESS_ENABLED = True

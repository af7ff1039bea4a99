"""Pelican settings for the portal (development). See publishconf.py for production."""

from pathlib import Path

# The plugins (`plugins.*`) and the domain core (`portal`) are installed with
# the project (`pip install -e .`, done by scripts/bootstrap.sh).
ROOT = Path(__file__).resolve().parent

AUTHOR = "Ban biên tập"
SITENAME = "Công đoàn Lai Châu"
SITESUBTITLE = "Cổng thông tin điện tử Liên đoàn Lao động tỉnh Lai Châu"
SITEURL = "http://127.0.0.1:8000"
RELATIVE_URLS = False
# Address, hotline, e-mail, licence… of the federation: content/data/identity.yml
# (portal.identity), not settings.

PATH = str(ROOT / "content")
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
ARTICLE_EXCLUDES = []
PAGE_EXCLUDES = ["data", "campaigns", "articles", "images"]
# content/images is not static: plugins/images publishes stripped copies and variants (no EXIF/GPS).
STATIC_PATHS = ["extra"]
EXTRA_PATH_METADATA = {}

THEME = str(ROOT / "theme")
# Escape by default: only HTML that passed portal.safety (filters `sanitized`,
# `sanitized_inline`) or that a plugin built and escaped itself is Markup.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True,
                     # each run makes new environments (a template edit is seen by the next
                     # livereload build): no stat of every included file on every page
                     "auto_reload": False}
# Every generator has its own Jinja environment, so each would compile base.html
# and the partials again (a second per build): compiled templates are kept in
# .cache/jinja/<options> (keyed by file and source checksum; the folder by these
# options, which change what a template compiles to).
def _jinja_cache(options):
    import hashlib
    from jinja2 import FileSystemBytecodeCache
    folder = ROOT / ".cache" / "jinja" / hashlib.sha1(repr(sorted(options.items())).encode()).hexdigest()[:12]
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))
JINJA_ENVIRONMENT["bytecode_cache"] = _jinja_cache(JINJA_ENVIRONMENT)
del _jinja_cache
from portal.dates import TIMEZONE_NAME as TIMEZONE  # noqa: E402  (Vietnam time, defined once in the core)
DEFAULT_LANG = "vi"
DEFAULT_CATEGORY = "Tin tổng hợp"  # articles without «Category» (Pelican's default is "misc")
USE_FOLDER_AS_CATEGORY = False     # content/articles/2025/01 must not make a category "01"
DEFAULT_DATE_FORMAT = "%d/%m/%Y"
DEFAULT_DATE = None
# Our contract plugin decides what is scheduled, against PORTAL_BUILD_DATE.
WITH_FUTURE_DATES = True

PLUGINS = [
    "plugins.timings",        # first: phase times for `invoke bench` (inactive unless asked)
    "plugins.uptodate",       # skips the whole build when no input changed since the last one
    "plugins.render",         # its finalized handler writes the queued pages before any other
    "plugins.vietnamese",
    "plugins.buildstamp",     # "Cập nhật 00:05 01/12/2026" in the footer (as of when)
    "plugins.contract",
    "plugins.campaigns",
    "plugins.units",
    "plugins.quotas",
    "plugins.royalties",      # nhuận bút report (content/data/nhuan-but.yml)
    "plugins.calendar",       # editorial calendar page + .ics
    "plugins.images",
    "plugins.feeds",
    "plugins.seo",
    "plugins.search",
    "plugins.fingerprint",    # content-named CSS/JS copies (before the scan and the .gz/.br)
    "plugins.safety",         # after search (scans the index too), before the swap
    "plugins.precompress",    # .gz copies of what passed the scan (production only)
    "plugins.atomic_output",  # keep last: swaps the finished build in
]

# --- URLs (all ASCII; *_URL / *_SAVE_AS pairs) -----------------------------
ARTICLE_URL = "tin-tuc/{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "tin-tuc/{date:%Y}/{date:%m}/{slug}/index.html"
DRAFT_URL = ""
DRAFT_SAVE_AS = ""            # drafts and scheduled articles are never published
DRAFT_PAGE_URL = ""
DRAFT_PAGE_SAVE_AS = ""
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "chuyen-muc/{slug}/"
CATEGORY_SAVE_AS = "chuyen-muc/{slug}/index.html"
CATEGORIES_URL = "chuyen-muc/"
CATEGORIES_SAVE_AS = "chuyen-muc/index.html"
TAG_URL = "the/{slug}/"
TAG_SAVE_AS = "the/{slug}/index.html"
TAGS_URL = "the/"
TAGS_SAVE_AS = "the/index.html"
AUTHOR_URL = "tac-gia/{slug}/"
AUTHOR_SAVE_AS = "tac-gia/{slug}/index.html"
AUTHORS_URL = "tac-gia/"
AUTHORS_SAVE_AS = "tac-gia/index.html"
ARCHIVES_URL = "luu-tru/"
ARCHIVES_SAVE_AS = "luu-tru/index.html"
YEAR_ARCHIVE_URL = "luu-tru/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "luu-tru/{date:%Y}/index.html"
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
INDEX_SAVE_AS = "index.html"
DIRECT_TEMPLATES = ["index", "archives", "categories", "tags", "authors", "404"]
TEMPLATE_PAGES = {}
PAGINATED_TEMPLATES = {"index": 12, "category": 12, "tag": 12, "author": 12, "year_archive": None}
DEFAULT_PAGINATION = 12
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)
SLUGIFY_SOURCE = "title"
# One language: no translations to pair up (Pelican's pairing compares every
# article with every other, seconds at 10,000 articles). Newest first, ties
# by slug: the order the pairing left them in.
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None


def _newest_first(article):
    return -article.date.timestamp(), article.slug


ARTICLE_ORDER_BY = _newest_first
# Every address (articles, pages, tags, categories, authors) is made by one
# rule, portal.text.slugify (đ → d, marks removed, capped at 80 characters),
# applied by plugins/contract; Pelican's own slug substitutions are not used.

# Pelican's own feeds are off: plugins/feeds makes every feed with feedgen.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        # Column alignment as `align=` (kept by the sanitiser), not inline style (blocked by the CSP).
        "markdown.extensions.tables": {"use_align_attribute": True},
        # Kept only so Pelican's metadata parsing can unhook it: the header is
        # parsed once by portal.header (see plugins/vietnamese/reader.py).
        "markdown.extensions.meta": {},
        "markdown.extensions.smarty": {"smart_quotes": False},
    },
    "output_format": "html5",
}
# Contract: without `Summary`, the lead is the first paragraph.
SUMMARY_MAX_LENGTH = None
SUMMARY_MAX_PARAGRAPHS = 1
TYPOGRIFY = False
READERS = {"rst": None}  # Markdown only
# The content cache is the project's own, not Pelican's: converted Markdown
# bodies are kept by digest of the body, the Markdown options and the code
# (`.cache/markdown.sqlite3`, plugins/vietnamese/reader.py), rendered pages by
# digest of their inputs (plugins/render), processed images by digest of the
# file (plugins/images). Pelican's cache pickles whole articles and skips
# reading them, so the contract checks, the article facts and what the plugins
# attach to each article would be stale or missing: it stays off.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# --- Portal plugins ----------------------------------------------------------
PORTAL_BUILD_DATE = None  # None = today (Vietnam time); tests fix it
QUOTAS_IN_NAVIGATION = True

DELETE_OUTPUT_DIRECTORY = False
OUTPUT_PATH = "output"

# Previews (`invoke build`, `invoke livereload`) stamp the day only: a rebuild
# within the day re-renders just the pages an edit touched (plugins/render).
BUILDSTAMP_PRECISION = "day"

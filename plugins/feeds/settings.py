"""Feeds plugin settings: every default declared once, merged at ``initialized``.

Feed URLs are also their output paths (relative to the output folder and to
``SITEURL``); the campaigns and units pages link to exactly these.
"""

DEFAULTS = {
    # Newest entries kept in every feed.
    "FEEDS_MAX_ENTRIES": 50,
    # Feed URL patterns (one RSS 2.0 and one Atom file per feed).
    "FEEDS_SITE_RSS": "feeds/tat-ca.rss.xml",
    "FEEDS_SITE_ATOM": "feeds/tat-ca.atom.xml",
    "FEEDS_CAMPAIGN_RSS": "feeds/chien-dich/{id}.rss.xml",
    "FEEDS_CAMPAIGN_ATOM": "feeds/chien-dich/{id}.atom.xml",
    "FEEDS_EDITION_RSS": "feeds/chien-dich/{id}/{year}.rss.xml",
    "FEEDS_EDITION_ATOM": "feeds/chien-dich/{id}/{year}.atom.xml",
    "FEEDS_UNIT_RSS": "feeds/don-vi/{id}.rss.xml",
    "FEEDS_UNIT_ATOM": "feeds/don-vi/{id}.atom.xml",
    "FEEDS_CATEGORY_RSS": "feeds/chuyen-muc/{slug}.rss.xml",
    "FEEDS_CATEGORY_ATOM": "feeds/chuyen-muc/{slug}.atom.xml",
    # The page that explains how to subscribe and lists every feed.
    "FEEDS_FOLLOW_URL": "theo-doi/",
    "FEEDS_FOLLOW_SAVE_AS": "theo-doi/index.html",
    # Channel logo (RSS <image>, Atom <logo>), relative to SITEURL; 144×72 PNG.
    "FEEDS_LOGO": "theme/images/logo-feed.png",
    "FEEDS_LANGUAGE": "vi",
    # Check the written feeds again at the end of the build (warnings name the
    # file). Off by default: what it checks (absolute links, dates, self links,
    # enclosures) is made by this plugin's code, not typed by editors, and
    # tests/test_feeds.py lints every feed the sample site writes; reading
    # every feed back cost ~2 s of a 10,000-article build.
    "FEEDS_LINT": False,
}

"""Settings of the seo plugin: every default declared once."""

DEFAULTS = {
    # Publisher in JSON-LD (None = the name in content/data/identity.yml, then the root unit, then SITENAME).
    "SEO_PUBLISHER_NAME": None,
    # Paths relative to SITEURL (theme static files are copied to theme/).
    "SEO_PUBLISHER_LOGO": "theme/images/logo-600x60.png",
    "SEO_DEFAULT_IMAGE": {
        "url": "theme/images/chia-se-mac-dinh.png",
        "width": 1200,
        "height": 630,
        "alt": "Công đoàn Lai Châu – Cổng thông tin điện tử",
    },
    # Length of meta/og descriptions, in characters.
    "SEO_DESCRIPTION_LENGTH": 160,
    # Optional Twitter/X account of the site, e.g. "@congdoanlaichau".
    "SEO_TWITTER_SITE": "",
    # Share links shown under an article: plain links, no third-party script.
    # "{url}" and "{title}" are replaced by the URL-encoded values.
    "SEO_SHARE_LINKS": [
        {"name": "Facebook", "key": "facebook", "url": "https://www.facebook.com/sharer/sharer.php?u={url}"},
        {"name": "Zalo", "key": "zalo", "url": "https://sp.zalo.me/share_inline?url={url}"},
    ],
    # Discovery widgets.
    "SEO_RELATED_COUNT": 4,
    "SEO_LATEST_COUNT": 6,
    "SEO_FEATURED_COUNT": 3,
    # Whole-site outputs written at `finalized` ("" disables one).
    "SEO_SITEMAP_SAVE_AS": "sitemap.xml",
    "SEO_ROBOTS_SAVE_AS": "robots.txt",
    # Output files never listed in the sitemap (besides noindex pages).
    "SEO_SITEMAP_EXCLUDE": ["404.html"],
}

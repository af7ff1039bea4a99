DEFAULTS = {
    "SEARCH_ENABLED": True,
    "SEARCH_URL": "tim-kiem/",
    "SEARCH_SAVE_AS": "tim-kiem/index.html",
    # Pagefind indexes only elements marked data-pagefind-body (article pages).
    "SEARCH_LANGUAGE": "vi",
    "SEARCH_BUNDLE_DIR": "pagefind",
    # One Pagefind bundle per article folder (tin-tuc/<year>) from this many
    # indexed pages on (plugins/search/shards.py): less memory per run, and an
    # edit re-indexes only its folder. Below it, one bundle for the site.
    "SEARCH_SHARD_MIN_PAGES": 3000,
    "SEARCH_MAX_SHARDS": 40,
    # Where the search twins of the indexed pages are kept between builds
    # (plugins/search/twins.py; None = <folder above content>/.cache/search):
    # written as pages are rendered, what Pagefind reads instead of them.
    "SEARCH_TWINS_DIR": None,
}

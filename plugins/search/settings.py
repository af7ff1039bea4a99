DEFAULTS = {
    "SEARCH_ENABLED": True,
    "SEARCH_URL": "tim-kiem/",
    "SEARCH_SAVE_AS": "tim-kiem/index.html",
    # Pagefind indexes only elements marked data-pagefind-body (article pages).
    "SEARCH_LANGUAGE": "vi",
    "SEARCH_BUNDLE_DIR": "pagefind",
}

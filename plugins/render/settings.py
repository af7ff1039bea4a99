"""Settings of the render plugin: every default declared once."""

DEFAULTS = {
    # Processes that render pages: 0 = one per CPU core; 1 = render in the
    # build process itself (serial; the output is the same byte for byte).
    "RENDER_WORKERS": 0,
    # Below this many pages to render, forking is not worth it.
    "RENDER_MIN_PARALLEL_PAGES": 48,
    # Re-use a page of the live output when nothing it is rendered from changed.
    "RENDER_INCREMENTAL": True,
    # A cold build (no live output folder yet) computes every page's digest
    # for the next build's record too. Off: it does not (an eighth of a cold
    # build's CPU at 10,000 articles; a deploy from a fresh clone has no next build in that
    # folder), and the next build renders every page once. `invoke
    # livereload` turns it on: more runs follow in the same folder.
    "RENDER_COLD_DIGESTS": False,
    # Where the record of the last build's pages is kept ("" = <content>/../.cache/render).
    "RENDER_CACHE_DIR": "",
    # Keep freed memory in the process (glibc's malloc thresholds raised once,
    # at `initialized`: portal.allocator); a build spent a quarter of its CPU
    # time faulting the same memory in again without it.
    "RENDER_KEEP_FREED_MEMORY": True,
    # Per-run dict settings that templates add entries to while a page renders
    # (e.g. the SEO plugin's record of page heads for the sitemap): collected
    # from worker processes and kept for re-used pages.
    "RENDER_COLLECT_KEYS": ["_SEO_WRITTEN_HEADS"],
}

CHECKS = ["plugins.render.checks:check_settings"]

"""Content-named copies of the theme's CSS and JavaScript, for long caching.

Reads: the theme's static files (``THEME/static``) and the copies Pelican
wrote under ``THEME_STATIC_DIR``. Writes: beside each ``.css``/``.js``
(``FINGERPRINT_SUFFIXES``) of the theme a copy named after its content,
``theme/css/site-<10 hex>.css``, which deploy/nginx.conf caches for a year
(``immutable``); the plain name stays for anything that still asks for it.
Templates link the named copy with the Jinja global ``static_url(rel)``
(``static_url("css/site.css")`` → ``theme/css/site-1a2b3c4d5e.css``; the
plain ``theme/css/site.css`` when ``FINGERPRINT_ENABLED`` is off, as in
development builds). Signals: ``initialized`` (defaults), ``generator_init``
(the global), ``finalized`` (the copies; before ``safety``, ``precompress``
and ``atomic_output``).
"""

from pelican import signals

from .handlers import add_global, merge_settings, write_copies


def register():
    signals.initialized.connect(merge_settings)
    signals.generator_init.connect(add_global)
    signals.finalized.connect(write_copies)

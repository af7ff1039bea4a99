"""URLs expanded once per content object while the queue is rendered.

Pelican expands a URL setting (``ARTICLE_URL`` and the like) with the
article's metadata every time a template asks for ``article.url``: at 10,000
articles the list pages, the related and latest lists and the digests ask
several hundred thousand times. Once every generator has run, nothing
changes a content object's metadata, so for the time of the flush each
answer is remembered (keyed by the object, which the memo keeps alive) and
the original methods are put back afterwards, even on an error.
"""

from __future__ import annotations

from contextlib import contextmanager

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper


def _remembering(original, memo: dict):
    def lookup(self, key):
        slot = (id(self), key)
        found = memo.get(slot)
        if found is None:
            found = memo[slot] = (self, original(self, key))
        return found[1]

    return lookup


@contextmanager
def frozen_urls():
    memo: dict = {}
    content_original = Content.get_url_setting
    wrapper_url, wrapper_save_as = URLWrapper.url, URLWrapper.save_as
    wrapper_lookup = _remembering(URLWrapper._from_settings, memo)
    Content.get_url_setting = _remembering(content_original, memo)
    URLWrapper.url = property(lambda self: wrapper_lookup(self, "URL"))
    URLWrapper.save_as = property(lambda self: wrapper_lookup(self, "SAVE_AS"))
    try:
        yield memo
    finally:
        Content.get_url_setting = content_original
        URLWrapper.url, URLWrapper.save_as = wrapper_url, wrapper_save_as
        memo.clear()

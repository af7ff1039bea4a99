"""Article lists whose ``in`` is a set lookup.

Pelican's tag, category and author pages each build their ``dates`` list as
``[a for a in self.dates if a in articles]``: for every term, every article
of the site tested against the term's list, which is the number of terms ×
the number of articles × the length of a list (about 3 s of a 10,000-article
build). Swapping each term's list for a ``MemberList`` (same items, same
order, still a ``list``) makes each test O(1). Articles have no ``__eq__``:
``in`` was already a test of identity, and stays one. Its period
archives (year pages) had the same pattern: ``linear_period_archives``.
"""

from __future__ import annotations

import functools


class MemberList(list):
    """A list with an identity set for ``in``, rebuilt after any change (every
    method of ``list`` that changes the items drops it: ``_MUTATORS``)."""

    __slots__ = ("_ids",)

    def __init__(self, items=()):
        super().__init__(items)
        self._ids = None

    def __contains__(self, item) -> bool:
        if self._ids is None:
            self._ids = {id(x) for x in self}
        return id(item) in self._ids


_MUTATORS = ("append", "extend", "insert", "remove", "pop", "clear",
             "__setitem__", "__delitem__", "__iadd__", "__imul__")


def _dropping_ids(name: str):
    method = getattr(list, name)

    def changed(self, *args):
        self._ids = None
        return method(self, *args)

    changed.__name__ = name
    return changed


for _name in _MUTATORS:
    setattr(MemberList, _name, _dropping_ids(_name))


def index_terms(generator) -> None:
    """Give the generator's tag, category and author lists a fast ``in``, in
    place (the context holds the same dict and lists)."""
    tags = getattr(generator, "tags", None)
    if isinstance(tags, dict):
        for tag, articles in tags.items():
            tags[tag] = MemberList(articles)
    for name in ("categories", "authors"):
        pairs = getattr(generator, name, None)
        if isinstance(pairs, list):
            for i, pair in enumerate(pairs):
                if isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[1], list):
                    pairs[i] = (pair[0], MemberList(pair[1]))


def _linear_period_archives(build, sorted_articles, articles, settings):
    """Pelican's period archives, each archive's ``articles`` found in one
    pass. Pelican fills them with ``[a for a in articles if a in dates]`` on
    a plain list per period: every article tested against every article of
    the period (quadratic; ~2 s of a 10,000-article build). Its own method
    builds everything else (with no articles to test), then the lists are
    filled in ``articles`` order, as Pelican's would be."""
    archives = build(sorted_articles, [], settings)
    for granularity in archives.values():
        for archive in granularity:
            ids = {id(a) for a in archive["dates"]}
            archive["articles"] = [a for a in articles if id(a) in ids]
    return archives


def linear_period_archives(generator) -> None:
    """At ``article_generator_pretaxonomy``: this generator builds its period
    archives with ``_linear_period_archives`` (an instance attribute: the
    class, and other generators, are left alone)."""
    build = getattr(generator, "_build_period_archives", None)
    if build is None or getattr(build, "func", None) is _linear_period_archives:
        return
    generator._build_period_archives = functools.partial(_linear_period_archives, build)

"""Article lists whose ``in`` is a set lookup.

Pelican's tag, category and author pages each build their ``dates`` list as
``[a for a in self.dates if a in articles]``: for every term, every article
of the site tested against the term's list, which is the number of terms ×
the number of articles × the length of a list (about 3 s of a 10,000-article
build). Swapping each term's list for a ``MemberList`` (same items, same
order, still a ``list``) makes each test O(1). Articles have no ``__eq__``:
``in`` was already a test of identity, and stays one.
"""

from __future__ import annotations


class MemberList(list):
    """A list with an identity set for ``in``, rebuilt after any change."""

    __slots__ = ("_ids",)

    def __init__(self, items=()):
        super().__init__(items)
        self._ids = None

    def __contains__(self, item) -> bool:
        if self._ids is None:
            self._ids = {id(x) for x in self}
        return id(item) in self._ids

    def _changed(self) -> None:
        self._ids = None

    def append(self, item):
        self._changed()
        super().append(item)

    def extend(self, items):
        self._changed()
        super().extend(items)

    def insert(self, index, item):
        self._changed()
        super().insert(index, item)

    def remove(self, item):
        self._changed()
        super().remove(item)

    def pop(self, *args):
        self._changed()
        return super().pop(*args)

    def clear(self):
        self._changed()
        super().clear()

    def __setitem__(self, key, value):
        self._changed()
        super().__setitem__(key, value)

    def __delitem__(self, key):
        self._changed()
        super().__delitem__(key)

    def __iadd__(self, other):
        self._changed()
        return super().__iadd__(other)

    def __imul__(self, other):
        self._changed()
        return super().__imul__(other)


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

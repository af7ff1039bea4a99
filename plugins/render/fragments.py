"""Fragments every page of a run shares, rendered once per process.

A template wraps a block that depends only on values named in its key::

    {% call fragment("aside_latest", SITEURL, ...) %}...{% endcall %}

The first page to reach it renders the block and the result is kept for the
rest of the run (per render worker: each forked process fills its own). The
key must name everything the block shows that can differ between the pages of
one run; values that are the same for the whole run (the shared context,
settings) need not be in it. Kept fragments are dropped at the next run.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable


class Fragments:
    """The fragments of one run, by key."""

    def __init__(self):
        self._kept: dict[tuple, str] = {}

    def __call__(self, *key: Hashable, caller: Callable[[], str]) -> str:
        try:
            found = self._kept.get(key)
        except TypeError:  # an unhashable part: not kept
            return caller()
        if found is None:
            found = self._kept[key] = caller()
        return found

    def __len__(self) -> int:
        return len(self._kept)

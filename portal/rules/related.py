"""Related articles through an inverted index (no comparison of every pair).

Score: each shared campaign weighs 4, the same category 2 (not the default
category every uncategorised article falls into), each shared tag 1. Best
score first, then newest. Each key (campaign, category, tag) keeps a posting
list of its articles, newest first; an article is compared only with the
``limit`` newest articles of each of its keys, so the work per article is
bounded by (number of its keys × ``limit``) whatever the size of the site:
O(n log n) in all. With fewer than ``limit`` articles per key the result is
exactly that of comparing every pair.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")

CAMPAIGN_WEIGHT, CATEGORY_WEIGHT, TAG_WEIGHT = 4, 2, 1
DEFAULT_LIMIT = 200


def weighted_keys(campaigns: Iterable[str], category: str | None, tags: Iterable[str],
                  default_category: str | None = None) -> dict[Hashable, int]:
    keys: dict[Hashable, int] = {("campaign", c): CAMPAIGN_WEIGHT for c in campaigns}
    if category is not None and category != default_category:
        keys[("category", category)] = CATEGORY_WEIGHT
    for tag in tags:
        keys[("tag", tag)] = TAG_WEIGHT
    return keys


def related_all(items: Sequence[T], keys_of: Callable[[T], dict[Hashable, int]], date_of: Callable[[T], object],
                count: int, limit: int = DEFAULT_LIMIT, among: Sequence[T] | None = None) -> dict[int, list[T]]:
    """``id(item) → up to count related items`` for every item of ``items``.

    Candidates come from ``among`` (default: ``items``); an item is never
    related to itself.
    """
    pool = list(among if among is not None else items)
    order = sorted(range(len(pool)), key=lambda i: date_of(pool[i]), reverse=True)
    postings: dict[Hashable, list[int]] = defaultdict(list)
    for index in order:  # newest first
        for key in keys_of(pool[index]):
            postings[key].append(index)
    rank = {index: position for position, index in enumerate(order)}  # 0 = newest
    out: dict[int, list[T]] = {}
    for item in items:
        # each candidate counted once per unit of weight, in C (Counter.update
        # of an iterable): the same scores as adding weights one by one
        scores: Counter = Counter()
        for key, weight in keys_of(item).items():
            scores.update(postings.get(key, ())[:limit] * weight)
        # the (count + 1)-th best score (the item itself may be among the best):
        # only candidates scoring at least that are ordered, by score then newest
        values = sorted(scores.values(), reverse=True)
        least = values[min(count, len(values) - 1)] if values else 0
        best = sorted((-score, rank[i], i) for i, score in scores.items() if score >= least)
        out[id(item)] = [pool[i] for _, _, i in best[:count + 1] if pool[i] is not item][:count]
    return out

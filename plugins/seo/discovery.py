"""Related articles, neighbours, latest and featured lists (pure).

Articles need ``date``, ``category``, ``tags`` and ``campaign_refs``
(``(Campaign, Edition)`` pairs, or campaigns); anything missing counts as empty.
"""

from __future__ import annotations

from portal.rules import related as related_rule


def _campaign_ids(article) -> set:
    """Ids of the article's campaigns (``campaign_refs`` holds ``(Campaign, Edition)`` pairs)."""
    ids = set()
    for ref in getattr(article, "campaign_refs", None) or ():
        campaign = ref[0] if isinstance(ref, tuple) else ref
        ids.add(getattr(campaign, "id", campaign))
    return ids


def _tag_names(article) -> set:
    return {str(t) for t in getattr(article, "tags", None) or ()}


def relatedness(a, b, default_category: str | None = None) -> int:
    """Each shared campaign weighs 4, the same category 2, each shared tag 1."""
    score = 4 * len(_campaign_ids(a) & _campaign_ids(b))
    cat_a, cat_b = getattr(a, "category", None), getattr(b, "category", None)
    if cat_a is not None and cat_b is not None and str(cat_a) == str(cat_b) and str(cat_a) != default_category:
        score += 2
    score += len(_tag_names(a) & _tag_names(b))
    return score


def _keys(article, default_category: str | None) -> dict:
    category = getattr(article, "category", None)
    return related_rule.weighted_keys(_campaign_ids(article), str(category) if category is not None else None,
                                      _tag_names(article), default_category)


def related_map(articles, candidates, count: int, default_category: str | None = None,
                limit: int = related_rule.DEFAULT_LIMIT) -> dict[int, list]:
    """``id(article) → related articles`` for every article (``portal.rules.related``:
    an inverted index, no comparison of every pair)."""
    keys = {id(a): _keys(a, default_category) for a in [*articles, *candidates]}
    return related_rule.related_all(list(articles), lambda a: keys[id(a)], lambda a: a.date, count,
                                    limit, among=list(candidates))


def related(article, candidates, count: int, default_category: str | None = None) -> list:
    """Up to ``count`` other articles with a positive score, best first, then newest."""
    return related_map([article], candidates, count, default_category)[id(article)]


def neighbours(articles) -> dict[int, tuple]:
    """``id(article) → (older, newer)`` in date order (None at either end)."""
    ordered = sorted(articles, key=lambda a: a.date)
    out = {}
    for index, article in enumerate(ordered):
        older = ordered[index - 1] if index > 0 else None
        newer = ordered[index + 1] if index + 1 < len(ordered) else None
        out[id(article)] = (older, newer)
    return out


def newest(articles, count: int) -> list:
    return sorted(articles, key=lambda a: a.date, reverse=True)[:count]


def featured(articles, count: int, window: int = 12) -> list:
    """The newest articles that have a featured image (within the newest ``window``);
    topped up with the newest articles when too few have one."""
    recent = newest(articles, window)
    picked = [a for a in recent if getattr(a, "image", None)][:count]
    for article in recent:
        if len(picked) >= count:
            break
        if article not in picked:
            picked.append(article)
    return sorted(picked, key=lambda a: a.date, reverse=True)

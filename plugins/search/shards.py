"""Split the search index into shards, one Pagefind bundle per folder of articles.

At 10,000 articles one Pagefind run holds the whole index in memory (about
1.6 GB) and re-indexes everything after any edit. With shards, each run
indexes one folder (``tin-tuc/2024``…), an edit re-indexes only its folder's
shard, and the search page merges the shards (Pagefind UI ``mergeIndex``).
Small sites keep one bundle: sharding starts at ``SEARCH_SHARD_MIN_PAGES``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Shard:
    bundle_dir: str        # output folder of this shard's bundle
    prefix: str | None     # folder of the pages it indexes (None: the whole site)

    @property
    def glob(self) -> str:
        return f"{self.prefix}/**/*.html" if self.prefix else "**/*.{html}"

    def covers(self, name: str) -> bool:
        return self.prefix is None or name.startswith(self.prefix + "/")


def _slug(prefix: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", prefix.lower()).strip("-")


def plan(page_names, bundle_dir: str, min_pages: int, max_shards: int) -> list[Shard]:
    """The shards for the indexed pages ``page_names`` (output names).

    One shard per folder two levels deep (``tin-tuc/2024``) when there are at
    least ``min_pages`` pages, every page lies that deep, and there are 2 to
    ``max_shards`` folders; otherwise one bundle for the whole site. The first
    folder in reverse order (the newest year) keeps ``bundle_dir`` itself, so
    the search page loads the UI from the same place either way.
    """
    names = sorted({n.replace("\\", "/") for n in page_names if n})
    prefixes = set()
    for name in names:
        parts = name.split("/")
        if len(parts) < 3:
            return [Shard(bundle_dir, None)]
        prefixes.add("/".join(parts[:2]))
    if len(names) < min_pages or not 2 <= len(prefixes) <= max_shards:
        return [Shard(bundle_dir, None)]
    ordered = sorted(prefixes, reverse=True)
    return [Shard(bundle_dir if i == 0 else f"{bundle_dir}-{_slug(p)}", p) for i, p in enumerate(ordered)]

"""Signal handlers of the contract plugin (thin: logic lives in portal.py)."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.urlwrappers import Author
from portal.dates import TIMEZONE
from portal.text import slugify

from portal.article import TYPES
from portal.load import check_all
from .problems import ArticleError, ContractError, Problems
from .settings import DEFAULTS, merge_defaults

logger = logging.getLogger(__name__)


def _validated(settings):
    portal, records, problems = check_all(settings)
    if problems.errors:
        raise ContractError(problems)  # its message lists the warnings too: each problem once
    for problem in problems.warnings:
        logger.warning(problem.format())
    portal.records = {str(rec.path.resolve()): rec for rec in records}
    return portal


def validate_content(pelican) -> None:
    """``initialized``: validate all content before anything is generated or written."""
    merge_defaults(pelican.settings, DEFAULTS, "CONTRACT_")
    pelican.settings["PORTAL"] = _validated(pelican.settings)
    pelican._contract_fresh = True


def revalidate_content(pelican) -> None:
    """``get_generators``: every later run in the same process (``invoke livereload``)
    validates again and refreshes the shared ``PORTAL`` object in place, so
    templates and plugins see edited data files and articles."""
    if getattr(pelican, "_contract_fresh", False):
        pelican._contract_fresh = False  # the first run uses what `initialized` validated
        return None
    vars(pelican.settings["PORTAL"]).update(vars(_validated(pelican.settings)))
    return None


def prepare_metadata(generator, metadata) -> None:
    """``article_generator_context``: the contract's slug, canonical author names, scheduling.

    - The slug is made by ``vietnamese.text.slugify`` (the same function the
      validator used to detect output-path collisions).
    - Author names are canonicalised through the roster (aliases, case,
      spacing), so one person has one author page.
    - An article dated after the build day is not published yet.
    """
    portal = generator.settings["PORTAL"]
    if "slug" not in metadata and metadata.get("title"):
        metadata["slug"] = slugify(str(metadata["title"]))
    if metadata.get("authors"):
        metadata["authors"] = [Author(portal.roster.canonical(str(a)), generator.settings)
                               for a in metadata["authors"]]
    # One slug rule for every address: tags, the category and authors too
    # (Pelican's own slugify would differ and is not capped in length).
    for wrapper in [*metadata.get("authors", ()), *metadata.get("tags", ()), metadata.get("category")]:
        if wrapper is not None and hasattr(wrapper, "slug"):
            wrapper.slug = slugify(str(wrapper.name))
    date = metadata.get("date")
    if date is not None and date.tzinfo is None:  # Pelican localises dates later
        date = date.replace(tzinfo=TIMEZONE)
    if date is not None and metadata.get("status", "published") == "published" and date > portal.build_datetime:
        metadata["status"] = "draft"
        metadata["scheduled"] = True


def enrich_articles(generator) -> None:
    """``article_generator_finalized``: attach units and types; prove no article was dropped."""
    portal = generator.settings["PORTAL"]
    everything = [*generator.articles, *generator.translations, *generator.drafts,
                  *generator.drafts_translations, *generator.hidden_articles, *generator.hidden_translations]
    seen = set()
    for article in everything:
        seen.add(str(Path(article.source_path).resolve()))
        article.unit_ref = portal.units.get(getattr(article, "unit", None))
        article.type = getattr(article, "type", "tin").lower()
        article.type_label = TYPES.get(article.type, article.type)
        article.is_republished = bool(getattr(article, "source", None))
        article.is_scheduled = bool(getattr(article, "scheduled", False))
        article.is_counted = (
            article.status == "published" and not article.is_republished and article.unit_ref is not None
        )
    _fail_if_dropped(set(portal.records) - seen, generator.path)


def check_pages_read(generator) -> None:
    """``page_generator_finalized``: fail if Pelican dropped any page."""
    portal = generator.settings["PORTAL"]
    pages = [*generator.pages, *generator.hidden_pages, *generator.draft_pages,
             *generator.translations, *generator.hidden_translations, *generator.draft_translations]
    seen = {str(Path(page.source_path).resolve()) for page in pages}
    _fail_if_dropped(set(portal.page_files) - seen, generator.path)


def _fail_if_dropped(missing: set[str], content_dir) -> None:
    if not missing:
        return
    problems = Problems()
    root = Path(content_dir).resolve().parent
    for path in sorted(missing):
        problems.error(str(Path(path).relative_to(root)), None, "Pelican đã bỏ qua tệp này khi đọc",
                       "xem thông báo lỗi ở trên; không bài/trang nào được phép biến mất lặng lẽ")
    raise ArticleError(problems)

"""Signal handlers of the contract plugin (thin: the rules live in ``portal``)."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.urlwrappers import Author, URLWrapper

from portal.load import Portal, build_date_from, check_all
from portal.paths import forget_folders, source_key
from portal.problems import READ_FAILURES, ArticleError, ContractError, Problems, log_warning
from portal.runstart import announce
from portal.settings import merge_all
from portal.text import slugify
from portal.timing import timed

logger = logging.getLogger(__name__)


def _validated(settings):
    settings.pop(READ_FAILURES, None)  # this run's reader failures only
    portal, records, problems = check_all(settings)
    if problems.errors:
        raise ContractError(problems)  # its message lists the warnings too: each problem once
    for problem in problems.warnings:
        log_warning(logger, problem)
    portal.records = {source_key(rec.path): rec for rec in records}
    return portal


def merge_settings(pelican) -> None:
    """``initialized``: every plugin's defaults, before any check runs; an
    empty ``PORTAL`` that each run fills in place (Pelican copies the settings
    into the template context before any generator starts)."""
    settings = merge_all(pelican.settings)
    settings["PORTAL"] = Portal(content_dir=Path(settings["PATH"]),
                                build_date=build_date_from(settings.get("PORTAL_BUILD_DATE")))


@timed("validate")
def validate_content(pelican) -> None:
    """``get_generators``: at the start of every run (the first, and each one
    of ``invoke livereload``), validate all content before anything is
    generated or written. A later run refreshes the shared ``PORTAL`` object
    in place, so templates and plugins see edited data files and articles. A
    run that ``plugins/uptodate`` skips validates nothing: nothing changed."""
    forget_folders()  # source_key answers from this run's folders only
    settings = merge_all(pelican.settings)
    announce(settings)  # portal.runstart: work that needs no valid article may start now
    fresh = _validated(settings)
    if isinstance(pelican.settings.get("PORTAL"), Portal):
        vars(pelican.settings["PORTAL"]).update(vars(fresh))
    else:
        pelican.settings["PORTAL"] = fresh
    return None


def prepare_metadata(generator, metadata) -> None:
    """``article_generator_context``: apply the article's facts to Pelican's metadata.

    The reader put the validator's :class:`portal.article.ArticleFacts` in
    ``metadata["facts"]`` (the header was parsed once, by the validator).
    From it: the slug (``portal.text.slugify``, the rule the validator used to
    detect output-path collisions), the roster spelling of every author (one
    person, one author page), and scheduling (an article dated after the
    build day is held back as a draft).
    """
    facts = metadata.get("facts")
    settings = generator.settings
    if facts is not None:
        metadata["slug"] = facts.slug
        if facts.authors:
            metadata["authors"] = [Author(name, settings) for name in facts.authors]
        if facts.date is not None:
            metadata["date"] = facts.date
        if facts.scheduled:
            metadata["status"] = "draft"
    elif "slug" not in metadata and metadata.get("title"):
        metadata["slug"] = slugify(str(metadata["title"]))
    # One slug rule for every address: tags, the category and authors too
    # (Pelican's own slugify would differ and is not capped in length).
    for wrapper in [*metadata.get("authors", ()), *metadata.get("tags", ()), metadata.get("category")]:
        if isinstance(wrapper, URLWrapper):  # (hasattr would run Pelican's slugify for nothing)
            wrapper.slug = slugify(str(wrapper.name))


def prepare_page_metadata(generator, metadata) -> None:
    """``page_generator_context``: pages get their address by the same slug rule."""
    if "slug" not in metadata and metadata.get("title"):
        metadata["slug"] = slugify(str(metadata["title"]))


def enrich_articles(generator) -> None:
    """``article_generator_finalized``: every article carries its facts; no article was dropped.

    ``article.facts`` is the one typed object plugins and templates read;
    ``unit_ref``, ``type``, ``type_label``, ``is_republished``,
    ``is_scheduled`` and ``is_counted`` are the same facts under the names
    templates use.
    """
    portal = generator.settings["PORTAL"]
    everything = [*generator.articles, *generator.translations, *generator.drafts,
                  *generator.drafts_translations, *generator.hidden_articles, *generator.hidden_translations]
    seen, unvalidated = set(), []
    for article in everything:
        path = source_key(article.source_path)
        seen.add(path)
        facts = getattr(article, "facts", None) or portal.records.get(path)
        if facts is None:
            unvalidated.append(path)
            continue
        article.facts = facts
        article.unit_ref = facts.unit_ref
        article.type = facts.type
        article.type_label = facts.type_label
        article.is_republished = facts.is_republished
        article.is_scheduled = facts.scheduled
        article.is_counted = facts.is_counted
    # Which tag, author and category pages are written (the terms of published
    # articles): an article page links a term only when its page exists. One
    # set per build, not a list per page (a portal has thousands of tags).
    context = generator.context
    context["written_terms"] = {kind: frozenset(term.slug for term, _ in context.get(kind) or ())
                                for kind in ("tags", "authors", "categories")}
    _fail_if_not_validated(unvalidated, generator.path)
    _fail_if_dropped(set(portal.records) - seen, generator.path, generator.settings.get(READ_FAILURES))


def _fail_if_not_validated(paths: list[str], content_dir) -> None:
    """Pelican read an article the validator never saw (ARTICLE_PATHS wider than the contract's folder)."""
    _fail(paths, content_dir, "bài nằm ngoài thư mục bài viết nên chưa được kiểm tra", "chuyển tệp vào content/articles/")


def check_pages_read(generator) -> None:
    """``page_generator_finalized``: fail if Pelican dropped any page."""
    portal = generator.settings["PORTAL"]
    pages = [*generator.pages, *generator.hidden_pages, *generator.draft_pages,
             *generator.translations, *generator.hidden_translations, *generator.draft_translations]
    seen = {source_key(page.source_path) for page in pages}
    _fail_if_dropped(set(portal.page_files) - seen, generator.path, generator.settings.get(READ_FAILURES))


def _fail_if_dropped(missing: set[str], content_dir, reasons: dict | None = None) -> None:
    _fail(missing, content_dir, "Pelican đã bỏ qua tệp này khi đọc",
          "xem thông báo lỗi ở trên; không bài/trang nào được phép biến mất lặng lẽ", reasons)


def _fail(paths, content_dir, message: str, hint: str, reasons: dict | None = None) -> None:
    """One error per file, all at once (files named from the project folder);
    ``reasons`` (path → (message, hint)) says why, when the reader knew."""
    if not paths:
        return
    problems = Problems()
    root = Path(content_dir).resolve().parent
    for path in sorted(paths):
        why, what_to_do = (reasons or {}).get(path, (message, hint))
        problems.error(str(Path(path).relative_to(root)), None, why, what_to_do)
    raise ArticleError(problems)

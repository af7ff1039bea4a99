"""Signal handlers of the quotas plugin (thin: logic lives in counting/pace/report)."""

from __future__ import annotations

from portal.settings import merge_all

from . import report
from .collect import counted_items
from .generator import QuotaGenerator
from portal.urls import template_globals
from portal.timing import timed



def configure(pelican) -> None:
    """``initialized``: merge the QUOTAS_* defaults."""
    merge_all(pelican.settings)


def add_url_helpers(generator) -> None:
    """``generator_init``: the core's ``url_for`` / ``url_current`` for every template
    (``portal.urls``; every plugin that owns URL settings installs the same functions)."""
    generator.env.globals.update(template_globals(generator.settings))


def add_generator(pelican):
    """``get_generators``."""
    return QuotaGenerator


@timed("quotas")
def attach_author_quotas(generator) -> None:
    """``article_generator_finalized``: what each author page shows about quotas.

    ``quota_authors[author.slug]`` is a list (usually of one) of
    ``report.AuthorInfo``: the roster's name, role and unit, and the counted
    articles credited to that person (aliases and spellings merged).
    """
    portal = generator.settings["PORTAL"]
    items = counted_items(generator.articles, portal)
    infos = report.authors(items, portal.roster)
    by_slug: dict[str, list] = {}
    for author, _articles in generator.authors:
        key = report.author_key(author.name, portal.roster)
        info = infos.get(key)
        if info is None:
            person = portal.roster.find(author.name)
            if person is None:
                continue
            info = infos[key] = report.AuthorInfo(key, person.name, person.role, person.unit)
        found = by_slug.setdefault(author.slug, [])
        if all(other is not info for other in found):
            found.append(info)
    for info in infos.values():
        info.unit = portal.units.get(info.unit_id)
    generator.context["quota_authors"] = by_slug

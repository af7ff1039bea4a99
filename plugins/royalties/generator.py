"""The generator that writes the royalty report (``ROYALTIES_*`` URLs)."""

from __future__ import annotations

import logging
import os

from pelican.generators import Generator

from portal.data.royalties import Rates, load_rates
from portal.dates import to_local
from portal.header import prose_lines
from portal.parallel import Forked, can_fork
from portal.paths import guard_write
from portal.problems import Problems
from portal.rules import royalties as rules
from portal.timing import timed
from portal.types import TYPES
from portal.urls import SiteUrls

from .checks import rates_path
from .output import royalty_csv, royalty_xlsx

logger = logging.getLogger(__name__)

PENDING = "_ROYALTIES_PENDING"  # per run: (Forked writing the files, the same work to do here if it failed)


def source_of(article) -> rules.Source:
    """What the royalty rules need of one published article."""
    facts = article.facts
    body = [line for _, line in prose_lines(facts.header.body.splitlines())]
    return rules.Source(
        title=str(facts.title), date=to_local(facts.date).date(), type=facts.type,
        authors=tuple(facts.authors), grade=(facts.header.get("grade") or "").strip() or None,
        photos=rules.count_photos(body, facts.image), counted=facts.is_counted,
        republished=facts.is_republished, unit_id=facts.unit, ref=article,
    )


class RoyaltyGenerator(Generator):
    """Runs after the ArticlesGenerator (``context['articles']``: the published list)."""

    def generate_context(self):
        portal = self.settings["PORTAL"]
        path, _rel = rates_path(portal, self.settings)
        # The check already reported every problem of the file; here it is only read.
        self.rates: Rates | None = load_rates(path, _rel, Problems())
        self.urls = SiteUrls(self.settings)
        self.reports = {}
        if self.rates is None:
            return
        sources = [source_of(a) for a in self.context.get("articles", [])]
        years = sorted({s.date.year for s in sources})
        self.reports = {year: rules.year_royalties(sources, self.rates, year) for year in years}
        today = portal.build_date.year
        self.current_year = today if today in self.reports else (max(years) if years else None)

    @timed("royalties")
    def generate_output(self, writer):
        if not self.reports:
            return
        relative = self.settings["RELATIVE_URLS"]
        template = self.get_template("royalties")
        years = sorted(self.reports)
        common = {"noindex": True, "royalty_years": years, "royalty_type_labels": TYPES,
                  "royalty_current_year": self.current_year}
        pages = [(self.urls.save_as("royalty_year", year=y), self.urls.url("royalty_year", year=y), y, False) for y in years]
        if self.current_year is not None and self.urls.written("royalties"):
            pages.append((self.urls.save_as("royalties"), self.urls.url("royalties"), self.current_year, True))
        for save_as, url, year, is_index in pages:
            if not save_as:
                continue
            report = self.reports[year]
            writer.write_file(
                save_as, template, self.context, relative, url=url, template_name="royalties",
                royalty=report, royalty_is_index=is_index, seo_title=f"Nhuận bút năm {year}",
                seo_description=f"Bảng nhuận bút tin, bài năm {year} theo cộng tác viên và tháng.",
                breadcrumbs=[("Nhuận bút", self.urls.url("royalties"))], **common,
            )
        fork_from = self.settings.get("ROYALTIES_FORK_FROM", 0)
        if fork_from and len(self.context.get("articles", ())) >= fork_from and can_fork():
            # the spreadsheets are written by a forked child while the build
            # goes on (joined at ``finalized``: handlers.finish_files)
            self.settings[PENDING] = (Forked(self._write_files), self._write_files)
        else:
            self._write_files()

    def _write_files(self) -> bool:
        """Every year's CSV and XLSX (pure functions of the reports)."""
        siteurl = self.settings.get("SITEURL", "")
        for year, report in self.reports.items():
            self._write(self.urls.save_as("royalty_csv", year=year), royalty_csv(report, siteurl))
            self._write(self.urls.save_as("royalty_xlsx", year=year), royalty_xlsx(report, self.settings["PORTAL"].build_date))
        logger.info("royalties: wrote %d years", len(self.reports))
        return True

    def _write(self, save_as: str | None, data: bytes) -> None:
        if not save_as:
            return
        path = str(guard_write(os.path.join(self.output_path, save_as), self.output_path))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
        logger.info('Writing "%s"', path)

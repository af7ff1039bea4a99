"""The generator that writes the quota pages (``QUOTAS_*`` URLs): year pages, unit pages and the CSV."""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass

from pelican.generators import Generator

from portal.rules import counting, pace
from portal.rules.rhythm import WEEKDAYS, daily_rhythm
from portal.types import TYPES
from portal.paths import guard_write
from portal.text import sort_key
from portal.urls import SiteUrls
from portal.timing import timed

from . import report as rpt
from .chart import bar_chart
from .collect import counted_items
from .csvout import year_csv
from .xlsxout import year_xlsx

logger = logging.getLogger(__name__)

MONTH_SHORT = [f"T{m}" for m in range(1, 13)]
MONTH_LONG = [f"tháng {m}" for m in range(1, 13)]


@dataclass(frozen=True)
class QuotaUrls:
    """URLs and output paths of the quota pages: the QUOTAS_*_URL / *_SAVE_AS settings
    formatted by ``portal.urls`` (templates: ``quota_urls`` or ``url_for("quota_year", year=...)``)."""

    settings: dict

    @property
    def _urls(self) -> SiteUrls:
        return SiteUrls(self.settings)

    @property
    def index(self) -> str:
        return self._urls.url("quotas")

    @property
    def index_save_as(self) -> str:
        return self._urls.save_as("quotas")

    def year(self, year: int) -> str:
        return self._urls.url("quota_year", year=year)

    def year_save_as(self, year: int) -> str:
        return self._urls.save_as("quota_year", year=year)

    def unit(self, year: int, unit_id: str) -> str:
        return self._urls.url("quota_unit", year=year, unit=unit_id)

    def unit_save_as(self, year: int, unit_id: str) -> str:
        return self._urls.save_as("quota_unit", year=year, unit=unit_id)

    def csv(self, year: int) -> str:
        return self._urls.url("quota_csv", year=year)

    def csv_save_as(self, year: int) -> str:
        return self._urls.save_as("quota_csv", year=year)

    def xlsx(self, year: int) -> str:
        return self._urls.url("quota_xlsx", year=year)

    def xlsx_save_as(self, year: int) -> str:
        return self._urls.save_as("quota_xlsx", year=year)


def shown_year(years: list[int], today_year: int) -> int | None:
    """The year ``chi-tieu/`` shows: this year if it has data, else the latest year with data."""
    if today_year in years:
        return today_year
    return max(years) if years else None


class QuotaGenerator(Generator):
    """Runs after the ArticlesGenerator, so ``context['articles']`` is the published list."""

    def generate_context(self):
        portal = self.settings["PORTAL"]
        self.portal = portal
        self.urls = QuotaUrls(self.settings)
        self.items = counted_items(self.context.get("articles", []), portal)
        self.names = counting.display_names(self.items)  # one spelling per name key, for every unit page
        units = portal.units.walk()
        self.edition_labels = {}
        starts = {}
        for campaign in portal.campaigns:
            for ed in campaign.editions:
                self.edition_labels[(campaign.id, ed.year)] = f"{campaign.name} {ed.year}"
                starts[(campaign.id, ed.year)] = (ed.start, sort_key(campaign.name))
        # With no data at all, still show this year (zeros) so the navigation link never breaks.
        self.years = rpt.years_with_data(portal.quotas.years, self.items) or [portal.build_date.year]
        self.reports = {
            year: rpt.build_year(year, units, portal.quotas.targets.get(year, {}), self.items, portal.build_date,
                                 edition_order=lambda key: starts.get(key, (dt.date.max, ())))
            for year in self.years
        }
        self.current_year = shown_year(self.years, portal.build_date.year)
        # Daily rhythm: year → [(row, Rhythm)] for the units with a `daily` target that year.
        self.rhythms = {}
        for year, report in self.reports.items():
            for unit_id, target in sorted(portal.quotas.targets.get(year, {}).items()):
                if target.daily:
                    dates = [item.date for item in report.items_of(unit_id)]
                    self.rhythms.setdefault(year, []).append(
                        (report.row(unit_id), daily_rhythm(dates, year, portal.build_date, target.daily)))
        self.context["quota_urls"] = self.urls
        self.context["quota_years"] = self.years

    def _common(self) -> dict:
        return {
            "noindex": True,
            "quota_urls": self.urls,
            "quota_years": self.years,
            "quota_current_year": self.current_year,
            "quota_type_labels": TYPES,
            "quota_edition_labels": self.edition_labels,
            "quota_status_keys": pace.STATUS_KEYS,
            "quota_status_meanings": pace.MEANINGS,
            "quota_no_target": pace.NO_TARGET,
            "quota_weekdays": WEEKDAYS,
        }

    @timed("quotas")
    def generate_output(self, writer):
        relative = self.settings["RELATIVE_URLS"]
        year_template = self.get_template("quota_year")
        unit_template = self.get_template("quota_unit")
        pages = 0
        for year, report in self.reports.items():
            writer.write_file(
                self.urls.year_save_as(year), year_template, self.context, relative,
                url=self.urls.year(year), template_name="quota_year",
                quota=report, quota_is_index=False, quota_rhythms=self.rhythms.get(year, []),
                **self._seo(report), **self._common(),
            )
            for row in report.rows:
                writer.write_file(
                    self.urls.unit_save_as(year, row.id), unit_template, self.context, relative,
                    url=self.urls.unit(year, row.id), template_name="quota_unit",
                    **self._seo(report, row.unit), **self._unit_context(report, row), **self._common(),
                )
                pages += 1
            self._write_csv(year, report)
            self._write_xlsx(year, report)
        if self.current_year is not None:
            writer.write_file(
                self.urls.index_save_as, year_template, self.context, relative,
                url=self.urls.index, template_name="quota_year",
                quota=self.reports[self.current_year], quota_is_index=True,
                quota_rhythms=self.rhythms.get(self.current_year, []),
                **self._seo(self.reports[self.current_year], index=True), **self._common(),
            )
        logger.info("quotas: wrote %d year pages, %d unit pages, %d CSV and %d spreadsheet files",
                    len(self.reports), pages, len(self.reports), len(self.reports))

    def _seo(self, report: rpt.YearReport, unit=None, index: bool = False) -> dict:
        """Title, description and breadcrumbs for plugins/seo (which also honours ``noindex``)."""
        crumbs = [("Chỉ tiêu tin, bài", self.urls.index)]
        if index:
            title = "Chỉ tiêu tin, bài"
        else:
            crumbs.append((f"Năm {report.year}", self.urls.year(report.year)))
            title = f"Chỉ tiêu tin, bài năm {report.year}"
        if unit is not None:
            crumbs.append((unit.name, self.urls.unit(report.year, unit.id)))
            title = f"{unit.name}: chỉ tiêu tin, bài năm {report.year}"
        return {
            "seo_title": title,
            "seo_description": f"Tiến độ thực hiện chỉ tiêu tin, bài năm {report.year} của các đơn vị công đoàn.",
            "breadcrumbs": crumbs,
        }

    def _unit_context(self, report: rpt.YearReport, row: rpt.UnitRow) -> dict:
        unit = row.unit
        tree = self.portal.units
        chart = bar_chart(
            row.months, MONTH_SHORT, long_labels=MONTH_LONG, element_id=f"bieu-do-{unit.id}-{report.year}",
            title=f"Số tin, bài được tính theo tháng năm {report.year}: {unit.name} (gồm cả đơn vị trực thuộc)",
            description="Số tin, bài được tính theo từng tháng, gồm cả các đơn vị trực thuộc.",
        )
        return {
            "quota": report,
            "quota_row": row,
            "quota_unit": unit,
            "quota_chart": chart,  # Markup: bar_chart escapes every value itself
            "quota_months": list(zip(range(1, 13), row.months_own, row.months)),
            "quota_people": rpt.people(report, unit.id, self.portal.roster, self.names),
            "quota_articles": [item.ref for item in report.items_of(unit.id)],
            "quota_children": [report.row(child.id) for child in unit.children],
            "quota_ancestors": list(reversed(tree.ancestors(unit.id))),
            "quota_rhythm": next((r for row_, r in self.rhythms.get(report.year, []) if row_.id == unit.id), None),
        }

    def _write_csv(self, year: int, report: rpt.YearReport) -> None:
        self._write_bytes(self.urls.csv_save_as(year), year_csv(report))

    def _write_xlsx(self, year: int, report: rpt.YearReport) -> None:
        save_as = self.urls.xlsx_save_as(year)
        if save_as:
            names = {u.id: u.name for u in self.portal.units.walk()}
            self._write_bytes(save_as, year_xlsx(report, self.portal.roster, names, self.portal.build_date))

    def _write_bytes(self, save_as: str, data: bytes) -> None:
        path = str(guard_write(os.path.join(self.output_path, save_as), self.output_path))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
        logger.info('Writing "%s"', path)

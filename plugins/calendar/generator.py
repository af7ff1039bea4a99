"""The generator that writes the editorial calendar page and its ``.ics`` feed."""

from __future__ import annotations

import datetime as dt
import logging
import os

from pelican.generators import Generator

from portal.dates import TIMEZONE
from portal.paths import guard_write
from portal.rules import editorial
from portal.timing import timed
from portal.urls import SiteUrls

from .ics import calendar_bytes

logger = logging.getLogger(__name__)


class CalendarGenerator(Generator):

    def generate_context(self):
        portal = self.settings["PORTAL"]
        self.build_date = portal.build_date
        ahead = int(self.settings.get("CALENDAR_YEARS_AHEAD", 1))
        years = range(portal.build_date.year, portal.build_date.year + ahead + 1)
        self.entries = editorial.entries(portal.campaigns, years)
        self.urls = SiteUrls(self.settings)

    def _edition_url(self, entry) -> str | None:
        url = self.urls.url("edition", id=entry.campaign_id, year=entry.year)
        return f"{self.settings.get('SITEURL', '')}/{url}" if url is not None else None

    @timed("calendar")
    def generate_output(self, writer):
        save_as = self.urls.save_as("calendar")
        by_year: dict[int, list] = {}
        for entry in self.entries:
            by_year.setdefault(entry.start.year, []).append(entry)
        if save_as:
            writer.write_file(
                save_as, self.get_template("calendar"), self.context, self.settings["RELATIVE_URLS"],
                url=self.urls.url("calendar"), template_name="calendar", noindex=True,
                calendar_by_year=sorted(by_year.items(), reverse=True), calendar_today=self.build_date,
                calendar_edition_kind=editorial.EDITION,
                seo_title="Lịch biên tập", breadcrumbs=[("Lịch biên tập", self.urls.url("calendar"))],
                seo_description="Các đợt chiến dịch truyền thông và ngày kỷ niệm trong năm của tổ chức công đoàn.",
            )
        ics = self.urls.save_as("calendar_ics")
        if ics:
            stamp = dt.datetime.combine(self.build_date, dt.time(0, 0), TIMEZONE).astimezone(dt.timezone.utc)
            data = calendar_bytes(self.entries, name=self.settings.get("SITENAME", ""),
                                  siteurl=self.settings.get("SITEURL", ""), stamp=stamp, edition_url=self._edition_url)
            path = str(guard_write(os.path.join(self.output_path, ics), self.output_path))
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(data)
            logger.info('Writing "%s"', path)

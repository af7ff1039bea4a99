"""The generator that writes /chien-dich/, each landing page and each edition page."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.contents import Page
from pelican.generators import Generator

from portal import paths as editor_paths
from portal.imagefile import ImageProcessingError, open_image
from portal.timing import timed

from .listing import build_views, highlights, index_groups, practical_info
from .settings import INDEX_TEMPLATE, TEMPLATE
from .urls import CampaignUrls

logger = logging.getLogger(__name__)


class CampaignImageError(ValueError):
    """A campaign image named in campaigns.yml cannot be read."""


class CampaignsGenerator(Generator):
    """Reads: ``settings['PORTAL'].campaigns``, the published articles (with
    ``campaign_refs``), ``content/campaigns/<id>.md``. Writes: the campaign
    pages, and ``campaign_highlights`` / ``campaign_index`` in the shared
    context (the home page strip renders from it)."""

    def generate_context(self) -> None:
        portal = self.settings["PORTAL"]
        urls = CampaignUrls(self.settings)
        from portal.types import TYPES

        published = self.context.get("articles", [])
        self.views = build_views(portal.campaigns, published, portal.build_date, urls,
                                 canonical=portal.roster.canonical, type_labels=TYPES)
        # Landing prose is read now (so its {static} links get copied) but
        # rendered in generate_output, once every static file is known.
        self.prose_pages = {c.id: self._prose(c.id) for c in portal.campaigns}
        images = {c.id: self._image(c) for c in portal.campaigns}
        for view in self.views:
            view.image = images[view.campaign.id]
            prose = self.prose_pages[view.campaign.id]
            view.practical = practical_info(prose.metadata if prose is not None else None)
        self.groups = index_groups(self.views)
        self.context["campaign_index"] = self.groups
        self.context["campaign_highlights"] = highlights(
            portal.campaigns, portal.build_date, self.settings["CAMPAIGNS_UPCOMING_DAYS"], urls)
        self.context["campaigns_url"] = urls.index_url

    def _prose(self, campaign_id: str) -> Page | None:
        """content/campaigns/<id>.md (optional), read with the NFC Markdown reader."""
        rel = f"{self.settings['CAMPAIGNS_PROSE_DIR']}/{campaign_id}.md"
        if not (Path(self.path) / rel).is_file():
            return None
        page = self.readers.read_file(base_path=self.path, path=rel, content_class=Page, context=self.context)
        self.add_static_links(page)
        return page

    def _image(self, campaign) -> dict | None:
        if not campaign.image:
            return None
        found = editor_paths.resolve(campaign.image, editor_paths.IMAGE, self.path)
        if not found.ok:  # `invoke check` (run at build start) reports it with the line
            raise CampaignImageError(f"campaigns.yml, chiến dịch «{campaign.id}»: ảnh «{editor_paths.shown(campaign.image)}»: "
                                     f"{found.reason} → {found.hint}")
        try:
            with open_image(Path(self.path) / found.rel) as img:
                width, height = img.size
        except ImageProcessingError as exc:
            raise CampaignImageError(f"campaigns.yml, chiến dịch «{campaign.id}»: không đọc được ảnh «{campaign.image}»: {exc}") from exc
        return {"url": found.rel, "width": width, "height": height, "alt": campaign.name}

    @timed("campaign pages")
    def generate_output(self, writer) -> None:
        urls = CampaignUrls(self.settings)
        relative = self.settings["RELATIVE_URLS"]
        index_crumb = ("Chiến dịch", urls.index_url)
        writer.write_file(urls.index_save_as, self.get_template(INDEX_TEMPLATE), self.context,
                          relative_urls=relative, url=urls.index_url,
                          campaign_groups=self.groups, page_name=urls.index_url,
                          seo_title="Chiến dịch truyền thông",
                          seo_description="Các chiến dịch truyền thông của Công đoàn tỉnh: đang diễn ra, "
                                          "sắp diễn ra và đã kết thúc, với số tin, bài của từng đợt.",
                          breadcrumbs=[index_crumb])
        template = self.get_template(TEMPLATE)
        prose = {cid: page.content if page else "" for cid, page in self.prose_pages.items()}
        for view in self.views:
            view.prose = prose[view.campaign.id]
            writer.write_file(view.save_as, template, self.context, relative_urls=relative,
                              paginated={"articles": view.articles}, template_name=TEMPLATE,
                              url=view.url, landing=view, campaign=view.campaign, edition=view.edition,
                              articles=view.articles, page_name=view.url,
                              seo_title=view.title, seo_description=view.campaign.describe(view.title),
                              breadcrumbs=self._breadcrumbs(view, index_crumb, urls))

    @staticmethod
    def _breadcrumbs(view, index_crumb, urls) -> list[tuple[str, str]]:
        crumbs = [index_crumb, (view.campaign.name, urls.url(view.campaign))]
        if view.edition is not None:
            crumbs.append((f"Đợt {view.edition.year}", view.url))
        return crumbs

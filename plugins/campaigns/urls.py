"""URLs and output paths of the campaign pages: the ``CAMPAIGNS_*_URL`` /
``*_SAVE_AS`` settings, formatted by ``portal.urls`` (feed URLs belong to plugins/feeds)."""

from __future__ import annotations

from dataclasses import dataclass

from portal.data.campaigns import Campaign, Edition
from portal.urls import SiteUrls


@dataclass(frozen=True)
class CampaignUrls:
    """The campaign kinds of ``portal.urls`` for model objects (a Campaign or an Edition)."""

    settings: dict

    @property
    def _urls(self) -> SiteUrls:
        return SiteUrls(self.settings)

    @property
    def index_url(self) -> str:
        return self._urls.url("campaigns")

    @property
    def index_save_as(self) -> str:
        return self._urls.save_as("campaigns")

    def url(self, target: Campaign | Edition) -> str:
        if isinstance(target, Edition):
            return self._urls.url("edition", id=target.campaign_id, year=target.year)
        return self._urls.url("campaign", id=target.id)

    def save_as(self, target: Campaign | Edition) -> str:
        if isinstance(target, Edition):
            return self._urls.save_as("edition", id=target.campaign_id, year=target.year)
        return self._urls.save_as("campaign", id=target.id)

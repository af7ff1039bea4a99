"""URLs and output paths of the campaign pages (from the settings)."""

from __future__ import annotations

from dataclasses import dataclass

from portal.data.campaigns import Campaign, Edition


@dataclass(frozen=True)
class CampaignUrls:
    """Format the ``CAMPAIGNS_*_URL`` / ``*_SAVE_AS`` patterns (feed URLs belong to plugins/feeds)."""

    settings: dict

    def _fmt(self, key: str, campaign_id: str, year: int | None = None) -> str:
        return self.settings[key].format(id=campaign_id, year=year)

    @property
    def index_url(self) -> str:
        return self.settings["CAMPAIGNS_INDEX_URL"]

    @property
    def index_save_as(self) -> str:
        return self.settings["CAMPAIGNS_INDEX_SAVE_AS"]

    def url(self, target: Campaign | Edition) -> str:
        if isinstance(target, Edition):
            return self._fmt("CAMPAIGNS_EDITION_URL", target.campaign_id, target.year)
        return self._fmt("CAMPAIGNS_CAMPAIGN_URL", target.id)

    def save_as(self, target: Campaign | Edition) -> str:
        if isinstance(target, Edition):
            return self._fmt("CAMPAIGNS_EDITION_SAVE_AS", target.campaign_id, target.year)
        return self._fmt("CAMPAIGNS_CAMPAIGN_SAVE_AS", target.id)

"""URLs and output paths of the campaign pages and feeds (from the settings)."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Campaign, Edition


@dataclass(frozen=True)
class CampaignUrls:
    """Format the ``CAMPAIGNS_*_URL`` / ``*_SAVE_AS`` / ``*_FEED_*`` patterns."""

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

    def feeds(self, target: Campaign | Edition) -> dict[str, str]:
        """``{"rss": url, "atom": url}`` of the feeds the feeds plugin writes."""
        if isinstance(target, Edition):
            return {kind: self._fmt(f"CAMPAIGNS_EDITION_FEED_{kind.upper()}", target.campaign_id, target.year)
                    for kind in ("rss", "atom")}
        return {kind: self._fmt(f"CAMPAIGNS_FEED_{kind.upper()}", target.id) for kind in ("rss", "atom")}

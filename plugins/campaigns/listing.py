"""What the campaign pages show: one view per campaign and per edition, the
index groups (running, upcoming, past) and the home-page highlights.

Pure logic on plain data: campaigns from ``model``, articles as objects with
``campaign_refs`` (list of ``(Campaign, Edition | None)``) and ``date``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from portal.text import sort_key

from portal.data.campaigns import PAST, RUNNING, STATUS_LABELS, UPCOMING, Campaign, CampaignIndex, Edition
from .stats import CampaignStats, compute_stats, newest_first
from .urls import CampaignUrls


# Practical information a campaign's Markdown (content/campaigns/<id>.md) may
# give in its header, in the order shown: header key -> Vietnamese label.
PRACTICAL_FIELDS = {
    "who": "Đối tượng",
    "what": "Nội dung",
    "when": "Thời gian",
    "where": "Địa điểm",
    "contact": "Liên hệ",
}


def practical_info(metadata: dict | None) -> list[tuple[str, str]]:
    """``[(label, text)]`` of the practical fields a landing prose header gives
    (plain text, spaces collapsed), in PRACTICAL_FIELDS order."""
    out = []
    for key, label in PRACTICAL_FIELDS.items():
        value = " ".join(str((metadata or {}).get(key) or "").split())
        if value:
            out.append((label, value))
    return out


@dataclass
class EditionRow:
    edition: Edition
    status: str
    articles: int
    url: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class CampaignView:
    """Everything a landing page (campaign or one edition) shows."""

    campaign: Campaign
    edition: Edition | None
    status: str
    # The edition the status sentence talks about: the running one, the next
    # one (upcoming) or the last one (past); for an edition page, itself.
    status_edition: Edition | None
    articles: list
    stats: CampaignStats
    editions: list[EditionRow]
    url: str
    save_as: str
    outside: int = 0  # articles of the campaign outside every edition window
    prose: str = ""
    image: dict | None = None
    practical: list[tuple[str, str]] = field(default_factory=list)  # (label, text) from the prose header

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def title(self) -> str:
        if self.edition is None:
            return self.campaign.name
        return f"{self.campaign.name} – đợt {self.edition.year}"


@dataclass
class Highlight:
    """A campaign shown on the home page."""

    campaign: Campaign
    edition: Edition
    status: str  # running or upcoming
    days: int    # days left (running) or days until the start (upcoming)
    url: str
    edition_url: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class CampaignIndexGroup:
    status: str
    views: list[CampaignView] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def articles_by_campaign(articles: Iterable) -> tuple[dict[str, list], dict[tuple[str, int], list]]:
    """Published articles per campaign id and per (campaign id, edition year)."""
    per_campaign: dict[str, list] = {}
    per_edition: dict[tuple[str, int], list] = {}
    for article in articles:
        for campaign, edition in getattr(article, "campaign_refs", None) or []:
            per_campaign.setdefault(campaign.id, []).append(article)
            if edition is not None:
                per_edition.setdefault((campaign.id, edition.year), []).append(article)
    return per_campaign, per_edition


def campaign_status(campaign: Campaign, today: dt.date) -> tuple[str, Edition | None]:
    status = campaign.status(today)
    if status == RUNNING:
        return status, campaign.running_edition(today)
    if status == UPCOMING:
        return status, campaign.next_edition(today)
    return status, campaign.last_edition(today)


def build_views(campaigns: CampaignIndex, articles: Iterable, today: dt.date, urls: CampaignUrls,
                canonical: Callable[[str], str] = lambda n: n,
                type_labels: dict[str, str] | None = None) -> list[CampaignView]:
    """One view per campaign followed by one per edition, in campaigns.yml order."""
    per_campaign, per_edition = articles_by_campaign(articles)
    views: list[CampaignView] = []
    for campaign in campaigns:
        rows = [EditionRow(e, e.status(today), len(per_edition.get((campaign.id, e.year), [])), urls.url(e))
                for e in campaign.editions]
        tagged = newest_first(per_campaign.get(campaign.id, []))
        status, status_edition = campaign_status(campaign, today)
        outside = sum(1 for a in tagged if _edition_of(a, campaign) is None)
        views.append(CampaignView(campaign, None, status, status_edition, tagged,
                                  compute_stats(tagged, canonical, type_labels), rows,
                                  urls.url(campaign), urls.save_as(campaign), outside))
        for edition in campaign.editions:
            in_edition = newest_first(per_edition.get((campaign.id, edition.year), []))
            views.append(CampaignView(campaign, edition, edition.status(today), edition, in_edition,
                                      compute_stats(in_edition, canonical, type_labels), rows,
                                      urls.url(edition), urls.save_as(edition)))
    return views


def _edition_of(article, campaign: Campaign) -> Edition | None:
    for ref, edition in article.campaign_refs:
        if ref.id == campaign.id:
            return edition
    return None


def index_groups(views: Iterable[CampaignView]) -> list[CampaignIndexGroup]:
    """Campaign-level views grouped: running first, then upcoming, then past.

    Running: ending soonest first; upcoming: starting soonest first; past:
    most recently ended first; ties in Vietnamese name order.
    """
    groups = {status: CampaignIndexGroup(status) for status in (RUNNING, UPCOMING, PAST)}
    for view in views:
        if view.edition is None:
            groups[view.status].views.append(view)
    far = dt.date.max

    def by_name(v):
        return sort_key(v.campaign.name)

    groups[RUNNING].views.sort(key=lambda v: (v.status_edition.end, by_name(v)))
    groups[UPCOMING].views.sort(key=lambda v: (v.status_edition.start, by_name(v)))
    groups[PAST].views.sort(key=by_name)
    groups[PAST].views.sort(key=lambda v: v.status_edition.end if v.status_edition else far, reverse=True)
    return [groups[s] for s in (RUNNING, UPCOMING, PAST)]


def highlights(campaigns: CampaignIndex, today: dt.date, days: int, urls: CampaignUrls) -> list[Highlight]:
    """Campaigns running on ``today``, then those whose next edition starts within ``days`` days."""
    running, upcoming = [], []
    for campaign in campaigns:
        edition = campaign.running_edition(today)
        if edition is not None:
            running.append(Highlight(campaign, edition, RUNNING, (edition.end - today).days,
                                     urls.url(campaign), urls.url(edition)))
            continue
        edition = campaign.starts_within(today, days)
        if edition is not None:
            upcoming.append(Highlight(campaign, edition, UPCOMING, (edition.start - today).days,
                                      urls.url(campaign), urls.url(edition)))
    running.sort(key=lambda h: (h.edition.end, sort_key(h.campaign.name)))
    upcoming.sort(key=lambda h: (h.edition.start, sort_key(h.campaign.name)))
    return running + upcoming

"""Campaigns from ``content/data/campaigns.yml``: matching and editions.

Pure logic: no Pelican imports.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from portal.dates import to_local
from portal.text import fold, slugify

RUNNING, UPCOMING, PAST = "running", "upcoming", "past"
STATUS_LABELS = {RUNNING: "đang diễn ra", UPCOMING: "sắp diễn ra", PAST: "đã kết thúc"}


@dataclass(frozen=True)
class Edition:
    campaign_id: str
    year: int
    start: dt.date
    end: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def status(self, today: dt.date) -> str:
        if today < self.start:
            return UPCOMING
        if today > self.end:
            return PAST
        return RUNNING


@dataclass
class Campaign:
    id: str
    name: str
    message: str
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    image: str = ""
    editions: list[Edition] = field(default_factory=list)
    line: int | None = None

    def __str__(self) -> str:
        return self.name

    def __hash__(self) -> int:
        return hash(self.id)

    def edition_for(self, day: dt.date) -> Edition | None:
        for edition in self.editions:
            if edition.contains(day):
                return edition
        return None

    def _message_rest(self) -> tuple[str, bool]:
        """The message without the campaign's name in front (messages are often
        written «Tết Sum vầy – Xuân chia sẻ: không để …») and whether it had it."""
        message = " ".join((self.message or "").split())
        name = " ".join(self.name.split())
        if name and message.casefold().startswith(name.casefold()):
            return message[len(name):].lstrip(" :–—-,."), True
        return message, False

    @property
    def tagline(self) -> str:
        """What to show under the name: the message, the name never said twice."""
        rest, prefixed = self._message_rest()
        return rest[:1].upper() + rest[1:] if prefixed else rest

    def describe(self, title: str | None = None) -> str:
        """``title: message`` for descriptions (title: the name or an edition's title), the name once."""
        rest, _ = self._message_rest()
        title = title or self.name
        return f"{title}: {rest}" if rest else title

    def edition(self, year: int) -> Edition | None:
        for edition in self.editions:
            if edition.year == year:
                return edition
        return None

    def status(self, today: dt.date) -> str:
        """running if any edition runs today, else upcoming if any is ahead, else past."""
        states = {e.status(today) for e in self.editions}
        for state in (RUNNING, UPCOMING):
            if state in states:
                return state
        return PAST

    def running_edition(self, today: dt.date) -> Edition | None:
        return self.edition_for(today)

    def next_edition(self, today: dt.date) -> Edition | None:
        """The first edition that starts after ``today``."""
        return min((e for e in self.editions if e.start > today), key=lambda e: e.start, default=None)

    def last_edition(self, today: dt.date) -> Edition | None:
        """The most recent edition that ended before ``today``."""
        return max((e for e in self.editions if e.end < today), key=lambda e: e.end, default=None)

    def current_edition(self, today: dt.date) -> Edition | None:
        """The running edition, else the next one, else the latest."""
        return (self.running_edition(today) or self.next_edition(today)
                or max(self.editions, key=lambda e: e.end, default=None))

    def starts_within(self, today: dt.date, days: int) -> Edition | None:
        """The next edition if it starts in the coming ``days`` days (tomorrow … today + days)."""
        upcoming = self.next_edition(today)
        if upcoming and (upcoming.start - today).days <= days:
            return upcoming
        return None


@dataclass
class CampaignIndex:
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    _keys: dict[str, str] = field(default_factory=dict)

    def __iter__(self):
        return iter(self.campaigns.values())

    def __len__(self) -> int:
        return len(self.campaigns)

    def get(self, campaign_id: str) -> Campaign | None:
        return self.campaigns.get(campaign_id)

    def match(self, value: str) -> Campaign | None:
        """The campaign whose id, name or alias equals ``value`` after NFC + case folding."""
        campaign_id = self._keys.get(fold(value))
        return self.campaigns.get(campaign_id) if campaign_id else None

    def keys_of(self, campaign_id: str) -> list[str]:
        """Every folded key (id, name, aliases) that points at ``campaign_id``."""
        return [key for key, cid in self._keys.items() if cid == campaign_id]

    def suggest(self, value: str, n: int = 3, cutoff: float = 0.5) -> list[str]:
        """The ids of the campaigns closest to ``value``, best first.

        Every id, name and alias is compared as a slug, so an unaccented
        ``tet sum vay`` still points at ``tet-sum-vay``. Campaigns whose keys
        share a slug are scored separately (never merged). When nothing is
        close, the ``n`` closest ids are still returned.
        """
        target = slugify(value)
        scores: dict[str, float] = {}
        for key, cid in self._keys.items():
            ratio = difflib.SequenceMatcher(None, target, slugify(key)).ratio()
            scores[cid] = max(ratio, scores.get(cid, 0.0))
        ranked = sorted(scores, key=lambda cid: (-scores[cid], cid))
        close = [cid for cid in ranked if scores[cid] >= cutoff]
        return (close or ranked)[:n]


def split_values(value) -> list[str]:
    """Split a comma-separated header value; drop empty items."""
    if isinstance(value, (list, tuple)):
        items = [str(v) for v in value]
    else:
        items = str(value).split(",")
    return [item.strip() for item in items if item.strip()]


def resolve_values(index: CampaignIndex, value, when: dt.date | dt.datetime | None
                   ) -> list[tuple[Campaign, Edition | None]]:
    """The campaigns a ``Campaign:`` header value names, each with its edition.

    Same rules as the validator: each comma-separated item matched by id,
    name or alias after NFC + case folding; duplicates kept once; unknown
    items skipped (the validator reports them). ``when`` is the article's
    date; a datetime is converted to Vietnam time first (windows are local dates).
    """
    day = to_local(when).date() if isinstance(when, dt.datetime) else when
    out: list[tuple[Campaign, Edition | None]] = []
    for item in split_values(value or ""):
        campaign = index.match(item)
        if campaign is None or any(c.id == campaign.id for c, _ in out):
            continue
        out.append((campaign, campaign.edition_for(day) if day else None))
    return out


def parse_campaigns(raw, path: Path | str, problems) -> CampaignIndex:
    """Validate the raw YAML of campaigns.yml; return the index of the valid part."""
    from portal.yamlfile import id_entries

    index = CampaignIndex()
    owners: dict[str, str] = {}
    for entry, cid, label, line in id_entries(raw, path, problems, noun="chiến dịch", example="tet-sum-vay",
                                              known=index.campaigns):
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.error(path, "name", f"{label}: thiếu tên chiến dịch", "thêm «name: ...»", line)
            name = cid
        message = entry.get("message")
        if not isinstance(message, str) or not message.strip():
            problems.error(path, "message", f"{label}: thiếu thông điệp (khẩu hiệu) của chiến dịch",
                           "thêm «message: ...»", line)
            message = ""
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problems.error(path, "aliases", f"{label}: aliases phải là danh sách chuỗi",
                           "ví dụ: aliases: [Tết Sum vầy, Xuân chia sẻ]", line)
            aliases = []
        description = entry.get("description") or ""
        if not isinstance(description, str):
            problems.error(path, "description", f"{label}: description phải là một đoạn chữ",
                           "lời giới thiệu dài đặt trong content/campaigns/<id>.md", line)
            description = ""
        image = entry.get("image") or ""
        if not isinstance(image, str):
            problems.error(path, "image", f"{label}: image phải là đường dẫn ảnh tính từ content/",
                           "ví dụ: image: images/campaigns/tet-sum-vay.jpg", line)
            image = ""
        campaign = Campaign(cid, name.strip(), message.strip(), [a.strip() for a in aliases],
                            description.strip(), image.strip().lstrip("/"), line=line)
        campaign.editions = _parse_editions(entry.get("editions"), campaign, path, problems, line)
        unknown = set(entry) - {"id", "name", "aliases", "message", "description", "image", "editions"}
        for key in sorted(unknown, key=str):
            problems.warn(path, str(key), f"{label}: trường lạ, sẽ bị bỏ qua",
                          "các trường hợp lệ: id, name, aliases, message, description, image, editions", line)
        # Every key (id, name, aliases) must point at exactly one campaign.
        keyed = [("id", cid), ("name", campaign.name), *(("aliases", a) for a in campaign.aliases)]
        for key_field, key in keyed:
            folded = fold(key)
            if not folded:
                continue
            owner = owners.get(folded)
            if owner is not None and owner != cid:
                problems.error(path, key_field, f"«{key}» của chiến dịch «{cid}» trùng với id/tên/bí danh của «{owner}»",
                               "mỗi id, tên hoặc bí danh chỉ được dùng cho một chiến dịch", line)
                continue
            if "," in key:
                problems.warn(path, key_field, f"{label}: «{key}» có dấu phẩy nên không thể ghi trong «Campaign:» "
                              "(các giá trị ở đó cách nhau bởi dấu phẩy)", "bỏ dấu phẩy hoặc dùng id/bí danh khác", line)
            owners[folded] = cid
            index._keys[folded] = cid
        index.campaigns[cid] = campaign
    return index


def _parse_editions(raw, campaign: Campaign, path, problems, line) -> list[Edition]:
    label = f"chiến dịch «{campaign.id}»"
    if raw is None:
        problems.error(path, "editions", f"{label}: thiếu danh sách đợt (editions)",
                       "thêm «editions: [{year: 2025, start: 2025-01-01, end: 2025-02-28}]»", line)
        return []
    if not isinstance(raw, list):
        problems.error(path, "editions", f"{label}: editions phải là một danh sách", "", line)
        return []
    out: list[Edition] = []
    for entry in raw:
        eline = getattr(entry, "line", line)
        if not isinstance(entry, dict):
            problems.error(path, "editions", f"{label}: mỗi đợt phải có year, start, end", "", eline)
            continue
        year, start, end = entry.get("year"), _date(entry.get("start")), _date(entry.get("end"))
        if not isinstance(year, int) or isinstance(year, bool):
            problems.error(path, "editions.year", f"{label}: năm của đợt phải là số (ví dụ 2025)", "", eline)
            continue
        if start is None or end is None:
            problems.error(path, "editions.start/end", f"{label}, đợt {year}: ngày bắt đầu/kết thúc phải có dạng YYYY-MM-DD",
                           "ví dụ: start: 2025-01-01", eline)
            continue
        if end < start:
            problems.error(path, "editions.end", f"{label}, đợt {year}: ngày kết thúc {end} trước ngày bắt đầu {start}",
                           "sửa lại ngày", eline)
            continue
        if any(e.year == year for e in out):
            problems.error(path, "editions.year", f"{label}: đợt năm {year} bị khai báo hai lần", "", eline)
            continue
        clash = next((e for e in out if e.start <= end and start <= e.end), None)
        if clash:
            problems.error(path, "editions", f"{label}: đợt {year} chồng lên đợt {clash.year}",
                           "các đợt của một chiến dịch không được chồng thời gian", eline)
            continue
        if not start.year <= year <= end.year:
            problems.warn(path, "editions.year", f"{label}: đợt {year} diễn ra {start:%d/%m/%Y}–{end:%d/%m/%Y}, không rơi vào năm {year}",
                          "năm của đợt dùng trong đường dẫn chien-dich/<id>/<năm>/; kiểm tra lại năm hoặc ngày", eline)
        out.append(Edition(campaign.id, year, start, end))
    return sorted(out, key=lambda e: e.start)


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None

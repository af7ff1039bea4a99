"""Quota targets from ``content/data/quotas.yml``.

Shape::

    2025:
      lai-chau:
        articles: 30          # annual target of counted articles
        contributors: 3       # optional: distinct active contributors
        types: {bai: 6}       # optional: per Type targets
        campaigns: {tet-sum-vay: 4}   # optional: per campaign edition of that year
        daily: 1              # optional: items a day (the daily-rhythm heat map)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from portal.types import TYPES

ARTICLE_TYPES = tuple(TYPES)  # targets per type use the same ids
MAX_DAILY = 50  # items a day: more is a typo (a yearly number typed as daily)


@dataclass
class Target:
    unit_id: str
    year: int
    articles: int = 0
    contributors: int | None = None
    types: dict[str, int] = field(default_factory=dict)
    campaigns: dict[str, int] = field(default_factory=dict)
    daily: int | None = None  # items a day asked for (None: no daily target)


@dataclass
class Quotas:
    targets: dict[int, dict[str, Target]] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        return sorted(self.targets)

    def target(self, year: int, unit_id: str) -> Target | None:
        return self.targets.get(year, {}).get(unit_id)


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _shown(value) -> str:
    """How a bad value is quoted back to the editor."""
    return "để trống" if value is None else f"đang là «{value}»"


def _year(value) -> int | None:
    """A year key: ``2025`` (or ``"2025"`` typed with quotes)."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 2000 <= value <= 2100:
        return value
    return None


def parse_quotas(raw, path: Path | str, problems, units, campaigns) -> Quotas:
    """Validate the raw YAML of quotas.yml; every problem goes to ``problems``.

    Unit ids are checked against ``units`` only when the tree loaded (a broken
    units.yml is reported once, not once per quota entry).
    """
    from portal.data.units import did_you_mean

    quotas = Quotas()
    check_units = bool(units.units)
    if raw is None:
        return quotas
    if not isinstance(raw, dict):
        problems.error(path, None, "tệp phải là bảng theo năm, rồi theo id đơn vị",
                       "ví dụ: «2025:» rồi «  tam-duong: {articles: 12}»")
        return quotas
    top_line = getattr(raw, "line", None)
    for raw_year, per_unit in raw.items():
        year = _year(raw_year)
        if year is None:
            problems.error(path, str(raw_year), f"«{raw_year}» không phải là một năm", "dùng năm 4 chữ số, ví dụ 2025", top_line)
            continue
        if year in quotas.targets:
            problems.error(path, str(raw_year), f"năm {year} được khai báo hai lần", "gộp các đơn vị vào một khóa năm", top_line)
            continue
        if not isinstance(per_unit, dict):
            problems.error(path, str(year), f"năm {year}: cần bảng các đơn vị", "ví dụ: «  tam-duong: {articles: 12}»", top_line)
            continue
        year_targets = quotas.targets.setdefault(year, {})
        for unit_id, spec in per_unit.items():
            line = getattr(spec, "line", getattr(per_unit, "line", None))
            where = f"năm {year}, đơn vị «{unit_id}»"
            if check_units and unit_id not in units:
                problems.error(path, f"{year}.{unit_id}", f"{where}: đơn vị không có trong units.yml",
                               "dùng id đơn vị có trong units.yml" + did_you_mean(units.suggest(str(unit_id))), line)
                continue
            if not isinstance(spec, dict):
                problems.error(path, f"{year}.{unit_id}", f"{where}: cần các chỉ tiêu dạng «articles: 12»", "", line)
                continue
            target = Target(unit_id, year)
            for key, value in spec.items():
                field_name = f"{year}.{unit_id}.{key}"
                if key in ("articles", "contributors"):
                    if not _is_count(value):
                        problems.error(path, field_name, f"{where}: «{key}» phải là số nguyên không âm, {_shown(value)}",
                                       f"ví dụ: {key}: {12 if key == 'articles' else 3}", line)
                        continue
                    setattr(target, key, value)
                elif key == "daily":
                    if not _is_count(value) or value == 0 or value > MAX_DAILY:
                        problems.error(path, field_name, f"{where}: «daily» (số tin, bài mỗi ngày) phải là số nguyên "
                                       f"từ 1 đến {MAX_DAILY}, {_shown(value)}", "ví dụ: daily: 1", line)
                        continue
                    target.daily = value
                elif key == "types":
                    target.types = _counts(value, ARTICLE_TYPES, field_name, where, path, problems, line,
                                           "loại bài hợp lệ: " + ", ".join(ARTICLE_TYPES))
                elif key == "campaigns":
                    known = [c.id for c in campaigns]
                    target.campaigns = _counts(value, known, field_name, where, path, problems, line,
                                               "dùng id chiến dịch trong campaigns.yml: " + ", ".join(known))
                    for cid in target.campaigns:
                        campaign = campaigns.get(cid)
                        if campaign and campaign.edition(year) is None:
                            problems.error(path, f"{field_name}.{cid}", f"{where}: chiến dịch «{cid}» không có đợt năm {year}",
                                           "thêm đợt vào campaigns.yml hoặc bỏ chỉ tiêu này", line)
                else:
                    problems.error(path, field_name, f"{where}: khóa lạ «{key}»",
                                   "các khóa hợp lệ: articles, contributors, types, campaigns, daily", line)
            if "articles" not in spec:
                problems.error(path, f"{year}.{unit_id}.articles", f"{where}: thiếu chỉ tiêu «articles»",
                               "thêm «articles: <số bài cả năm>»", line)
            year_targets[unit_id] = target
    return quotas


def _counts(value, allowed, field_name, where, path, problems, line, hint) -> dict[str, int]:
    out: dict[str, int] = {}
    if not isinstance(value, dict):
        problems.error(path, field_name, f"{where}: cần bảng «khóa: số»", hint, line)
        return out
    for key, count in value.items():
        if key not in allowed:
            problems.error(path, f"{field_name}.{key}", f"{where}: «{key}» không hợp lệ", hint, line)
        elif not _is_count(count):
            problems.error(path, f"{field_name}.{key}", f"{where}: chỉ tiêu «{key}» phải là số nguyên không âm, {_shown(count)}",
                           "ví dụ: 3", line)
        else:
            out[key] = count
    return out

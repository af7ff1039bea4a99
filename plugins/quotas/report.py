"""The numbers of one year's quota report, ready for the HTML pages and the CSV.

Pure: built from the unit tree (any objects with ``id``, ``name``, ``parent``,
``depth``, in display order), that year's targets, the counted items and the
build day. The HTML and the CSV both read these rows, so they cannot disagree.

Rolled-up target: a unit's own target plus the own targets of every unit
below it. Percent, expected-by-now and status compare the rolled-up count
with the rolled-up target (for a unit without sub-units both are its own).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable, Iterable, Mapping, Sequence

from portal.text import name_key, sort_key

from portal.rules import counting, pace
from portal.data.quotas import ARTICLE_TYPES

CountedItem = counting.CountedItem


class _PaceView:
    """Helpers shared by rows and totals (need ``status``, ``expected``, ``target``,
    ``articles``, ``contributors`` and ``contributors_target``)."""

    @property
    def status_key(self) -> str:
        return pace.STATUS_KEYS[self.status]

    @property
    def severity(self) -> int:
        """Sort rank, most urgent first (0: nothing yet / not met)."""
        return pace.SEVERITY[self.status]

    @property
    def expected_number(self) -> int:
        """Expected-by-now in whole articles."""
        return self.expected

    @property
    def missing(self) -> int:
        """Articles still missing to reach the whole year's target."""
        return max(self.target - self.articles, 0)

    @property
    def is_behind(self) -> bool:
        return pace.is_behind(self.status)

    @property
    def contributors_missing(self) -> int:
        """Active contributors missing against the contributor target (the separate flag)."""
        return pace.contributors_short(self.contributors, self.contributors_target)


@dataclass
class UnitRow(_PaceView):
    unit: object
    depth: int
    own_target: int | None  # None: no entry for the unit in quotas.yml that year
    target: int  # rolled up
    own_articles: int
    articles: int  # rolled up
    own_contributors: int
    contributors: int  # rolled up: distinct people across the subtree
    own_contributors_target: int | None
    contributors_target: int  # rolled up
    expected: int
    percent: float | None
    status: str
    types: dict[str, tuple[int, int]] = field(default_factory=dict)  # type → (count, target), rolled up
    editions: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)  # rolled up
    quarters: list[int] = field(default_factory=list)  # rolled up, Q1..Q4
    months_own: list[int] = field(default_factory=list)  # Jan..Dec
    months: list[int] = field(default_factory=list)  # rolled up

    @property
    def id(self) -> str:
        return self.unit.id

    @property
    def any_types(self) -> bool:
        """Any per-type count or target (rows shown in the per-type table)."""
        return any(count or target for count, target in self.types.values())

    @property
    def any_editions(self) -> bool:
        return any(count or target for count, target in self.editions.values())

    @property
    def name(self) -> str:
        return self.unit.name

    @property
    def parent_id(self) -> str:
        return self.unit.parent or ""


@dataclass
class Totals(_PaceView):
    target: int
    articles: int
    contributors: int
    contributors_target: int
    expected: int
    percent: float | None
    status: str
    types: dict[str, tuple[int, int]]
    editions: dict[tuple[str, int], tuple[int, int]]
    quarters: list[int]


@dataclass
class PersonRow:
    key: str
    name: str
    role: str
    articles: int
    on_roster: bool
    roster_unit: str = ""


@dataclass
class YearReport:
    year: int
    today: dt.date
    share: Fraction
    rows: list[UnitRow]
    totals: Totals
    type_columns: list[str]
    edition_columns: list[tuple[str, int]]
    items: list[CountedItem]  # counted items dated in the year, newest first
    parents: dict[str, str | None]

    @property
    def is_current(self) -> bool:
        return self.year == self.today.year

    @property
    def share_percent(self) -> float:
        return float(self.share * 100)

    @property
    def is_closed(self) -> bool:
        return pace.is_closed(self.year, self.today)

    @property
    def days_left(self) -> int:
        return pace.days_left(self.year, self.today)

    @property
    def summary(self) -> "Summary":
        return summarise(self)

    def row(self, unit_id: str) -> UnitRow:
        return next(r for r in self.rows if r.id == unit_id)

    def items_of(self, unit_id: str) -> list[CountedItem]:
        """Counted items of the unit and every unit below it, newest first."""
        ids = subtree(unit_id, self.parents)
        return [item for item in self.items if item.unit_id in ids]



def subtree(unit_id: str, parents: Mapping[str, str | None]) -> set[str]:
    """The unit and every unit below it (``portal.rules.counting.subtree``)."""
    return counting.subtree(unit_id, parents)


def years_with_data(quota_years: Iterable[int], items: Iterable[CountedItem]) -> list[int]:
    """Every year with targets or with at least one counted article."""
    return sorted(set(quota_years) | {item.date.year for item in items})


def build_year(year: int, units: Sequence, targets: Mapping[str, object],
               items: Sequence[CountedItem], today: dt.date,
               edition_order: Callable[[tuple[str, int]], object] | None = None) -> YearReport:
    """Every unit's row for ``year``; ``targets`` maps unit id → Target (model.Target).

    ``edition_order`` sorts the campaign-edition columns (default: by campaign id).
    """
    parents = {u.id: u.parent for u in units}
    period = counting.year(year)
    share = pace.elapsed_share(year, today)
    closed = pace.is_closed(year, today)
    tallies = counting.tally(items, parents, period)
    _, types = counting.breakdown(items, parents, counting.by_type, period)
    _, quarters = counting.breakdown(items, parents, counting.by_quarter, period)
    months_own, months = counting.breakdown(items, parents, counting.by_month, period)
    # A campaign edition belongs to the year it is named after, even when its
    # window starts in December of the year before: filter by edition, not date.
    editions_of_year = lambda item: [e for e in item.editions if e[1] == year]  # noqa: E731
    _, editions = counting.breakdown(items, parents, editions_of_year)

    own_target = {uid: t.articles for uid, t in targets.items()}
    own_ctarget = {uid: t.contributors for uid, t in targets.items() if t.contributors is not None}
    rolled_target = counting.roll_up(own_target, parents)
    rolled_ctarget = counting.roll_up(own_ctarget, parents)
    type_targets = counting.roll_up_counters({uid: t.types for uid, t in targets.items()}, parents)
    edition_targets = counting.roll_up_counters(
        {uid: {(cid, year): n for cid, n in t.campaigns.items()} for uid, t in targets.items()}, parents)

    type_columns = [t for t in ARTICLE_TYPES
                    if any(types[u][t] or type_targets[u][t] for u in parents)]
    edition_keys = {e for u in parents for e in (*editions[u], *edition_targets[u])}
    edition_columns = sorted(edition_keys, key=edition_order)

    rows = []
    for unit in units:
        uid = unit.id
        tl = tallies[uid]
        target = rolled_target[uid]
        own = targets.get(uid)
        rows.append(UnitRow(
            unit=unit, depth=getattr(unit, "depth", 0),
            own_target=own.articles if own else None, target=target,
            own_articles=tl.own_articles, articles=tl.articles,
            own_contributors=tl.own_contributors, contributors=tl.contributors,
            own_contributors_target=own.contributors if own else None,
            contributors_target=rolled_ctarget[uid],
            expected=pace.expected(target, share), percent=pace.percent(tl.articles, target),
            status=pace.status(tl.articles, target, share, closed),
            types={t: (types[uid][t], type_targets[uid][t]) for t in type_columns},
            editions={e: (editions[uid][e], edition_targets[uid][e]) for e in edition_columns},
            quarters=[quarters[uid][q] for q in range(1, 5)],
            months_own=[months_own[uid][m] for m in range(1, 13)],
            months=[months[uid][m] for m in range(1, 13)],
        ))

    year_items = sorted(counting.select(items, period), key=lambda i: (i.date, _title(i)), reverse=True)
    roots = [r for r in rows if not r.unit.parent]
    total_target = sum(r.target for r in roots)
    total_articles = len(year_items)
    everyone = {key for item in year_items for key in item.author_keys}
    totals = Totals(
        target=total_target, articles=total_articles, contributors=len(everyone),
        contributors_target=sum(r.contributors_target for r in roots),
        expected=pace.expected(total_target, share), percent=pace.percent(total_articles, total_target),
        status=pace.status(total_articles, total_target, share, closed),
        types={t: (sum(r.types[t][0] for r in roots), sum(r.types[t][1] for r in roots)) for t in type_columns},
        editions={e: (sum(r.editions[e][0] for r in roots), sum(r.editions[e][1] for r in roots))
                  for e in edition_columns},
        quarters=[sum(r.quarters[q] for r in roots) for q in range(4)],
    )
    return YearReport(year, today, share, rows, totals, type_columns, edition_columns, year_items, parents)


@dataclass
class Summary:
    """The line above the table: how many units (with a target) are in each status,
    and the units that lack articles, most urgent first."""

    statuses: tuple[str, ...]  # the scale of this year, in display order
    counts: dict[str, int]
    without_target: int
    behind: list[UnitRow]  # rows with a missing count, most urgent first, then by name
    contributors_short: list[UnitRow]  # rows under their contributor target

    @property
    def with_target(self) -> int:
        return sum(self.counts.values())


def summarise(report: YearReport) -> Summary:
    statuses = pace.CLOSED_STATUSES if report.is_closed else pace.CURRENT_STATUSES
    counts = {value: 0 for value in statuses}
    without = 0
    for row in report.rows:
        if row.status == pace.NO_TARGET:
            without += 1
        else:
            counts[row.status] += 1
    behind = sorted((r for r in report.rows if r.is_behind),
                    key=lambda r: (r.severity, -r.missing, sort_key(r.name)))
    short = [r for r in report.rows if r.contributors_missing]
    return Summary(statuses, counts, without, behind, short)


def _title(item: CountedItem) -> str:
    return str(getattr(item.ref, "title", ""))


def people(report: YearReport, unit_id: str, roster, names: dict[str, str]) -> list[PersonRow]:
    """The unit's contributors in the report's year, with their counted articles.

    Everyone credited with a counted article of the unit or a unit below it,
    plus the roster's people of this unit (0 if they wrote nothing). Only the
    public roster fields are used: name, role, unit. ``names``: the spelling
    shown for each name key, ``counting.display_names`` of every counted
    article (found once per build, not once per unit).
    """
    ids = subtree(unit_id, report.parents)
    counts = counting.credits(report.items, units=ids)
    rows: dict[str, PersonRow] = {}
    for key, count in counts.items():
        person = roster.find(key) if roster is not None else None
        rows[key] = PersonRow(key, person.name if person else names.get(key, key), person.role if person else "",
                              count, person is not None, person.unit if person else "")
    for person in (roster or []):
        if person.unit == unit_id and person.key not in rows:
            rows[person.key] = PersonRow(person.key, person.name, person.role, 0, True, person.unit)
    return sorted(rows.values(), key=lambda r: (-r.articles, sort_key(r.name)))


@dataclass
class AuthorInfo:
    """What an author page shows: the roster's unit and role, and counted articles."""

    key: str
    name: str
    role: str = ""
    unit_id: str = ""
    unit: object = None  # the roster unit (a contract Unit), set by the handler
    articles: list = field(default_factory=list)  # article objects, newest first
    per_year: dict[int, int] = field(default_factory=dict)


def authors(items: Iterable[CountedItem], roster) -> dict[str, AuthorInfo]:
    """Name key → AuthorInfo for everyone credited with a counted article."""
    items = sorted(items, key=lambda i: (i.date, _title(i)), reverse=True)
    names = counting.display_names(items)
    out: dict[str, AuthorInfo] = {}
    for item in items:
        for key in item.author_keys:
            info = out.get(key)
            if info is None:
                person = roster.find(key) if roster is not None else None
                info = out[key] = AuthorInfo(key, person.name if person else names[key],
                                             person.role if person else "", person.unit if person else "")
            info.articles.append(item.ref)
            info.per_year[item.date.year] = info.per_year.get(item.date.year, 0) + 1
    return out


def author_key(name: str, roster) -> str:
    """The identity key of an author name as typed (aliases resolved through the roster)."""
    return name_key(roster.canonical(name) if roster is not None else name)


"""Load and validate everything under ``content/``: the four data files and
every article. Returns the validated model plus every problem found.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from portal.data.campaigns import CampaignIndex, parse_campaigns
from portal.data.quotas import Quotas, parse_quotas
from portal.data.roster import Roster, parse_roster
from portal.privacy import PrivateValues
from portal.text import forbidden_characters, show_invisible
from portal.dates import TIMEZONE

from portal.article import ArticleFacts, article_files, check_plain_text, check_private_values, validate_article
from portal.header import parse_header
from portal.identity import Identity, load_identity
from .parallel import in_halves
from .problems import Problems
from portal.data.units import UnitTree, parse_units
from portal.yamlfile import YamlFileError, load

DATA_FILES = ("units.yml", "campaigns.yml", "quotas.yml", "contributors.yml")
# An empty file here is a mistake (quotas.yml may be empty: no targets yet).
REQUIRED_ENTRIES = {
    "units.yml": "thêm ít nhất đơn vị gốc: «- id: ..., name: ...» (xem docs/huong-dan-bien-tap.md)",
    "campaigns.yml": "thêm các chiến dịch «- id: ..., name: ..., editions: [...]» hoặc khôi phục tệp cũ",
    "contributors.yml": "thêm danh sách cộng tác viên «- name: ..., unit: ...» hoặc khôi phục tệp cũ",
}


@dataclass
class Portal:
    """The validated content model shared by every plugin (``settings['PORTAL']``)."""

    content_dir: Path
    build_date: dt.date
    units: UnitTree = field(default_factory=UnitTree)
    campaigns: CampaignIndex = field(default_factory=CampaignIndex)
    quotas: Quotas = field(default_factory=Quotas)
    roster: Roster = field(default_factory=Roster)
    # Resolved source path -> what the validator learned (set by the contract plugin).
    records: dict[str, ArticleFacts] = field(default_factory=dict)
    # Resolved paths of every static page file.
    page_files: set[str] = field(default_factory=set)
    # Matchers for the roster's phone/e-mail/Facebook (never shown, never rendered).
    private: PrivateValues = field(default_factory=PrivateValues, repr=False)
    # The federation's name, address, hotline… (content/data/identity.yml, portal.identity).
    identity: Identity = field(default_factory=Identity)

    @property
    def build_datetime(self) -> dt.datetime:
        """End of the build day, Vietnam time: anything dated up to then is published."""
        return dt.datetime.combine(self.build_date, dt.time(23, 59, 59), TIMEZONE)


def build_date_from(value) -> dt.date:
    """``PORTAL_BUILD_DATE`` may be None (today in Vietnam), a date or ``YYYY-MM-DD``."""
    if value in (None, ""):
        return dt.datetime.now(TIMEZONE).date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def load_portal(content_dir: Path, data_dir: Path, build_date: dt.date, root: Path) -> tuple[Portal, Problems]:
    problems = Problems()
    portal = Portal(content_dir=content_dir, build_date=build_date)
    raw = {}
    for name in DATA_FILES:
        path = data_dir / name
        rel = _rel(path, root)
        if not path.is_file():
            problems.error(rel, None, "không tìm thấy tệp dữ liệu", f"tạo tệp {name} theo mẫu ở mục «Tệp dữ liệu» trong README.md")
            raw[name] = None
            continue
        try:
            raw[name] = load(path)
        except YamlFileError as exc:
            problems.error(rel, None, str(exc), exc.hint, exc.line)
            raw[name] = None
            continue
        if raw[name] is None and name in REQUIRED_ENTRIES:
            problems.error(rel, None, "tệp dữ liệu rỗng", REQUIRED_ENTRIES[name])
    rel = lambda n: _rel(data_dir / n, root)  # noqa: E731
    for name, value in raw.items():
        if value is not None:
            _check_data_strings(value, rel(name), problems)
    if raw["units.yml"] is not None:
        portal.units = parse_units(raw["units.yml"], rel("units.yml"), problems)
    if raw["campaigns.yml"] is not None:
        portal.campaigns = parse_campaigns(raw["campaigns.yml"], rel("campaigns.yml"), problems)
    if raw["quotas.yml"] is not None:
        portal.quotas = parse_quotas(raw["quotas.yml"], rel("quotas.yml"), problems, portal.units, portal.campaigns)
    if raw["contributors.yml"] is not None:
        portal.roster = parse_roster(raw["contributors.yml"], rel("contributors.yml"), problems, portal.units)
        if isinstance(raw["contributors.yml"], list):
            portal.private = PrivateValues.from_roster(raw["contributors.yml"])
    return portal, problems


def check_symlinks(folder: Path, root: Path, problems: Problems) -> None:
    """Pelican follows symbolic links when it reads content; we never do: a
    link inside content/ could publish any file of the machine."""
    if not folder.is_dir():
        return
    for current, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted([*dirs, *files]):
            path = Path(current) / name
            if path.is_symlink():
                problems.error(_rel(path, root), None, "là liên kết tượng trưng (symlink), không được dùng trong content/",
                               "xoá liên kết và đặt tệp thật vào đây")
            elif name in files and not stat.S_ISREG(path.lstat().st_mode):
                problems.error(_rel(path, root), None, "không phải tệp thường (ống dẫn, thiết bị hoặc socket)",
                               "xoá mục này khỏi content/; bài viết phải là tệp văn bản .md")


def _check_data_strings(value, rel: str, problems: Problems, line: int | None = None) -> None:
    """No bidi controls or invisible characters in any key or value of a data file."""
    line = getattr(value, "line", None) or line
    if isinstance(value, dict):
        for key, item in value.items():
            _check_data_strings(key, rel, problems, line)
            _check_data_strings(item, rel, problems, line)
    elif isinstance(value, list):
        for item in value:
            _check_data_strings(item, rel, problems, line)
    elif isinstance(value, str):
        codes = forbidden_characters(value)
        if codes:
            problems.error(rel, None, f"giá trị «{show_invisible(value)[:80]}» có ký tự vô hình "
                           f"hoặc ký tự đảo chiều chữ ({', '.join(codes)})", "gõ lại giá trị này bằng tay", line)


# From this many articles on, the second half is validated in a forked child
# while this process validates the first (the other core is idle then).
SPLIT_FROM = 2000


def check_articles(portal: Portal, articles_dir: Path, save_as: str, root: Path, problems: Problems) -> list[ArticleFacts]:
    check_symlinks(articles_dir, root, problems)
    records = []
    for detached, found in in_halves(_validate_detached, article_files(articles_dir), root, portal,
                                     split_from=SPLIT_FROM):
        records.extend(_attach(rec, portal) for rec in detached)
        problems.items.extend(found)
    _check_output_paths(records, save_as, problems)
    return records


def _validate_detached(paths: list[Path], root: Path, portal: Portal) -> tuple[list[ArticleFacts], list]:
    """The facts of ``paths`` with their references to the portal's units and
    campaigns replaced by ids (in a forked child they would be the child's
    copies: ``_attach`` links them to this process's), and the problems
    found, in file order."""
    found = Problems()
    records = [validate_article(path, _rel(path, root), portal, found) for path in paths]
    for rec in records:
        rec.unit_ref = None
        rec.campaigns = [(campaign.id, None if edition is None else
                          next(i for i, e in enumerate(campaign.editions) if e is edition))
                         for campaign, edition in rec.campaigns]
    return records, found.items


def _attach(rec: ArticleFacts, portal: Portal) -> ArticleFacts:
    rec.unit_ref = portal.units[rec.unit] if rec.unit else None
    attached = []
    for campaign_id, index in rec.campaigns:
        campaign = portal.campaigns.get(campaign_id)
        attached.append((campaign, None if index is None else campaign.editions[index]))
    rec.campaigns = attached
    return rec


def _check_output_paths(records: list[ArticleFacts], save_as: str, problems: Problems) -> None:
    """Two written articles must never share an output path."""
    owners: dict[str, ArticleFacts] = {}
    for rec in records:
        if rec.date is None or not rec.slug or rec.status == "draft" or rec.scheduled:
            continue
        target = save_as.format(slug=rec.slug, date=rec.date)
        other = owners.get(target)
        if other is not None:
            problems.error(rec.rel, "Slug", f"trùng đường dẫn đầu ra «{target}» với {other.rel}",
                           "đổi tiêu đề hoặc thêm «Slug: ...» khác cho một trong hai bài")
        else:
            owners[target] = rec


def run_extra_checks(dotted_paths, portal: Portal, records, problems: Problems, settings: dict | None = None) -> None:
    """Run checks other plugins declare (``module:function`` strings); each gets the settings."""
    for dotted in dotted_paths:
        module_name, func_name = dotted.split(":")
        getattr(importlib.import_module(module_name), func_name)(portal, records, problems, settings=settings)


def check_all(settings: dict, root: Path | None = None) -> tuple[Portal, list[ArticleFacts], Problems]:
    """Validate the whole content directory as configured by Pelican ``settings``."""
    content_dir = Path(settings["PATH"]).resolve()
    root = (root or content_dir.parent).resolve()
    build_date = build_date_from(settings.get("PORTAL_BUILD_DATE"))
    portal, problems = load_portal(content_dir, content_dir / settings["CONTRACT_DATA_DIR"], build_date, root)
    # identity.yml: invalid values stop the build; missing/sample ones are
    # only `invoke check` warnings (portal.identity.identity_problems).
    portal.identity, identity_errors, _ = load_identity(settings, root)
    problems.extend(identity_errors)
    records = check_articles(portal, content_dir / settings["CONTRACT_ARTICLES_DIR"],
                             settings["ARTICLE_SAVE_AS"], root, problems)
    portal.page_files = check_pages([content_dir / p for p in settings.get("PAGE_PATHS", ())], root, problems,
                                    portal.private)
    checks = settings.get("CONTRACT_EXTRA_CHECKS")
    if checks is None:
        from portal.settings import declared_checks

        checks = declared_checks(settings)
    run_extra_checks(checks, portal, records, problems, settings)
    return portal, records, problems


def check_pages(page_dirs: list[Path], root: Path, problems: Problems, private=None) -> set[str]:
    """Static pages need a title and a known status and may not carry private
    roster values; returns their resolved paths."""
    files = set()
    for folder in page_dirs:
        check_symlinks(folder, root, problems)
        for path in article_files(folder) if folder.is_dir() else []:
            files.add(str(path.resolve()))
            rel = _rel(path, root)
            try:
                header = parse_header(path.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, OSError):
                problems.error(rel, None, "tệp không đọc được hoặc không phải mã UTF-8", "lưu lại tệp với mã hoá UTF-8")
                continue
            check_private_values(header, private, rel, problems)
            check_plain_text(header, lambda key, msg, hint="", h=header, r=rel: problems.error(
                r, h.names.get(key, key.capitalize()), msg, hint, h.line(key)))
            if not header.get("title"):
                problems.error(rel, "Title", "trang thiếu tiêu đề", "thêm dòng «Title: Tên trang» ở đầu tệp", 1)
            status = (header.get("status") or "published").lower()
            if status not in ("published", "hidden", "draft"):
                problems.error(rel, "Status", f"trạng thái «{header.get('status')}» không hợp lệ",
                               "dùng một trong: published, draft, hidden", header.line("status"))
    return files

"""One article's facts, read once from its header and validated against the
content contract.

``validate_article`` parses the header (``portal.header``, with line
numbers), reports every problem and returns :class:`ArticleFacts`: the
resolved unit, campaigns and editions, type, status, canonical authors and the
rules that depend on them (scheduled, counted). The contract plugin hands the
same object to Pelican's reader (no second parse) and every plugin and
template reads it as ``article.facts``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from portal.data.campaigns import Campaign, Edition, resolve_values, split_values
from portal.data.units import Unit, did_you_mean
from portal.dates import TIMEZONE
from portal.header import Header, parse_header
from portal.safety import unsafe_markup
from portal.types import TYPES
from portal.text import SLUG_MAX_LENGTH, forbidden_characters, has_markup, slugify

STATUSES = ("published", "draft", "hidden")
KNOWN_FIELDS = {
    "title", "date", "modified", "authors", "unit", "campaign", "type", "category",
    "tags", "summary", "image", "image_alt", "image_caption", "video", "video_duration", "source",
    "source_url", "status", "slug",
    "grade",  # royalty grade (plugins/royalties checks the value against nhuan-but.yml)
}
_DURATION = re.compile(r"^(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$")
FIRST_YEAR = 2000          # nothing the portal publishes is older
YEARS_AHEAD = 2            # a date further ahead than this is a typo
PLAIN_TEXT_FIELDS = ("title", "authors", "category", "tags", "source")
TITLE_MAX_LENGTH = 250     # a headline; longer is a paste of the body
MAX_NESTING = 20           # levels of quotes or lists a body may nest
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def is_scheduled(date: dt.datetime | None, status: str, build_end: dt.datetime) -> bool:
    """A published article dated after the build day waits for a later build."""
    return date is not None and status == "published" and date > build_end


@dataclass
class ArticleFacts:
    """What one article file says, resolved against the data files.

    ``header`` keeps every raw value with its line (for messages and for the
    reader); the rest are the resolved facts every plugin and template uses.
    """

    path: Path
    rel: str
    header: Header
    title: str = ""
    date: dt.datetime | None = None
    modified: dt.datetime | None = None
    slug: str = ""
    status: str = "published"
    unit: str | None = None                 # unit id (valid)
    unit_ref: Unit | None = None            # the unit itself
    source: str | None = None
    authors: list[str] = field(default_factory=list)   # canonical roster spelling
    campaigns: list[tuple[Campaign, Edition | None]] = field(default_factory=list)
    type: str = "tin"
    image: str | None = None
    video_duration: int | None = None       # seconds (``Video_duration: 3:25``), when known
    scheduled: bool = False                 # published, dated after the build day

    @property
    def type_label(self) -> str:
        return TYPES.get(self.type, self.type)

    @property
    def is_republished(self) -> bool:
        return bool(self.source)

    @property
    def is_published(self) -> bool:
        """On the site now: published status and not waiting for its date."""
        return self.status == "published" and not self.scheduled

    @property
    def is_counted(self) -> bool:
        """Counts for quotas: on the site, original (no ``Source``), with a unit."""
        return self.is_published and not self.is_republished and self.unit_ref is not None


def parse_datetime(value: str) -> dt.datetime | None:
    """``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM`` in Asia/Ho_Chi_Minh; None if malformed."""
    value = value.strip()
    if not _DATE.match(value):
        return None
    try:
        fmt = "%Y-%m-%d %H:%M" if " " in value else "%Y-%m-%d"
        return dt.datetime.strptime(value, fmt).replace(tzinfo=TIMEZONE)
    except ValueError:
        return None


def parse_duration(value: str) -> int | None:
    """``3:25`` or ``1:02:30`` → seconds (None if malformed or zero)."""
    match = _DURATION.match(value.strip())
    if not match:
        return None
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return (hours * 3600 + minutes * 60 + seconds) or None


def validate_article(path: Path, rel: str, portal, problems) -> ArticleFacts:
    """Check one article file; add every problem found to ``problems``."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.error(rel, None, "tệp không phải mã UTF-8", "lưu lại tệp với mã hoá UTF-8")
        return ArticleFacts(path, rel, Header())
    header = parse_header(text)
    rec = ArticleFacts(path, rel, header)
    err = lambda key, msg, hint="": problems.error(rel, header.names.get(key, key.capitalize()), msg, hint, header.line(key))  # noqa: E731
    warn = lambda key, msg, hint="": problems.warn(rel, header.names.get(key, key.capitalize()), msg, hint, header.line(key))  # noqa: E731

    for number, line in header.bad_lines:
        problems.error(rel, None, f"dòng tiêu đề không đúng dạng «Khóa: giá trị»: «{line.strip()[:60]}»",
                       "mỗi dòng đầu tệp phải là «Khóa: giá trị»; để một dòng trống trước phần nội dung", number)
    for number, key in header.duplicates:
        problems.error(rel, key, "trường bị khai báo hai lần", "xoá một dòng", number)
    for key in header.fields:
        if key not in KNOWN_FIELDS:
            near = difflib.get_close_matches(key, sorted(KNOWN_FIELDS), n=1, cutoff=0.7)
            hint = f"có phải ý bạn là «{near[0].capitalize()}»?" if near else "trường này không được dùng"
            warn(key, "trường lạ", hint)

    # Title
    rec.title = header.get("title", "")
    if not rec.title:
        err("title", "thiếu tiêu đề", "thêm dòng «Title: Tiêu đề bài viết» ở đầu tệp")
    elif len(rec.title) > TITLE_MAX_LENGTH:
        err("title", f"tiêu đề dài {len(rec.title)} ký tự, quá {TITLE_MAX_LENGTH} ký tự cho phép",
            "rút gọn tiêu đề; phần giải thích đưa vào «Summary» hoặc đoạn mở đầu")
    check_plain_text(header, err)
    check_private_values(header, getattr(portal, "private", None), rel, problems)
    _check_body_markup(header, warn_at=lambda line, msg, hint: problems.warn(rel, None, msg, hint, line))
    _check_nesting(header, lambda line, msg, hint: problems.error(rel, None, msg, hint, line))
    # Date / Modified
    raw_date = header.get("date")
    if not raw_date:
        err("date", "thiếu ngày đăng", "thêm dòng «Date: 2025-01-20 08:30» (giờ Việt Nam)")
    else:
        rec.date = parse_datetime(raw_date)
        if rec.date is None:
            err("date", f"ngày «{raw_date}» không hợp lệ", "viết theo dạng YYYY-MM-DD hoặc YYYY-MM-DD HH:MM, ví dụ 2025-01-20 08:30")
        elif not _plausible(rec.date, portal):
            err("date", f"ngày «{raw_date}» nằm ngoài khoảng cho phép "
                f"(từ năm {FIRST_YEAR} đến {YEARS_AHEAD} năm sau ngày dựng trang)",
                "kiểm tra lại năm; bài hẹn giờ đăng chỉ nên đặt trước tối đa hai năm")
            rec.date = None
    raw_mod = header.get("modified")
    if raw_mod:
        modified = parse_datetime(raw_mod)
        if modified is None:
            err("modified", f"ngày sửa «{raw_mod}» không hợp lệ", "viết theo dạng YYYY-MM-DD hoặc YYYY-MM-DD HH:MM")
        elif not _plausible(modified, portal):
            err("modified", f"ngày sửa «{raw_mod}» nằm ngoài khoảng cho phép "
                f"(từ năm {FIRST_YEAR} đến {YEARS_AHEAD} năm sau ngày dựng trang)", "kiểm tra lại năm")
        elif rec.date and modified < rec.date:
            err("modified", "ngày sửa trước ngày đăng", "ngày sửa phải bằng hoặc sau «Date»")
        else:
            rec.modified = modified
    # Authors
    rec.authors = [portal.roster.canonical(name) for name in split_values(header.get("authors", ""))]
    if not rec.authors:
        err("authors", "thiếu tác giả", "thêm «Authors: Họ Tên, Họ Tên» (cách nhau bởi dấu phẩy)")
    # Status
    rec.status = header.get("status", "published").lower() or "published"
    if rec.status not in STATUSES:
        err("status", f"trạng thái «{header.get('status')}» không hợp lệ", "dùng một trong: published, draft, hidden")
        rec.status = "draft"
    # Unit / Source
    rec.source = header.get("source") or None
    unit = header.get("unit")
    if unit:
        if unit in portal.units:
            rec.unit, rec.unit_ref = unit, portal.units[unit]
        else:
            err("unit", f"đơn vị «{unit}» không có trong content/data/units.yml",
                "dùng id của đơn vị" + did_you_mean(portal.units.suggest(unit)))
    elif not rec.source:
        err("unit", "thiếu đơn vị đưa tin", "thêm «Unit: <id đơn vị trong units.yml>», hoặc «Source:» nếu là bài đăng lại")
    source_url = header.get("source_url")
    if source_url and not _is_http(source_url):
        err("source_url", f"địa chỉ «{source_url}» không hợp lệ", "dùng địa chỉ đầy đủ bắt đầu bằng https://")
    if source_url and not rec.source:
        err("source_url", "có «Source_url» nhưng thiếu «Source»", "thêm «Source: Tên báo gốc»")
    # Type
    rec.type = (header.get("type") or "tin").lower()
    if rec.type not in TYPES:
        err("type", f"loại bài «{header.get('type')}» không hợp lệ", "dùng một trong: " + ", ".join(TYPES))
        rec.type = "tin"
    # Campaigns: matched (and given their edition) by the one rule, resolve_values
    for value in split_values(header.get("campaign", "")):
        if portal.campaigns.match(value) is None:
            err("campaign", f"chiến dịch «{value}» không có trong content/data/campaigns.yml",
                "dùng id, tên hoặc bí danh của chiến dịch" + did_you_mean(portal.campaigns.suggest(value)))
    rec.campaigns = resolve_values(portal.campaigns, header.get("campaign", ""), rec.date)
    for campaign, edition in rec.campaigns:
        if rec.date and edition is None:
            windows = "; ".join(f"{e.year}: {e.start:%d/%m/%Y}–{e.end:%d/%m/%Y}" for e in campaign.editions)
            warn("campaign", f"ngày đăng {rec.date:%d/%m/%Y} nằm ngoài mọi đợt của chiến dịch «{campaign.id}» ({windows})",
                 "bài vẫn thuộc chiến dịch nhưng không thuộc đợt nào; kiểm tra lại ngày hoặc chiến dịch")
    # Slug
    slug = header.get("slug")
    if slug:
        if not _SLUG.match(slug):
            err("slug", f"slug «{slug}» không hợp lệ", f"chỉ dùng chữ thường không dấu, số và gạch nối, ví dụ «{slugify(slug)}»")
        elif len(slug) > SLUG_MAX_LENGTH:
            err("slug", f"slug dài {len(slug)} ký tự, quá {SLUG_MAX_LENGTH} ký tự cho phép",
                f"rút gọn, ví dụ «{slugify(slug)}»")
        rec.slug = slugify(slug)
    else:
        rec.slug = slugify(rec.title)
        if rec.title and not rec.slug:
            err("title", "không tạo được đường dẫn từ tiêu đề", "thêm «Slug: duong-dan-khong-dau»")
    # Image (paths editors type: one rule, portal.paths.resolve)
    from portal import paths as editor_paths

    image = header.get("image")
    if image:
        found = editor_paths.resolve(image, editor_paths.IMAGE, portal.content_dir)
        rec.image = found.rel  # None when refused: nothing reads or publishes it
        if found.code == editor_paths.MISSING:
            err("image", f"không tìm thấy ảnh «{editor_paths.shown(image)}» trong content/",
                "đặt ảnh vào content/images/... và ghi đường dẫn tính từ content/, ví dụ images/2025/01/anh.jpg")
        elif not found.ok:
            err("image", f"ảnh đại diện «{editor_paths.shown(image)}»: {found.reason}", found.hint)
        if not header.get("image_alt"):
            err("image", "ảnh đại diện thiếu mô tả thay thế", "thêm «Image_alt: mô tả ngắn nội dung ảnh» cho người đọc bằng máy đọc màn hình")
    elif header.get("image_alt") or header.get("image_caption"):
        warn("image_alt", "có mô tả ảnh nhưng không có «Image»", "thêm «Image:» hoặc xoá dòng này")
    # Video
    video = header.get("video")
    if video and not _is_http(video):
        found = editor_paths.resolve(video, editor_paths.VIDEO, portal.content_dir)
        if found.code == editor_paths.MISSING:
            err("video", f"video «{editor_paths.shown(video)}» không phải địa chỉ https:// và không có trong content/",
                "dùng địa chỉ YouTube đầy đủ hoặc đường dẫn tệp video tính từ content/")
        elif not found.ok:
            err("video", f"video «{editor_paths.shown(video)}»: {found.reason}", found.hint)
    elif not video and rec.type == "video":
        err("video", "bài loại video nhưng thiếu «Video»", "thêm «Video: https://www.youtube.com/watch?v=...»")
    duration = header.get("video_duration")
    if duration:
        rec.video_duration = parse_duration(duration)
        if rec.video_duration is None:
            err("video_duration", f"thời lượng «{duration[:20]}» không hợp lệ",
                "viết phút:giây hoặc giờ:phút:giây, ví dụ «3:25» hoặc «1:02:30»")
        elif not video:
            warn("video_duration", "có thời lượng nhưng không có «Video»", "thêm «Video:» hoặc xoá dòng này")
    rec.scheduled = is_scheduled(rec.date, rec.status, portal.build_datetime)
    return rec


def _plausible(when: dt.datetime, portal) -> bool:
    build = portal.build_date
    try:
        latest = build.replace(year=build.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        latest = build.replace(year=build.year + YEARS_AHEAD, day=28)
    return FIRST_YEAR <= when.year and when.date() <= latest


def check_plain_text(header: Header, err) -> None:
    """Header values are plain text: no markup in names, no invisible characters anywhere,
    and every tag, category and author must make a usable address."""
    for key, value in header.fields.items():
        codes = forbidden_characters(value)
        if codes:
            err(key, f"có ký tự vô hình hoặc ký tự đảo chiều chữ ({', '.join(codes)})",
                "gõ lại dòng này bằng tay (ký tự ẩn thường theo vào khi dán từ web, Word hoặc Facebook)")
    for key in PLAIN_TEXT_FIELDS:
        value = header.get(key) or ""
        if has_markup(value):
            err(key, "có mã HTML (thẻ <...> hoặc ký hiệu &...;) trong trường chỉ được chứa chữ",
                "xoá mã HTML, chỉ giữ lại chữ; muốn định dạng thì viết trong phần nội dung")
    for key, noun in (("authors", "tác giả"), ("tags", "thẻ")):
        for item in split_values(header.get(key) or ""):
            if not slugify(item):
                err(key, f"{noun} «{item}» không tạo được đường dẫn (không có chữ cái hoặc chữ số Latinh)",
                    f"viết {noun} bằng chữ tiếng Việt hoặc chữ số")
    category = header.get("category")
    if category and not slugify(category):
        err("category", f"chuyên mục «{category}» không tạo được đường dẫn (không có chữ cái hoặc chữ số Latinh)",
            "viết tên chuyên mục bằng chữ tiếng Việt")


def check_private_values(header: Header, private, rel: str, problems) -> None:
    """A contributor's phone, e-mail or Facebook from the roster may not be published."""
    if not private:
        return
    if not private.find_in_text("\n".join([*header.fields.values(), header.body])):
        return  # one pass over the whole file (no value spans two lines); most files hold none
    hint = ("xoá thông tin này khỏi bài: số điện thoại, e-mail, Facebook trong contributors.yml "
            "là thông tin riêng tư, không bao giờ được đăng")
    for key, value in header.fields.items():
        for found in private.find_in_text(value, header.line(key) or 1):
            problems.error(rel, header.names.get(key, key), f"chứa {found.label} riêng tư của «{found.owner}»",
                           hint, found.line)
    for found in private.find_in_text(header.body, header.body_line):
        problems.error(rel, None, f"nội dung chứa {found.label} riêng tư của «{found.owner}»", hint, found.line)


_QUOTE_MARKS = re.compile(r"^[ \t]*((?:>[ \t]*)+)")


def _check_nesting(header: Header, error_at) -> None:
    """Quotes or lists nested deeper than ``MAX_NESTING`` levels: no article
    needs them, and the Markdown and HTML tools downstream recurse per level."""
    for number, line in enumerate(header.body.split("\n"), start=header.body_line):
        quotes = _QUOTE_MARKS.match(line)
        depth = quotes.group(1).count(">") if quotes else 0
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        if depth > MAX_NESTING or indent // 4 > MAX_NESTING * 2:
            error_at(number, f"nội dung lồng nhau quá sâu (trích dẫn hoặc danh sách hơn {MAX_NESTING} cấp)",
                     "giảm số cấp lồng nhau của trích dẫn «>» hoặc danh sách")
            return


def _check_body_markup(header: Header, warn_at) -> None:
    """Tell editors what the HTML sanitiser removes from what they pasted."""
    for removed in unsafe_markup(header.body):
        warn_at(header.body_line + removed.line - 1, f"nội dung có {removed.what}: sẽ bị loại bỏ khi đăng",
                "xoá đoạn mã này; bài chỉ được chứa chữ, ảnh, bảng, liên kết (thường dán vào từ trang web khác)")
    for key in ("summary", "image_caption"):
        for removed in unsafe_markup(header.get(key) or ""):
            warn_at(header.line(key), f"trường «{key.capitalize()}» có {removed.what}: sẽ bị loại bỏ khi đăng",
                    "xoá đoạn mã này, chỉ giữ lại chữ")


def _is_http(value: str) -> bool:
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def article_files(articles_dir: Path) -> list[Path]:
    """Every ``*.md`` under ``articles_dir``; symbolic links are neither followed
    nor read (``check_symlinks`` reports them)."""
    from portal.paths import output_files  # here: portal.paths is imported lazily in this module

    return sorted(Path(entry.path) for name, entry in output_files(articles_dir) if name.endswith(".md"))

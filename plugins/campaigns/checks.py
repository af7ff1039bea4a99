"""Campaign checks run by ``invoke check`` and the build (declared in CHECKS of its settings).

The per-article checks (unknown ``Campaign:`` values, dates outside every
window) live in the contract validator; these look at the campaigns
themselves: images, landing prose files, editions.
"""

from __future__ import annotations

from pathlib import Path

from portal import paths as editor_paths
from portal.article import check_private_values
from portal.header import parse_header
from portal.imagefile import UnreadableImage, inspect
from portal.text import forbidden_characters, has_markup

from .listing import PRACTICAL_FIELDS

PROSE_DIR = "campaigns"


def check_campaigns(portal, records, problems, settings: dict | None = None) -> None:
    content = Path(portal.content_dir)
    data_file = _rel(content / "data" / "campaigns.yml", content.parent)
    for campaign in portal.campaigns:
        label = f"chiến dịch «{campaign.id}»"
        if campaign.image:
            found = editor_paths.resolve(campaign.image, editor_paths.IMAGE, content)
            unreadable = _unreadable(content / found.rel) if found.ok else None
            if found.code == editor_paths.MISSING:
                problems.error(data_file, "image", f"{label}: không tìm thấy ảnh «{editor_paths.shown(campaign.image)}» trong content/",
                               "ghi đường dẫn tính từ content/, ví dụ images/campaigns/tet-sum-vay.jpg", campaign.line)
            elif not found.ok:
                problems.error(data_file, "image", f"{label}: ảnh «{editor_paths.shown(campaign.image)}»: {found.reason}",
                               found.hint, campaign.line)
            elif unreadable is not None:
                problems.error(data_file, "image", f"{label}: «{campaign.image}» {unreadable.message}",
                               unreadable.hint, campaign.line)
        if not campaign.editions:
            problems.warn(data_file, "editions", f"{label}: chưa có đợt nào nên không bài nào thuộc một đợt",
                          "thêm một đợt {year, start, end}", campaign.line)
    prose_dir = content / PROSE_DIR
    if prose_dir.is_dir():
        for path in sorted(prose_dir.rglob("*")):
            if not path.is_file() or path.name.startswith("."):
                continue
            rel = _rel(path, content.parent)
            if path.suffix != ".md":
                problems.warn(rel, None, "tệp này không được dùng: lời giới thiệu chiến dịch phải là tệp .md",
                              "đổi thành content/campaigns/<id>.md")
            elif path.parent == prose_dir and portal.campaigns.get(path.stem) is not None:
                _check_prose_header(path, rel, portal, problems)
            else:
                ids = portal.campaigns.suggest(path.stem, n=1)
                problems.warn(rel, None, f"không có chiến dịch nào có id «{path.stem}» nên lời giới thiệu này không được dùng",
                              "đặt tên tệp theo id trong campaigns.yml"
                              + (f"; có phải ý bạn là: {', '.join(i + '.md' for i in ids)}?" if ids else ""))


PROSE_FIELDS = ("title", *PRACTICAL_FIELDS)


def _check_prose_header(path: Path, rel: str, portal, problems) -> None:
    """The header of a landing prose file: ``Title`` and the practical fields
    (Who, What, When, Where, Contact), plain text only."""
    try:
        header = parse_header(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, OSError):
        problems.error(rel, None, "tệp không đọc được hoặc không phải mã UTF-8", "lưu lại tệp với mã hoá UTF-8")
        return
    for key, value in header.fields.items():
        name = header.names.get(key, key)
        if key not in PROSE_FIELDS:
            problems.warn(rel, name, "trường lạ, không được dùng",
                          "các trường dùng được: Title, " + ", ".join(k.capitalize() for k in PRACTICAL_FIELDS),
                          header.line(key))
        codes = forbidden_characters(value)
        if codes:
            problems.error(rel, name, f"có ký tự vô hình hoặc ký tự đảo chiều chữ ({', '.join(codes)})",
                           "gõ lại dòng này bằng tay", header.line(key))
        elif key in PROSE_FIELDS and has_markup(value):
            problems.error(rel, name, "có mã HTML (thẻ <...> hoặc ký hiệu &...;) trong trường chỉ được chứa chữ",
                           "xoá mã HTML, chỉ giữ lại chữ", header.line(key))
    check_private_values(header, portal.private, rel, problems)


def _unreadable(path: Path):
    """The core's verdict on a campaign image (None if it is a readable image within the pixel cap)."""
    try:
        inspect(path)
    except UnreadableImage as exc:
        return exc
    return None


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)

"""Campaign checks run by ``invoke check`` and the build (declared in CHECKS of its settings).

The per-article checks (unknown ``Campaign:`` values, dates outside every
window) live in the contract validator; these look at the campaigns
themselves: images, landing prose files, editions.
"""

from __future__ import annotations

from pathlib import Path

from portal import paths as editor_paths
from portal.imagefile import UnreadableImage, inspect

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
            elif path.parent != prose_dir or portal.campaigns.get(path.stem) is None:
                ids = portal.campaigns.suggest(path.stem, n=1)
                problems.warn(rel, None, f"không có chiến dịch nào có id «{path.stem}» nên lời giới thiệu này không được dùng",
                              "đặt tên tệp theo id trong campaigns.yml"
                              + (f"; có phải ý bạn là: {', '.join(i + '.md' for i in ids)}?" if ids else ""))


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

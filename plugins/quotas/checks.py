"""Roster checks for ``invoke check`` and the build (declared in ``CHECKS`` of its settings)."""

from __future__ import annotations


def check_roster_names(portal, records, problems, settings: dict | None = None) -> None:
    """Warn once per counted article and author whose name is not on the roster.

    The article still counts; the editor either adds the person to
    contributors.yml or adds this spelling to an existing person's aliases.
    """
    roster = portal.roster
    for record in records:
        if not record.is_counted:
            continue
        field = record.header.names.get("authors", "Authors")
        for name in record.authors:
            if roster.find(name) is None:
                problems.warn(
                    record.rel, field,
                    f"tác giả «{' '.join(name.split())}» chưa có trong danh sách cộng tác viên "
                    "(content/data/contributors.yml)",
                    "bài vẫn được tính chỉ tiêu; thêm người này vào contributors.yml, hoặc thêm cách viết "
                    "này vào «aliases» của người đã có",
                    record.header.line("authors"),
                )

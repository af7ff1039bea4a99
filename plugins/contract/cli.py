"""`invoke check`: validate every article and data file, report all problems.

Usage: ``python -m plugins.contract.cli [-s pelicanconf.py] [--build-date YYYY-MM-DD]``.
Exit status 1 on any error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pelican.settings import read_settings

from portal.identity import load_identity
from portal.load import check_all
from portal.settings import merge_all


def load_settings(settings_file: str, overrides: dict | None = None) -> dict:
    """Pelican's settings file with every plugin's defaults merged, as in a build."""
    return merge_all(read_settings(settings_file, override=overrides or {}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kiểm tra bài viết và dữ liệu theo quy ước nội dung.")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("--content", help="thư mục nội dung (mặc định: PATH trong settings)")
    parser.add_argument("--build-date", help="ngày dựng trang YYYY-MM-DD (mặc định: hôm nay)")
    args = parser.parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):  # a file name with undecodable bytes must not crash the report
        sys.stdout.reconfigure(errors="backslashreplace")
    overrides = {}
    if args.content:
        overrides["PATH"] = str(Path(args.content).resolve())
    if args.build_date:
        overrides["PORTAL_BUILD_DATE"] = args.build_date
    settings = load_settings(args.settings, overrides)
    # Name files relative to where the editor stands when the content is below it.
    content_dir, cwd = Path(settings["PATH"]).resolve(), Path.cwd().resolve()
    root = cwd if cwd in content_dir.parents else None
    portal, records, problems = check_all(settings, root=root)
    # Missing or sample federation identity (identity.yml): a warning here,
    # a refusal in `invoke publish` (portal.identity.identity_problems).
    problems.extend(load_identity(settings, root)[2])
    published = sum(1 for r in records if r.status == "published" and not r.scheduled)
    scheduled = sum(1 for r in records if r.scheduled)
    out = sys.stdout
    if problems.items:
        out.write(problems.report() + "\n")
    out.write(
        f"Đã kiểm tra {len(records)} bài ({published} đăng, {scheduled} hẹn giờ, "
        f"{sum(1 for r in records if r.status == 'draft')} nháp, "
        f"{sum(1 for r in records if r.status == 'hidden')} ẩn), "
        f"{len(portal.units.units)} đơn vị, {len(portal.campaigns)} chiến dịch.\n"
    )
    if problems.errors:
        out.write("KẾT QUẢ: CÓ LỖI — sửa các lỗi trên rồi chạy lại «invoke check».\n")
        return 1
    out.write("KẾT QUẢ: HỢP LỆ.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

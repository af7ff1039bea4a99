"""Content checks of the uptodate plugin: its settings' types."""

from __future__ import annotations

from portal.settings import check_whole_number


def check_settings(portal, records, problems, settings: dict | None = None) -> None:
    settings = settings or {}
    if not isinstance(settings.get("UPTODATE_ENABLED", True), bool):
        problems.error("pelicanconf.py", "UPTODATE_ENABLED", f"giá trị «{settings.get('UPTODATE_ENABLED')}» "
                       "không hợp lệ", "ghi True hoặc False")
    if not isinstance(settings.get("UPTODATE_RECORD_DIR", ""), str):
        problems.error("pelicanconf.py", "UPTODATE_RECORD_DIR", f"giá trị «{settings.get('UPTODATE_RECORD_DIR')}» "
                       "không hợp lệ", "ghi đường dẫn một thư mục (chuỗi), hoặc \"\" cho .cache/uptodate")
    check_whole_number(settings, "UPTODATE_PATCH_MAX", 20, problems,
                       "ghi một số nguyên từ 0 trở lên (0: luôn dựng toàn bộ)")

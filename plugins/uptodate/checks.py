"""Content checks of the uptodate plugin: its settings' types."""

from __future__ import annotations


def check_settings(portal, records, problems, settings: dict | None = None) -> None:
    settings = settings or {}
    if not isinstance(settings.get("UPTODATE_ENABLED", True), bool):
        problems.error("pelicanconf.py", "UPTODATE_ENABLED", f"giá trị «{settings.get('UPTODATE_ENABLED')}» "
                       "không hợp lệ", "ghi True hoặc False")
    if not isinstance(settings.get("UPTODATE_RECORD_DIR", ""), str):
        problems.error("pelicanconf.py", "UPTODATE_RECORD_DIR", f"giá trị «{settings.get('UPTODATE_RECORD_DIR')}» "
                       "không hợp lệ", "ghi đường dẫn một thư mục (chuỗi), hoặc \"\" cho .cache/uptodate")
    value = settings.get("UPTODATE_PATCH_MAX", 20)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems.error("pelicanconf.py", "UPTODATE_PATCH_MAX", f"giá trị «{value}» không hợp lệ",
                       "ghi một số nguyên từ 0 trở lên (0: luôn dựng toàn bộ)")

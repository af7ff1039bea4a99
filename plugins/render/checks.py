"""The render plugin's check of its settings (run by the contract with every other check)."""

from __future__ import annotations

from portal.settings import check_whole_number


def check_settings(portal, records, problems, settings: dict | None = None) -> None:
    settings = settings or {}
    check_whole_number(settings, "RENDER_WORKERS", 0, problems,
                       "ghi một số nguyên từ 0 trở lên (0: mỗi nhân CPU một tiến trình)")
    check_whole_number(settings, "RENDER_MIN_PARALLEL_PAGES", 1, problems, "ghi một số nguyên từ 1 trở lên", least=1)
    keys = settings.get("RENDER_COLLECT_KEYS", [])
    if not isinstance(keys, (list, tuple)) or not all(isinstance(k, str) for k in keys):
        problems.error("pelicanconf.py", "RENDER_COLLECT_KEYS", f"giá trị «{keys}» không hợp lệ",
                       "ghi một danh sách tên thiết lập (chuỗi)")
    for key in ("RENDER_INCREMENTAL", "RENDER_KEEP_FREED_MEMORY", "RENDER_COLD_DIGESTS"):
        if not isinstance(settings.get(key, True), bool):
            problems.error("pelicanconf.py", key, f"giá trị «{settings.get(key)}» không hợp lệ", "ghi True hoặc False")

"""The render plugin's check of its settings (run by the contract with every other check)."""

from __future__ import annotations


def check_settings(portal, records, problems, settings: dict | None = None) -> None:
    settings = settings or {}
    for key, least in (("RENDER_WORKERS", 0), ("RENDER_MIN_PARALLEL_PAGES", 1)):
        value = settings.get(key, least)
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            problems.error("pelicanconf.py", key, f"giá trị «{value}» không hợp lệ",
                           f"ghi một số nguyên từ {least} trở lên"
                           + (" (0: mỗi nhân CPU một tiến trình)" if key == "RENDER_WORKERS" else ""))
    keys = settings.get("RENDER_COLLECT_KEYS", [])
    if not isinstance(keys, (list, tuple)) or not all(isinstance(k, str) for k in keys):
        problems.error("pelicanconf.py", "RENDER_COLLECT_KEYS", f"giá trị «{keys}» không hợp lệ",
                       "ghi một danh sách tên thiết lập (chuỗi)")
    for key in ("RENDER_INCREMENTAL", "RENDER_KEEP_FREED_MEMORY"):
        if not isinstance(settings.get(key, True), bool):
            problems.error("pelicanconf.py", key, f"giá trị «{settings.get(key)}» không hợp lệ", "ghi True hoặc False")

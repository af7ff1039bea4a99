"""The vietnamese plugin's check of its settings (run by the contract with every other check)."""

from __future__ import annotations


def check_settings(portal, records, problems, settings: dict | None = None) -> None:
    value = (settings or {}).get("VIETNAMESE_HELPER_FROM", 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems.error("pelicanconf.py", "VIETNAMESE_HELPER_FROM", f"giá trị «{value}» không hợp lệ",
                       "ghi một số nguyên từ 0 trở lên (0: không dùng tiến trình phụ)")

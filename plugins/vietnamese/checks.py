"""The vietnamese plugin's check of its settings (run by the contract with every other check)."""

from __future__ import annotations

from portal.settings import check_whole_number


def check_settings(portal, records, problems, settings: dict | None = None) -> None:
    check_whole_number(settings, "VIETNAMESE_HELPER_FROM", 0, problems,
                       "ghi một số nguyên từ 0 trở lên (0: không dùng tiến trình phụ)")

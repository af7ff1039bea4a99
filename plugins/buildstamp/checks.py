"""The buildstamp plugin's check (run by the contract with every other check)."""

from __future__ import annotations

from portal.stamp import parse_moment


def check_settings(portal, records, problems, settings: dict | None = None) -> None:
    value = (settings or {}).get("BUILDSTAMP_AT")
    if value and parse_moment(value) is None:
        problems.error("pelicanconf.py", "BUILDSTAMP_AT", f"thời điểm «{value}» không đúng dạng",
                       "dùng «YYYY-MM-DD HH:MM» (giờ Việt Nam), hoặc bỏ trống để lấy lúc dựng")
    precision = (settings or {}).get("BUILDSTAMP_PRECISION", "minute")
    if precision not in ("minute", "day"):
        problems.error("pelicanconf.py", "BUILDSTAMP_PRECISION", f"giá trị «{precision}» không hợp lệ",
                       "dùng «minute» (giờ và ngày) hoặc «day» (chỉ ngày)")

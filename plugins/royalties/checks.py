"""The rate file and every article's ``Grade`` (declared in ``CHECKS`` of its settings)."""

from __future__ import annotations

from pathlib import Path

from portal.data.royalties import load_rates
from portal.rules.royalties import grade_problem
from portal.settings import check_whole_number

from .settings import DEFAULTS


def rates_path(portal, settings: dict | None) -> tuple[Path, str]:
    """The rate file and how messages name it (``content/data/nhuan-but.yml``)."""
    name = (settings or {}).get("ROYALTIES_RATES", DEFAULTS["ROYALTIES_RATES"])
    content = Path(portal.content_dir)
    path = content / name
    try:
        rel = str(path.relative_to(content.parent))
    except ValueError:
        rel = str(path)
    return path, rel


def check_royalties(portal, records, problems, settings: dict | None = None) -> None:
    """Errors for a broken rate file and for a ``Grade`` the rate file does not know;
    a warning for a grade on a work that earns nothing (republished)."""
    check_whole_number(settings, "ROYALTIES_FORK_FROM", 0, problems,
                       "ghi một số nguyên từ 0 trở lên (0: luôn ghi trong tiến trình dựng)")
    path, rel = rates_path(portal, settings)
    if not Path(portal.content_dir).is_dir():
        return
    rates = load_rates(path, rel, problems)
    for record in records:
        grade = record.header.get("grade")
        if grade is None:
            continue
        field = record.header.names.get("grade", "Grade")
        line = record.header.line("grade")
        if not grade.strip():
            problems.error(record.rel, field, "«Grade» để trống", "ghi hạng (ví dụ «Grade: A») hoặc xoá dòng", line)
            continue
        if rates is None:
            problems.error(record.rel, field, f"có hạng nhuận bút nhưng không có tệp khung nhuận bút {rel}",
                           "tạo tệp khung nhuận bút (xem docs/huong-dan-bien-tap.md) hoặc xoá dòng «Grade»", line)
            continue
        problem = grade_problem(grade, rates)
        if problem:
            hint = ("dùng một hạng có trong «grades»: " + ", ".join(rates.grades)) if rates.grades else \
                "thêm «grades» vào khung nhuận bút hoặc xoá dòng «Grade»"
            problems.error(record.rel, field, problem, hint, line)
        elif record.is_republished:
            problems.warn(record.rel, field, "bài đăng lại (có «Source») không được tính nhuận bút",
                          "xoá dòng «Grade» hoặc bỏ «Source» nếu đây là bài gốc", line)

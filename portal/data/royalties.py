"""Royalty rates (nhuận bút) from ``content/data/nhuan-but.yml``. Pure.

Shape::

    decision: Quyết định số 05/QĐ-LĐLĐ ngày 06/01/2026   # which decision set the rates (text)
    types:            # đồng per work, by article type (every type that earns)
      tin: 150000
      bai: 400000
    photo: 50000      # đồng per photo in the work (optional, default 0)
    grades:           # optional: multiplier by the article's ``Grade`` header
      A: 1.5
      B: 1
      C: 0.7

A type missing from ``types`` earns nothing; an article without ``Grade``
has the multiplier 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from portal.types import TYPES

MAX_AMOUNT = 100_000_000  # đồng for one work: more is a typo
MAX_MULTIPLIER = Decimal(10)
_GRADE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9+-]{0,3}$")
KEYS = ("decision", "types", "photo", "grades")


@dataclass
class Rates:
    decision: str = ""
    types: dict[str, int] = field(default_factory=dict)
    photo: int = 0
    grades: dict[str, Decimal] = field(default_factory=dict)

    def multiplier(self, grade: str | None) -> Decimal:
        if not grade:
            return Decimal(1)
        return self.grades.get(normalise_grade(grade), Decimal(1))


def normalise_grade(value: str) -> str:
    return value.strip().upper()


def _amount(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_AMOUNT


def _multiplier(value) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = Decimal(str(value))
    return number if Decimal(0) <= number <= MAX_MULTIPLIER else None


def parse_rates(raw, path: Path | str, problems) -> Rates:
    """Validate the raw YAML; every problem goes to ``problems`` (file, key, line, what to do)."""
    rates = Rates()
    if raw is None:
        problems.error(path, None, "tệp khung nhuận bút rỗng", "khai báo «types:» với số tiền cho từng loại bài")
        return rates
    if not isinstance(raw, dict):
        problems.error(path, None, "tệp phải là bảng «khóa: giá trị»", "xem mẫu trong docs/huong-dan-bien-tap.md")
        return rates
    line = getattr(raw, "line", None)
    for key in raw:
        if key not in KEYS:
            problems.error(path, str(key), f"khóa lạ «{key}»", "các khóa hợp lệ: " + ", ".join(KEYS), line)
    decision = raw.get("decision")
    if decision is not None:
        if not isinstance(decision, str):
            problems.error(path, "decision", "«decision» phải là chữ (số và ngày của quyết định)", "", line)
        else:
            rates.decision = " ".join(decision.split())
    types = raw.get("types")
    if not isinstance(types, dict) or not types:
        problems.error(path, "types", "thiếu bảng «types» (số tiền cho mỗi loại bài)",
                       "ví dụ: «types: {tin: 150000, bai: 400000}»", line)
    else:
        tline = getattr(types, "line", line)
        for key, value in types.items():
            if key not in TYPES:
                problems.error(path, f"types.{key}", f"loại bài «{key}» không hợp lệ",
                               "dùng một trong: " + ", ".join(TYPES), tline)
            elif not _amount(value):
                problems.error(path, f"types.{key}", f"số tiền cho «{key}» phải là số nguyên đồng từ 0 đến "
                               f"{MAX_AMOUNT:,}".replace(",", ".") + f", đang là «{value}»",
                               "viết số liền, không dấu chấm: 150000", tline)
            else:
                rates.types[key] = value
    photo = raw.get("photo", 0)
    if not _amount(photo):
        problems.error(path, "photo", f"«photo» (số tiền mỗi ảnh) phải là số nguyên đồng, đang là «{photo}»",
                       "ví dụ: photo: 50000", line)
    else:
        rates.photo = photo
    grades = raw.get("grades")
    if grades is not None:
        if not isinstance(grades, dict):
            problems.error(path, "grades", "«grades» phải là bảng «hạng: hệ số»", "ví dụ: «grades: {A: 1.5, B: 1}»", line)
        else:
            gline = getattr(grades, "line", line)
            for key, value in grades.items():
                name = str(key)
                number = _multiplier(value)
                if not _GRADE.match(name):
                    problems.error(path, f"grades.{name}", f"hạng «{name}» không hợp lệ",
                                   "hạng là 1–4 chữ cái hoặc chữ số, ví dụ A, B, C", gline)
                elif normalise_grade(name) in rates.grades:
                    problems.error(path, f"grades.{name}", f"hạng «{name}» khai báo hai lần", "xoá một dòng", gline)
                elif number is None:
                    problems.error(path, f"grades.{name}", f"hệ số của hạng «{name}» phải là số từ 0 đến "
                                   f"{MAX_MULTIPLIER}, đang là «{value}»", "ví dụ: A: 1.5", gline)
                else:
                    rates.grades[normalise_grade(name)] = number
    return rates


def load_rates(path: Path, rel: str, problems) -> Rates | None:
    """Read and validate the rate file; None when there is no such file (no royalty report)."""
    from portal.text import forbidden_characters, show_invisible
    from portal.yamlfile import YamlFileError, load

    if not path.is_file():
        return None
    try:
        raw = load(path)
    except YamlFileError as exc:
        problems.error(rel, None, str(exc), exc.hint, exc.line)
        return Rates()
    for text in _strings(raw):
        codes = forbidden_characters(text)
        if codes:
            problems.error(rel, None, f"giá trị «{show_invisible(text)[:80]}» có ký tự vô hình hoặc ký tự đảo chiều chữ "
                           f"({', '.join(codes)})", "gõ lại giá trị này bằng tay", getattr(raw, "line", None))
    return parse_rates(raw, rel, problems)


def _strings(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value

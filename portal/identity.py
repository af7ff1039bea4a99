"""The federation's identity from ``content/data/identity.yml``.

Name, address, hotline, e-mail, licence line, the person responsible for
content and the fanpage / Zalo OA addresses: one file the federation edits,
read by the templates (footer, contact page, 404, JSON-LD publisher) instead
of values written into the theme.

Two levels of problems:

* ``parse_identity`` reports what is *invalid* (wrong type, malformed phone,
  e-mail or URL, markup, unknown key) as errors: the build stops, like for
  every other data file.
* ``sample_problems`` reports what is *missing or still a sample value* (the
  sample site ships placeholders) as warnings: the sample site builds, `invoke
  check` warns, and publishing refuses (``identity_problems``) unless told to
  publish a sample.

Pure logic: no Pelican import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from portal.problems import Problems
from portal.text import has_markup
from portal.yamlfile import YamlFileError, line_of, load

FILE_NAME = "identity.yml"

# key -> (Vietnamese label, what to write there)
FIELDS: dict[str, tuple[str, str]] = {
    "name": ("tên cơ quan chủ quản", "ghi tên đầy đủ, ví dụ «Liên đoàn Lao động tỉnh Lai Châu»"),
    "address": ("địa chỉ", "ghi địa chỉ trụ sở thật (số nhà, đường, phường/xã, tỉnh)"),
    "hotline": ("đường dây nóng", "ghi số đường dây nóng thật, ví dụ «0213 3876 543»"),
    "email": ("thư điện tử", "ghi địa chỉ thư điện tử thật của ban biên tập"),
    "licence": ("dòng giấy phép", "ghi số giấy phép, cơ quan cấp và ngày cấp như trên giấy phép"),
    "responsible": ("người chịu trách nhiệm nội dung", "ghi họ tên và chức vụ, ví dụ «Nguyễn Văn A – Phó Chủ tịch LĐLĐ tỉnh»"),
    "facebook": ("trang Facebook (fanpage)", "ghi địa chỉ fanpage thật, dạng https://www.facebook.com/<tên-trang>"),
    "zalo": ("Zalo OA", "ghi địa chỉ Zalo OA thật, dạng https://zalo.me/<mã-OA>"),
}

MAX_LENGTH = 300

# The values the sample site ships with (content/data/identity.yml of the project).
SAMPLE_VALUES = frozenset({
    "Tầng 2, Trụ sở Liên đoàn Lao động tỉnh, số 00 đường Mẫu, phường Mẫu, tỉnh Lai Châu (địa chỉ mẫu)",
    "1900 0000",
    "toasoan@example.vn",
    "Giấy phép thiết lập trang thông tin điện tử tổng hợp số 00/GP-TTĐT (giấy phép mẫu)",
    "Họ và tên (mẫu) – Phó Chủ tịch Liên đoàn Lao động tỉnh",
    "https://www.facebook.com/example",
    "https://zalo.me/0000000000000000000",
})
# Words that mark a placeholder anywhere in a value.
_SAMPLE_MARKERS = re.compile(r"\b(?:mẫu|minh họa|minh hoạ|example|placeholder|xxx+|todo)\b|\.\.\.|…", re.IGNORECASE)
_SAMPLE_DOMAINS = re.compile(r"(?:^|\.)(?:example(?:\.[a-z]+)*|[a-z0-9-]+\.(?:example|invalid|test|localhost))$")

_PHONE = re.compile(r"^\+?[0-9][0-9 .()-]*[0-9]$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_HOSTS = {
    "facebook": ("facebook.com", "www.facebook.com", "m.facebook.com", "fb.com"),
    "zalo": ("zalo.me", "oa.zalo.me"),
}


@dataclass(frozen=True)
class Identity:
    """What the templates show; empty strings for what the file does not give."""

    name: str = ""
    address: str = ""
    hotline: str = ""
    email: str = ""
    licence: str = ""
    responsible: str = ""
    facebook: str = ""
    zalo: str = ""

    @property
    def tel(self) -> str:
        """The hotline for a ``tel:`` link (digits and a leading +)."""
        return re.sub(r"[^0-9+]", "", self.hotline)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


def identity_path(settings: dict) -> Path:
    """``<PATH>/<CONTRACT_DATA_DIR>/identity.yml`` of a Pelican settings dict."""
    return Path(settings["PATH"]) / settings.get("CONTRACT_DATA_DIR", "data") / FILE_NAME


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def key_lines(text: str) -> dict[str, int]:
    """Line (1-based) of each top-level ``key:`` of the file, for messages."""
    lines = {}
    for number, row in enumerate(text.splitlines(), start=1):
        match = re.match(r"([A-Za-z_]+)\s*:", row)
        if match:
            lines.setdefault(match.group(1), number)
    return lines


def parse_identity(raw, path, problems: Problems, lines: dict[str, int] | None = None) -> Identity:
    """Validate the mapping read from identity.yml; errors for invalid values."""
    if raw is None:
        return Identity()
    if not isinstance(raw, dict):
        problems.error(path, None, "tệp phải là một bảng «khóa: giá trị»",
                       "mỗi dòng một trường, ví dụ «hotline: \"0213 3876 543\"» (xem docs/huong-dan-bien-tap.md)")
        return Identity()
    lines = lines or {}
    line = line_of(raw)
    for key in raw:
        if key not in FIELDS:
            problems.error(path, str(key), "trường không có trong tệp thông tin cơ quan",
                           "các trường hợp lệ: " + ", ".join(FIELDS), lines.get(str(key), line))
    values = {}
    for key, (label, hint) in FIELDS.items():
        line = lines.get(key, line_of(raw))
        value = raw.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            problems.error(path, key, f"{label} phải là một dòng chữ", hint, line)
            continue
        value = " ".join(str(value).split())
        error = _invalid(key, value)
        if error:
            problems.error(path, key, f"{label} «{value[:80]}» {error}", hint, line)
            continue
        values[key] = value
    return Identity(**values)


def _invalid(key: str, value: str) -> str:
    """Why ``value`` cannot be used for ``key`` ("" when it can)."""
    if len(value) > MAX_LENGTH:
        return f"dài quá {MAX_LENGTH} ký tự"
    if has_markup(value):
        return "có thẻ HTML hoặc ký hiệu «&...;»; chỉ ghi chữ"
    if key == "hotline":
        if not _PHONE.match(value) or not 3 <= len(_digits(value)) <= 15:
            return "không phải số điện thoại (chỉ gồm chữ số, dấu cách, dấu chấm, «+»)"
    elif key == "email":
        if not _EMAIL.match(value):
            return "không phải địa chỉ thư điện tử"
    elif key in _HOSTS:
        parts = urlsplit(value)
        if parts.scheme != "https" or (parts.hostname or "") not in _HOSTS[key] or parts.path in ("", "/"):
            return f"không phải địa chỉ https://{_HOSTS[key][0]}/… của một trang"
    return ""


def is_sample(key: str, value: str) -> bool:
    """Whether ``value`` is still a sample/placeholder value."""
    if value in SAMPLE_VALUES or _SAMPLE_MARKERS.search(value):
        return True
    if key == "hotline":
        digits = _digits(value)
        return not digits[4:].strip("0") or len(set(digits)) == 1
    if key == "email":
        return bool(_SAMPLE_DOMAINS.search(value.rsplit("@", 1)[-1].lower()))
    if key in _HOSTS:
        tail = urlsplit(value).path.strip("/").lower()
        return tail in ("", "example", "ten-trang", "ma-oa") or set(tail) <= {"0"}
    return False


def sample_problems(raw, path, problems: Problems, lines: dict[str, int] | None = None) -> None:
    """Warn for every field that is missing or still a sample value."""
    raw = raw if isinstance(raw, dict) else {}
    lines = lines or {}
    for key, (label, hint) in FIELDS.items():
        line = lines.get(key)
        value = raw.get(key)
        value = " ".join(str(value).split()) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        if not value:
            problems.warn(path, key, f"thiếu {label}", f"thêm dòng «{key}: ...»: {hint}", line)
        elif is_sample(key, value):
            problems.warn(path, key, f"{label} «{value[:120]}» vẫn là giá trị mẫu", hint, line)


def load_identity(settings: dict, root: Path | None = None) -> tuple[Identity, Problems, Problems]:
    """Read identity.yml: ``(identity, errors, sample warnings)``.

    A missing file is no build error (small test sites have none), only a
    warning: the site then shows no contact details.
    """
    path = identity_path(settings)
    try:
        rel = str(path.resolve().relative_to((root or Path(settings["PATH"]).resolve().parent).resolve()))
    except ValueError:
        rel = str(path)
    errors, warnings = Problems(), Problems()
    if not path.is_file():
        warnings.warn(rel, None, "không có tệp thông tin cơ quan (tên, địa chỉ, đường dây nóng…)",
                      f"tạo tệp {FILE_NAME} theo mẫu trong docs/huong-dan-bien-tap.md, mục «Thông tin cơ quan»")
        return Identity(), errors, warnings
    try:
        raw = load(path)
    except YamlFileError as exc:
        errors.error(rel, None, str(exc), exc.hint, exc.line)
        return Identity(), errors, warnings
    lines = key_lines(path.read_text(encoding="utf-8"))
    identity = parse_identity(raw, rel, errors, lines)
    sample_problems(raw, rel, warnings, lines)
    return identity, errors, warnings


def identity_problems(settings: dict) -> list[str]:
    """Every reason the federation's identity is not ready for the public site:
    invalid values, missing values and sample values, one Vietnamese message
    each (file, field, what to do). Empty when everything is real."""
    _, errors, warnings = load_identity(settings)
    return [p.format().replace("[cảnh báo] ", "") for p in [*errors.items, *warnings.items]]

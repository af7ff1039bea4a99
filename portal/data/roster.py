"""The contributor roster from ``content/data/contributors.yml``.

Phone, e-mail and Facebook are read only to validate the file; they are never
kept on the objects handed to templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from portal.text import name_key

PUBLIC_FIELDS = ("name", "unit", "role")
PRIVATE_FIELDS = ("phone", "email", "facebook")


@dataclass(frozen=True)
class Contributor:
    name: str
    unit: str
    role: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return name_key(self.name)


@dataclass
class Roster:
    people: list[Contributor] = field(default_factory=list)
    _by_key: dict[str, Contributor] = field(default_factory=dict)

    def find(self, name: str) -> Contributor | None:
        return self._by_key.get(name_key(name))

    def canonical(self, name: str) -> str:
        """The roster spelling of a name (aliases resolved), else the name as typed."""
        person = self.find(name)
        return person.name if person else " ".join(name.split())

    def __iter__(self):
        return iter(self.people)


def parse_roster(raw, path: Path | str, problems, units) -> Roster:
    from portal.data.units import did_you_mean

    roster = Roster()
    check_units = bool(units.units)  # a broken units.yml is reported once, not per person
    if raw is None:
        return roster
    if not isinstance(raw, list):
        problems.error(path, None, "tệp phải là một danh sách người", "mỗi người bắt đầu bằng «- name: ...»")
        return roster
    for number, entry in enumerate(raw, start=1):
        line = getattr(entry, "line", None)
        if not isinstance(entry, dict):
            problems.error(path, None, f"mục thứ {number} không phải là một người", "", line)
            continue
        name = entry.get("name")
        label = f"«{name}»" if name else f"người thứ {number}"
        if not isinstance(name, str) or not name.strip():
            problems.error(path, "name", f"{label}: thiếu họ tên", "thêm «name: Họ và tên»", line)
            continue
        unit = entry.get("unit")
        if unit is None:
            problems.error(path, "unit", f"{label}: thiếu đơn vị", "thêm «unit: <id đơn vị trong units.yml>»", line)
            continue
        if not isinstance(unit, str) or (check_units and unit not in units):
            problems.error(path, "unit", f"{label}: đơn vị «{unit}» không có trong units.yml",
                           "dùng id đơn vị có trong units.yml" + did_you_mean(units.suggest(str(unit or ""))), line)
            continue
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            problems.error(path, "aliases", f"{label}: aliases phải là danh sách tên",
                           "ví dụ: aliases: [Lò V. Thắng]", line)
            aliases = []
        role = entry.get("role")
        if role is not None and not isinstance(role, str):
            problems.error(path, "role", f"{label}: chức danh (role) phải là chữ", "ví dụ: role: Cộng tác viên", line)
            role = None
        for key in PRIVATE_FIELDS:
            value = entry.get(key)
            if value is not None and not isinstance(value, str):
                problems.error(path, key, f"{label}: {key} phải là chữ (đặt trong dấu ngoặc kép)",
                               f'ví dụ: {key}: "0912 345 678" — viết không có ngoặc kép, YAML có thể đọc thành số '
                               "khác (số bắt đầu bằng 0) hoặc danh sách, và thông tin này không còn được bảo vệ", line)
        unknown = set(entry) - set(PUBLIC_FIELDS) - set(PRIVATE_FIELDS) - {"aliases"}
        for key in sorted(unknown, key=str):
            problems.warn(path, str(key), f"{label}: trường lạ, sẽ bị bỏ qua",
                          "các trường hợp lệ: name, unit, role, phone, email, facebook, aliases", line)
        person = Contributor(" ".join(name.split()), unit, (role or "").strip(),
                             tuple(" ".join(a.split()) for a in aliases))
        for key in [person.name, *person.aliases]:
            other = roster._by_key.get(name_key(key))
            if other is person:
                continue  # an alias that only differs from the name by case or spacing
            if other is not None:
                problems.error(path, "name", f"{label}: tên «{key}» trùng với người đã có ({other.name}, {other.unit})",
                               "nếu là hai người trùng tên, thêm chữ lót hoặc ghi chú để phân biệt", line)
                continue
            roster._by_key[name_key(key)] = person
        roster.people.append(person)
    return roster

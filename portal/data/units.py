"""The organisation tree from ``content/data/units.yml``."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from portal.text import fold, slugify, sort_key

from portal.problems import Problems
from portal.yamlfile import id_entries

KINDS = {
    "tinh": "Liên đoàn Lao động tỉnh",
    "huyen": "Công đoàn cấp trên trực tiếp cơ sở",
    "nganh": "Công đoàn ngành",
    "ban": "Ban, văn phòng",
    "cdcs": "Công đoàn cơ sở",
}


@dataclass
class Unit:
    id: str
    name: str
    short_name: str = ""
    parent: str | None = None
    kind: str = ""
    children: list["Unit"] = field(default_factory=list, repr=False)
    depth: int = 0

    @property
    def label(self) -> str:
        return self.short_name or self.name

    def __str__(self) -> str:
        return self.name


def lineage(unit_id: str, parents: Mapping[str, str | None]) -> list[str]:
    """The unit then its ancestors, root last (stops on a cycle or an unknown id)."""
    out = []
    current: str | None = unit_id
    while current is not None and current not in out:
        out.append(current)
        current = parents.get(current)
    return out


def subtree(unit_id: str, parents: Mapping[str, str | None]) -> set[str]:
    """The unit and every unit below it."""
    return {u for u in parents if unit_id in lineage(u, parents)}


@dataclass
class UnitTree:
    units: dict[str, Unit] = field(default_factory=dict)

    def __contains__(self, unit_id) -> bool:
        return unit_id in self.units

    def __getitem__(self, unit_id) -> Unit:
        return self.units[unit_id]

    def get(self, unit_id):
        return self.units.get(unit_id)

    @property
    def roots(self) -> list[Unit]:
        return sorted(
            (u for u in self.units.values() if u.parent is None),
            key=lambda u: sort_key(u.name),
        )

    def ancestors(self, unit_id: str) -> list[Unit]:
        """Parent first, root last."""
        out = []
        unit = self.units.get(unit_id)
        while unit is not None and unit.parent is not None:
            unit = self.units.get(unit.parent)
            if unit is None or unit in out:
                break
            out.append(unit)
        return out

    @property
    def parents(self) -> dict[str, str | None]:
        return {unit_id: unit.parent for unit_id, unit in self.units.items()}

    def lineage(self, unit_id: str) -> list[str]:
        """The unit's id then its ancestors' ids."""
        return lineage(unit_id, self.parents)

    def descendants(self, unit_id: str) -> list[Unit]:
        out = []
        for child in self.units[unit_id].children:
            out.append(child)
            out.extend(self.descendants(child.id))
        return out

    def subtree_ids(self, unit_id: str) -> set[str]:
        return subtree(unit_id, self.parents) | {unit_id}

    def walk(self) -> list[Unit]:
        """Depth-first, children in Vietnamese alphabetical order."""
        out: list[Unit] = []

        def visit(unit: Unit) -> None:
            out.append(unit)
            for child in unit.children:
                visit(child)

        for root in self.roots:
            visit(root)
        return out

    def suggest(self, value: str, n: int = 3) -> list[str]:
        """Closest unit ids to a mistyped value (by id or by name)."""
        by_key = {u.id: u.id for u in self.units.values()}
        by_key.update({slugify(u.name): u.id for u in self.units.values()})
        by_key.update({slugify(u.short_name): u.id for u in self.units.values() if u.short_name})
        hits = difflib.get_close_matches(slugify(value), list(by_key), n=n * 2, cutoff=0.6)
        out = []
        for key in hits:
            if by_key[key] not in out:
                out.append(by_key[key])
        return out[:n]


def parse_units(raw, path: Path | str, problems: Problems) -> UnitTree:
    """Validate the raw YAML of units.yml; return the tree of the valid part."""
    tree = UnitTree()
    for entry, unit_id, label, line in id_entries(raw, path, problems, noun="đơn vị", example="tam-duong",
                                                  known=tree.units, describe=lambda u: u.name):
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.error(path, "name", f"{label}: thiếu tên đơn vị", "thêm «name: Tên đầy đủ»", line)
            name = unit_id
        parent = entry.get("parent")
        if parent is not None and not isinstance(parent, str):
            problems.error(path, "parent", f"{label}: parent phải là id của một đơn vị", "", line)
            parent = None
        kind = entry.get("kind") or ""
        unknown = set(entry) - {"id", "name", "short_name", "parent", "kind", "description"}
        for key in sorted(unknown, key=str):
            problems.warn(path, str(key), f"{label}: trường lạ, sẽ bị bỏ qua",
                          "các trường hợp lệ: id, name, short_name, parent, kind", line)
        unit = Unit(unit_id, name.strip(), str(entry.get("short_name") or "").strip(), parent, kind)
        unit.line = line
        tree.units[unit_id] = unit
    # Parents exist; no cycles.
    orphans: set[str] = set()  # reported once here, not again as extra roots
    for unit in list(tree.units.values()):
        if unit.parent is not None and unit.parent not in tree.units:
            orphans.add(unit.id)
            near = tree.suggest(unit.parent)
            problems.error(path, "parent", f"đơn vị «{unit.id}»: đơn vị cha «{unit.parent}» không tồn tại",
                           f"dùng một id có trong units.yml{did_you_mean(near)}", unit.line)
            unit.parent = None
    members = _cycle_members(tree)
    reported: set[str] = set()
    for unit_id in sorted(members):
        if unit_id in reported:
            continue
        cycle = [unit_id]
        cur = tree.units[unit_id].parent
        while cur != unit_id:
            cycle.append(cur)
            cur = tree.units[cur].parent
        reported.update(cycle)
        problems.error(path, "parent", "vòng lặp trong cây đơn vị: " + " → ".join(cycle + [unit_id]),
                       "sửa «parent» để mỗi đơn vị dẫn lên đúng một gốc", tree.units[unit_id].line)
    for unit_id in members:
        tree.units[unit_id].parent = None
    roots = [u for u in tree.units.values() if u.parent is None and u.id not in orphans]
    if tree.units and len(roots) != 1 and not members:
        problems.error(path, "parent", f"cây đơn vị phải có đúng một gốc, hiện có {len(roots)}: "
                       + ", ".join(u.id for u in roots), "chỉ đơn vị cấp tỉnh được bỏ trống «parent»")
    for unit in tree.units.values():
        if unit.parent:
            tree.units[unit.parent].children.append(unit)
    for unit in tree.units.values():
        unit.children.sort(key=lambda u: sort_key(u.name))
        unit.depth = len(tree.ancestors(unit.id))
    return tree


def _cycle_members(tree: UnitTree) -> set[str]:
    members = set()
    for unit in tree.units.values():
        seen = [unit.id]
        cur = unit
        while cur.parent is not None and cur.parent in tree.units:
            if cur.parent in seen:
                members.update(seen[seen.index(cur.parent):])
                break
            if cur.parent in members:
                break
            seen.append(cur.parent)
            cur = tree.units[cur.parent]
    return members


def did_you_mean(ids: list[str]) -> str:
    return f"; có phải ý bạn là: {', '.join(ids)}?" if ids else ""


__all__ = ["KINDS", "Unit", "UnitTree", "parse_units", "did_you_mean", "fold"]

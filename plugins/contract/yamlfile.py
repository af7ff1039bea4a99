"""YAML loading that keeps line numbers, for error messages."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from vietnamese.text import nfc_deep


class LineDict(dict):
    """A mapping that remembers the line where it started (1-based)."""

    line: int | None = None


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    mapping = LineDict(loader.construct_pairs(node, deep=True))
    mapping.line = node.start_mark.line + 1
    keys = [loader.construct_object(k, deep=True) for k, _ in node.value]
    dupes = {k for k in keys if keys.count(k) > 1}
    if dupes:
        raise yaml.constructor.ConstructorError(
            None, None, f"khóa bị lặp: {', '.join(map(str, sorted(dupes, key=str)))}",
            node.start_mark,
        )
    return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)


class YamlFileError(ValueError):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


def load(path: Path):
    """Load a YAML file as NFC data with LineDict mappings.

    Raises ``YamlFileError`` (Vietnamese message, line) on syntax errors.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlFileError("tệp không phải UTF-8", None) from exc
    try:
        return nfc_deep_keep_lines(yaml.load(text, Loader=_LineLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlFileError(f"lỗi cú pháp YAML: {exc.problem or exc}", line) from exc


def nfc_deep_keep_lines(value):
    if isinstance(value, LineDict):
        out = LineDict(nfc_deep_keep_lines_items(value))
        out.line = value.line
        return out
    if isinstance(value, list):
        return [nfc_deep_keep_lines(v) for v in value]
    return nfc_deep(value)


def nfc_deep_keep_lines_items(mapping):
    return {nfc_deep(k): nfc_deep_keep_lines(v) for k, v in mapping.items()}


def line_of(value) -> int | None:
    return getattr(value, "line", None)


ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def id_entries(raw, path, problems, *, noun: str, example: str, known: dict, describe=None):
    """Yield ``(entry, id, label, line)`` for each usable ``- id: ...`` mapping of a list file.

    Reports (and skips) a file that is not a list, items that are not
    mappings, ids that are not lower-case ASCII slugs and ids already in
    ``known``; ``describe(existing)`` may add who owns a duplicate id.
    """
    if not isinstance(raw, list):
        problems.error(path, None, f"tệp phải là một danh sách các {noun}", f"mỗi {noun} bắt đầu bằng «- id: ...»")
        return
    for number, entry in enumerate(raw, start=1):
        line = line_of(entry)
        if not isinstance(entry, dict):
            problems.error(path, None, f"mục thứ {number} không phải là một {noun}", "dùng dạng «- id: ..., name: ...»", line)
            continue
        entry_id = entry.get("id")
        label = f"{noun} «{entry_id}»" if entry_id else f"{noun} thứ {number}"
        if not isinstance(entry_id, str) or not ID_PATTERN.match(entry_id):
            problems.error(path, "id", f"{label}: id phải là chữ thường không dấu, số và gạch nối",
                           f"ví dụ: {example}", line)
            continue
        if entry_id in known:
            owner = f" (đã dùng cho «{describe(known[entry_id])}»)" if describe else ""
            problems.error(path, "id", f"id «{entry_id}» bị trùng{owner}", f"mỗi {noun} cần một id riêng", line)
            continue
        yield entry, entry_id, label, line

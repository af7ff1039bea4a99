"""YAML loading that keeps line numbers, for error messages."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from portal.text import nfc_deep


class LineDict(dict):
    """A mapping that remembers the line where it started (1-based)."""

    line: int | None = None


MAX_BYTES = 2 * 1024 * 1024   # a data file larger than this is not a hand-kept list


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that keeps line numbers, refuses anchors and aliases (a few
    nested aliases expand to gigabytes: "billion laughs") and reports an
    impossible date (``2024-02-30``) at its line instead of crashing."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f"không dùng bí danh YAML «*{event.anchor}»", event.start_mark)
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise yaml.composer.ComposerError(
                None, None, f"không dùng neo YAML «&{anchor}»", event.start_mark)
        return super().compose_node(parent, index)


def _construct_timestamp(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"ngày «{node.value}» không tồn tại", node.start_mark) from exc


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _construct_int(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"số «{str(node.value)[:20]}…» quá lớn", node.start_mark) from exc


_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None, None, "khóa phải là chữ hoặc số, không được là danh sách hay bảng", key_node.start_mark)
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
    def __init__(self, message: str, line: int | None, hint: str = ""):
        super().__init__(message)
        self.line = line
        self.hint = hint or "sửa cú pháp YAML (thụt lề bằng dấu cách, «khóa: giá trị»)"


def load(path: Path):
    """Load a YAML file as NFC data with LineDict mappings.

    Raises ``YamlFileError`` (Vietnamese message, line) on syntax errors.
    """
    try:
        if path.is_symlink():
            raise YamlFileError("tệp là liên kết tượng trưng (symlink)", None)
        if path.stat().st_size > MAX_BYTES:
            raise YamlFileError(f"tệp lớn hơn {MAX_BYTES // (1024 * 1024)} MB", None)
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlFileError("tệp không phải UTF-8", None) from exc
    except OSError as exc:
        raise YamlFileError(f"không đọc được tệp ({exc.strerror or exc})", None) from exc
    try:
        return nfc_deep_keep_lines(yaml.load(text, Loader=_LineLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = str(exc.problem or exc)
        if "YAML «" in problem:
            hint = "viết đầy đủ giá trị ở mỗi chỗ cần dùng (tệp dữ liệu không dùng &neo và *bí danh)"
        elif problem.startswith("ngày «"):
            hint = "sửa thành một ngày có thật, dạng YYYY-MM-DD, ví dụ 2025-01-20"
        elif problem.startswith("khóa phải"):
            hint = "mỗi khóa là một từ như «id», «name»; bỏ dấu «?» và ngoặc ở đầu dòng"
        elif problem.startswith("số «"):
            hint = "chỉ tiêu là số nguyên không âm nhỏ hợp lý, ví dụ 12"
        else:
            hint = ""
        raise YamlFileError(f"lỗi cú pháp YAML: {problem}" if not hint else problem, line, hint) from exc
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise YamlFileError(f"lỗi YAML: {exc}", None) from exc


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
ID_MAX_LENGTH = 60  # ids are parts of addresses: keep every output path short


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
        if not isinstance(entry_id, str) or not ID_PATTERN.match(entry_id) or len(entry_id) > ID_MAX_LENGTH:
            problems.error(path, "id", f"{label}: id phải là chữ thường không dấu, số và gạch nối, tối đa {ID_MAX_LENGTH} ký tự",
                           f"ví dụ: {example}", line)
            continue
        if entry_id in known:
            owner = f" (đã dùng cho «{describe(known[entry_id])}»)" if describe else ""
            problems.error(path, "id", f"id «{entry_id}» bị trùng{owner}", f"mỗi {noun} cần một id riêng", line)
            continue
        yield entry, entry_id, label, line

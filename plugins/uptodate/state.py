"""The inputs of a build as named digests, and the record of the last one."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import portal
from portal.fingerprint import Fingerprinter
from portal.load import build_date_from
from portal.paths import source_key
from portal.snapshot import entries_digest, environment_digest, tree_state

# Settings that are not inputs: per-run bookkeeping, and what the contract
# derives from the content folder (digested as files).
SKIPPED_SETTINGS = frozenset({"PORTAL", "PORTAL_TIMINGS"})
RECORD_VERSION = 2


def record_dir(settings: dict) -> Path:
    configured = settings.get("UPTODATE_RECORD_DIR")
    if configured:
        return Path(configured)
    return Path(settings["PATH"]).parent / ".cache" / "uptodate"


def record_file(settings: dict, output: Path) -> Path:
    """One record per output folder (a preview and a production build may share a cache)."""
    import hashlib

    key = hashlib.blake2b(str(Path(output).resolve()).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return record_dir(settings) / f"{key}.json"


def settings_digest(settings: dict) -> str | None:
    """One digest of every setting (``None``: one has no digest stable between runs)."""
    fingerprinter = Fingerprinter()
    values = {k: v for k, v in settings.items() if not k.startswith("_") and k not in SKIPPED_SETTINGS}
    found = fingerprinter.digest(values)
    return found.hex() if found is not None else None


def clock(settings: dict) -> str:
    """What the output depends on of "now": the build day (scheduled articles,
    quota pace, countdowns, the calendar). Not the minute in the footer's
    stamp: a build that finds nothing to do, or patches a body edit, leaves
    every page's "Cập nhật …" at the last full build of the day, which is
    when the day's figures were computed (the daily 00:05 build is a new day)."""
    return build_date_from(settings.get("PORTAL_BUILD_DATE")).isoformat()


def input_parts(settings: dict, theme: str, settings_part: str | None,
                content: dict[str, str] | None) -> dict[str, str | None]:
    """Every input of the build, part by part (``settings_part``: ``settings_digest``
    as the settings were before the first run of this Pelican object: a run
    adds to some of them, e.g. Pelican to ``MARKDOWN``)."""
    code_root = Path(portal.__file__).resolve().parent.parent
    parts: dict[str, str | None] = {
        "version": str(RECORD_VERSION),
        "content": entries_digest(content) if content is not None else "-",
        "theme": tree_state(Path(theme))[0],
        "code:portal": tree_state(code_root / "portal", skip=("__pycache__",))[0],
        "code:plugins": tree_state(code_root / "plugins", skip=("__pycache__",))[0],
        "libraries": environment_digest(),
        "settings": settings_part,
        "clock": clock(settings),
    }
    for folder in settings.get("THEME_TEMPLATES_OVERRIDES") or ():
        parts[f"theme:{folder}"] = tree_state(Path(folder))[0]
    return parts


def read_record(path: Path) -> dict | None:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and isinstance(record.get("inputs"), dict) else None


def write_record(path: Path, output: Path, inputs: dict, output_state: str, when: str, *,
                 content: dict[str, str] | None = None, articles: dict | None = None, notes: dict | None = None) -> None:
    """Atomically: a half-written record must never say "up to date". Records
    of output folders that no longer exist (test runs, old previews) go."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for other in path.parent.glob("*.json"):
        if other != path:
            folder = (read_record(other) or {}).get("folder")
            if not folder or not Path(folder).is_dir():
                other.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".record-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"folder": str(Path(output).resolve()), "inputs": inputs, "output": output_state,
                       "built": when, "content": content or {}, "articles": articles or {}, "notes": notes or {}},
                      handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def changed(record: dict | None, inputs: dict) -> list[str]:
    """The parts that differ from the record (every part when there is none)."""
    if record is None:
        return ["(chưa có bản dựng nào)"]
    old = record["inputs"]
    return sorted(k for k in set(old) | set(inputs)
                  if inputs.get(k) is None or old.get(k) != inputs.get(k))


ARTICLES = "_UPTODATE_ARTICLES"  # per run: source (relative to PATH) → what a patch compares
NOTES = "_UPTODATE_NOTES"        # per run: plugin → what it needs to patch the next edit (JSON)


def article_entry(article, content_dir: Path) -> tuple[str, dict] | None:
    """What the record keeps of one article whose page this build writes."""
    from portal.fingerprint import lead_source
    from portal.patch import header_digest, is_plain, text_digest

    facts = getattr(article, "facts", None)
    source = getattr(article, "source_path", None)
    save_as = getattr(article, "save_as", None)
    if facts is None or not source or not save_as:
        return None
    try:
        rel = Path(source_key(source)).relative_to(source_key(content_dir)).as_posix()
    except ValueError:
        return None
    return rel, {"header": header_digest(facts.header.fields), "plain": is_plain(facts.header.body),
                 "lead": text_digest(lead_source(getattr(article, "_content", "") or "")),
                 "page": save_as, "url": getattr(article, "url", "")}


def moved_pages(live: dict, current: dict) -> list[tuple[str, str, str]]:
    """``(source, old URL, new URL)`` of every article (by its file under
    content/) whose page the live build has at another URL than this build
    gives it: links shared to the old address stop working."""
    moved = []
    for rel, entry in current.items():
        before = live.get(rel)
        if not isinstance(before, dict) or not isinstance(entry, dict):
            continue
        old, new = before.get("url"), entry.get("url")
        if old and new and old != new:
            moved.append((rel, old, new))
    return sorted(moved)

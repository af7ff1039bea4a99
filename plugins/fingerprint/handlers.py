"""Signal handlers of the fingerprint plugin (thin: names come from ``names``)."""

from __future__ import annotations

import logging
import os
import re
import stat
from pathlib import Path

from portal.paths import guard_write
from portal.settings import merge_all

from .names import fingerprinted

logger = logging.getLogger(__name__)
_NAMED = re.compile(r"-[0-9a-f]{10}$")   # already a content-named copy


class FingerprintError(Exception):
    """A theme file asked for by a template is missing or changed during the build."""


def merge_settings(pelican) -> None:
    merge_all(pelican.settings)


def _enabled_for(settings, rel: str) -> bool:
    return bool(settings.get("FINGERPRINT_ENABLED")) and \
        Path(rel).suffix.lower() in {s.lower() for s in settings["FINGERPRINT_SUFFIXES"]}


def _theme_file(settings, rel: str) -> Path:
    return Path(settings["THEME"]) / "static" / rel


def add_global(generator) -> None:
    """``generator_init``: ``static_url(rel)`` for templates (URL relative to SITEURL)."""
    settings = generator.settings
    prefix = settings.get("THEME_STATIC_DIR", "theme").strip("/")

    names: dict[tuple, str] = {}  # this run's: (rel, size, mtime) -> URL (every page asks for the same few files)
    sources: dict[str, str | None] = {}  # rel -> its theme file (None: not fingerprinted), once per run

    def static_url(rel: str) -> str:
        rel = rel.lstrip("/")
        source = sources.get(rel, "")
        if source == "":
            source = sources[rel] = os.fspath(_theme_file(settings, rel)) if _enabled_for(settings, rel) else None
        if source is None:
            return f"{prefix}/{rel}"
        try:  # every call: a file changed during the build gets its new name (or fails, below)
            found = os.stat(source)
        except OSError:
            found = None
        if found is None or not stat.S_ISREG(found.st_mode):
            raise FingerprintError(f"static_url: không có tệp {source} trong theme/static")
        key = (rel, found.st_size, found.st_mtime_ns)
        url = names.get(key)
        if url is None:
            url = names[key] = f"{prefix}/{fingerprinted(rel, Path(source).read_bytes())}"
        return url

    generator.env.globals["static_url"] = static_url


def write_copies(pelican) -> None:
    """``finalized``: the content-named copy beside every theme CSS/JS file written."""
    settings = pelican.settings
    if not settings.get("FINGERPRINT_ENABLED"):
        return
    output = Path(pelican.output_path)
    base = output / settings.get("THEME_STATIC_DIR", "theme").strip("/")
    if not base.is_dir():
        return
    count = 0
    for folder, dirs, names in os.walk(base, followlinks=False):
        for name in sorted(names):
            path = Path(folder) / name
            rel = path.relative_to(base).as_posix()
            if path.is_symlink() or not _enabled_for(settings, rel) or _NAMED.search(path.stem):
                continue
            data = path.read_bytes()
            copy = base / fingerprinted(rel, data)
            if copy == path or copy.exists():
                continue
            source = _theme_file(settings, rel)
            if source.is_file() and source.read_bytes() != data:
                raise FingerprintError(f"{rel}: tệp trong bản dựng khác tệp trong theme/static "
                                       "(tệp được sửa trong lúc dựng?) — dựng lại")
            guard_write(copy, output).write_bytes(data)
            count += 1
    if count:
        logger.info("Tên theo nội dung cho %d tệp CSS/JS của giao diện", count)

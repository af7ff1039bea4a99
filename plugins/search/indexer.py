"""Run Pagefind (the binary shipped in the pagefind-bin wheel) over a built site."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from portal.paths import guard_write

logger = logging.getLogger(__name__)


class SearchIndexError(RuntimeError):
    """Pagefind failed; the build must not publish a site without search."""


def pagefind_command(site: Path, language: str, bundle_dir: str) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site),
            "--force-language", language, "--output-subdir", bundle_dir]


def build_index(site: Path, language: str = "vi", bundle_dir: str = "pagefind") -> str:
    """Index ``site`` in place; returns Pagefind's summary output."""
    guard_write(site / bundle_dir, site)  # Pagefind writes its bundle there
    proc = subprocess.run(pagefind_command(site, language, bundle_dir), capture_output=True, text=True)
    if proc.returncode != 0:
        raise SearchIndexError(f"Pagefind lỗi (mã {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout

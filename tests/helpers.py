"""Shared test helpers: the real Pelican CLI, `invoke check`'s entry point,
small content trees and the tests' own readers of headers and HTML.

Fixtures live in conftest.py; this module holds plain functions, so test
modules import them by name (``from helpers import run_pelican``).
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Iterable, Mapping

ROOT = Path(__file__).resolve().parents[1]
# `portal` and `plugins.*` are installed with the project (pip install -e .);
# subprocesses need nothing on PYTHONPATH.
PYTHONPATH = ""

# A fixed "today" so scheduled articles, campaign status and quota pace are stable.
TEST_BUILD_DATE = "2026-11-21"
SITEURL = "https://congdoanlaichau.example.vn"

FIXTURES = Path(__file__).parent / "fixtures"
ADVERSARIAL = FIXTURES / "adversarial_site"

# The one image cache of a test session (set by conftest's session fixture):
# processed variants are reused by every build that does not pass its own
# IMAGES_CACHE_DIR (tests of cold-cache behaviour do).
IMAGE_CACHE: Path | None = None


# --- the real CLIs ---------------------------------------------------------------

def run_pelican(output: Path, *, content: Path | None = None, settings: str = "publishconf.py",
                extra: dict | None = None, check: bool = True, verbose: bool = False) -> subprocess.CompletedProcess:
    """Run ``pelican`` exactly as a user would; ``extra`` becomes ``-e KEY=JSON`` pairs.

    Builds share the session's image cache unless ``extra`` names another
    ``IMAGES_CACHE_DIR``. ``verbose`` adds ``-v`` (INFO lines such as the
    images plugin's count).
    """
    overrides = {"PORTAL_BUILD_DATE": TEST_BUILD_DATE, "SITEURL": SITEURL}
    if IMAGE_CACHE is not None:
        overrides["IMAGES_CACHE_DIR"] = str(IMAGE_CACHE)
        # the render plugin's record of built pages: in the session's folder, not the project's .cache
        overrides["RENDER_CACHE_DIR"] = str(IMAGE_CACHE.with_name(IMAGE_CACHE.name + "-render"))
    if content is not None:
        overrides["PATH"] = str(content)
    overrides.update(extra or {})
    cmd = [sys.executable, "-m", "pelican", str(content or ROOT / "content"),
           "-s", str(ROOT / settings), "-o", str(output), *(["-v"] if verbose else []), "-e"]
    cmd += [f"{key}={json.dumps(value)}" for key, value in overrides.items()]
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="200")
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=900)
    if check and proc.returncode != 0:
        raise AssertionError(f"pelican failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def check_content(content: Path | None = None, *, build_date: str | None = TEST_BUILD_DATE,
                  settings: str | None = None) -> subprocess.CompletedProcess:
    """`invoke check` on a content tree through its entry point
    (``plugins.contract.cli.main``), in this process, standing in the project
    root as `invoke` does. Returns what a subprocess would (``returncode``,
    ``stdout``) so tests read both alike; an exception propagates."""
    from plugins.contract.cli import main

    argv = [*(["-s", str(ROOT / settings)] if settings else []),
            *(["--content", str(content)] if content is not None else []),
            *(["--build-date", build_date] if build_date else [])]
    out = io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(out):
        code = main(argv)
    return subprocess.CompletedProcess(["plugins.contract.cli", *argv], code, out.getvalue(), "")


def check_cli(content: Path | None = None, *, build_date: str | None = TEST_BUILD_DATE) -> subprocess.CompletedProcess:
    """The real `python -m plugins.contract.cli` in a subprocess (for the tests
    where the command itself is what is checked: exit status, output)."""
    argv = [*(["--content", str(content)] if content is not None else []),
            *(["--build-date", build_date] if build_date else [])]
    return subprocess.run([sys.executable, "-m", "plugins.contract.cli", *argv], cwd=ROOT, capture_output=True,
                          text=True, env={"PYTHONPATH": PYTHONPATH, "PATH": "", "PYTHONIOENCODING": "utf-8"},
                          timeout=300)


def run_python(script: str, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """``script`` in a fresh interpreter at the project root: no thread, signal
    receiver or frozen object of the test worker leaks into it."""
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=timeout)


def run_invoke(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``invoke ARGS`` (tasks.py) in the project root, as an editor runs it."""
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, **(env or {})), timeout=900)


# --- small content trees ------------------------------------------------------------

ARTICLE_FOLDER = "articles/2025/01"


def make_content(folder: Path, articles: Mapping[str, str | Path] | Iterable[Path] = (), *,
                 parts: Iterable[str] = ("data", "images/campaigns"), data: Path | None = None) -> Path:
    """``folder/content``: the given parts of the sample content (by default the
    data files and the campaign images, all a build needs), plus articles.

    ``articles`` maps a path to its text (or to a file to copy); a bare file
    name goes to ``articles/2025/01/`` (always created), a path with folders is
    relative to ``articles/``. A list of files is copied to ``articles/2025/01/``.
    ``data`` is a folder whose files replace the sample data files.
    """
    content = folder / "content"
    for part in parts:
        shutil.copytree(ROOT / "content" / part, content / part)
    (content / ARTICLE_FOLDER).mkdir(parents=True, exist_ok=True)
    items = articles.items() if isinstance(articles, Mapping) else ((Path(p).name, Path(p)) for p in articles)
    for rel, text in items:
        target = content / (ARTICLE_FOLDER if "/" not in rel else "articles") / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, Path):
            shutil.copy2(text, target)
        else:
            target.write_text(text, encoding="utf-8")
    for path in sorted(data.iterdir()) if data else ():
        shutil.copy(path, content / "data" / path.name)
    return content


def make_adversarial_content(folder: Path) -> Path:
    """A content tree: the sample data, campaign prose, pages and campaign images,
    plus the articles (and images) of ``fixtures/adversarial_site``."""
    content = make_content(folder, parts=("data", "campaigns", "pages", "images/campaigns"))
    shutil.rmtree(content / "articles")
    shutil.copytree(ADVERSARIAL / "articles", content / "articles")
    if (ADVERSARIAL / "images").is_dir():
        shutil.copytree(ADVERSARIAL / "images", content / "images" / "adversarial")
    return content


# --- readers ----------------------------------------------------------------------------

def read_header(path: Path) -> dict[str, str]:
    """The tests' own reader of an article header (lower-case keys, NFC values).

    Deliberately independent of plugins/contract, so expected values are not
    computed by the code under test.
    """
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8").lstrip("\ufeff"))
    out = {}
    for line in text.splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        out[key.strip().lower()] = value.strip()
    return out


def read_html(path: Path):
    """A written page parsed with BeautifulSoup's ``html.parser``.

    Parsed once per file version (path, size, modification time) and shared
    between the tests that read the same page of a session build: the tree
    is read-only by convention (no test changes it).
    """
    stat = Path(path).stat()
    return _parsed(str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=1024)
def _parsed(path: str, size: int, mtime_ns: int):
    from bs4 import BeautifulSoup

    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")

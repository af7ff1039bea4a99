"""Shared test helpers: build the real site with the real Pelican CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# `portal` and `plugins.*` are installed with the project (pip install -e .);
# subprocesses need nothing on PYTHONPATH.
PYTHONPATH = ""

# A fixed "today" so scheduled articles, campaign status and quota pace are stable.
TEST_BUILD_DATE = "2026-11-21"
SITEURL = "https://congdoanlaichau.example.vn"


def run_pelican(output: Path, *, content: Path | None = None, settings: str = "publishconf.py",
                extra: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run ``pelican`` exactly as a user would; ``extra`` becomes ``-e KEY=JSON`` pairs."""
    overrides = {"PORTAL_BUILD_DATE": TEST_BUILD_DATE, "SITEURL": SITEURL}
    if content is not None:
        overrides["PATH"] = str(content)
    overrides.update(extra or {})
    cmd = [sys.executable, "-m", "pelican", str(content or ROOT / "content"),
           "-s", str(ROOT / settings), "-o", str(output), "-e"]
    cmd += [f"{key}={json.dumps(value)}" for key, value in overrides.items()]
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="200")
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=900)
    if check and proc.returncode != 0:
        raise AssertionError(f"pelican failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The sample site, built once per test session into a temporary folder."""
    out = tmp_path_factory.mktemp("site") / "output"
    run_pelican(out)
    return out


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
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


ADVERSARIAL = Path(__file__).parent / "fixtures" / "adversarial_site"


def make_adversarial_content(folder: Path) -> Path:
    """A content tree: the sample data, campaign prose, pages and campaign images,
    plus the articles (and images) of ``fixtures/adversarial_site``."""
    import shutil

    content = folder / "content"
    for part in ("data", "campaigns", "pages", "images/campaigns"):
        shutil.copytree(ROOT / "content" / part, content / part)
    shutil.copytree(ADVERSARIAL / "articles", content / "articles")
    if (ADVERSARIAL / "images").is_dir():
        shutil.copytree(ADVERSARIAL / "images", content / "images" / "adversarial")
    return content


@pytest.fixture(scope="session")
def adversarial_site(tmp_path_factory) -> Path:
    """The adversarial site (hostile but buildable content), built once per session."""
    base = tmp_path_factory.mktemp("adversarial")
    content = make_adversarial_content(base)
    out = base / "output"
    run_pelican(out, content=content)
    return out

"""Session fixtures: one image cache, the sample and adversarial builds, a
served copy of the sample and one Chromium, each made once per test session.

Plain helpers (the CLIs, content trees, readers) are in helpers.py; the
names below are re-exported for modules that import them from conftest.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace as NS

import pytest

import helpers
from helpers import (  # noqa: F401  (re-exported)
    ADVERSARIAL, PYTHONPATH, ROOT, SITEURL, TEST_BUILD_DATE, check_cli, check_content, make_adversarial_content,
    make_content, read_header, read_html, run_invoke, run_pelican, run_python,
)


# --- the session's temporary folders: in memory where there is room --------------
# A session makes some forty builds (about 75,000 files, 750 MB). On a disk
# file system writing them, and pytest deleting an old session's folders at
# the start of the next, takes a fifth of the suite's time; on a tmpfs it
# costs next to nothing. So, unless --basetemp is given or
# PORTAL_TESTS_TMPFS=0, the session's folders go under /dev/shm when it is a
# tmpfs with FAST_TEMP_MIN_FREE free, and are removed when every test passed
# (a failed session's stay, for a look, until the next session starts).
FAST_TEMP = Path("/dev/shm")
FAST_TEMP_MIN_FREE = 4 * 1024 ** 3
FAST_TEMP_PREFIX = "congdoan-tests-"


def tmpfs_options(folder: Path = FAST_TEMP) -> list[str] | None:
    """The mount options of ``folder`` when a tmpfs is mounted there, else None."""
    try:
        with open("/proc/mounts", encoding="utf-8") as handle:
            for fields in map(str.split, handle):
                if len(fields) > 3 and fields[1:3] == [str(folder), "tmpfs"]:
                    return fields[3].split(",")
    except OSError:
        pass
    return None


def fast_temp_root() -> Path | None:
    """``FAST_TEMP`` when it is a writable tmpfs, not mounted ``noexec`` (tests
    run stand-in programs they write, e.g. an ssh), with room to spare; else None."""
    if os.environ.get("PORTAL_TESTS_TMPFS", "1") == "0":
        return None
    options = tmpfs_options(FAST_TEMP)
    if options is None or "noexec" in options or not os.access(FAST_TEMP, os.W_OK):
        return None
    free = os.statvfs(FAST_TEMP)
    return FAST_TEMP if free.f_bavail * free.f_frsize >= FAST_TEMP_MIN_FREE else None


def _drop_earlier_sessions(root: Path) -> None:
    """Remove what earlier sessions left in ``root`` (a failed one's folder),
    except a session still running (its process is alive)."""
    for folder in root.glob(f"{FAST_TEMP_PREFIX}*"):
        pid = folder.name[len(FAST_TEMP_PREFIX):].partition("-")[0]
        if pid.isdigit() and int(pid) != os.getpid():
            try:
                os.kill(int(pid), 0)
                continue  # still running
            except ProcessLookupError:
                pass
            except OSError:
                continue
        shutil.rmtree(folder, ignore_errors=True)


_FAST_TEMP_KEY = pytest.StashKey[str]()
_PASSED_KEY = pytest.StashKey[bool]()


@pytest.hookimpl(tryfirst=True)  # before pytest's tmp_path factory reads --basetemp
def pytest_configure(config):
    if config.option.basetemp or os.environ.get("PYTEST_XDIST_WORKER"):
        return  # given, or an xdist worker: its folder is inside the controller's
    root = fast_temp_root()
    if root is None:
        return
    _drop_earlier_sessions(root)
    config.option.basetemp = tempfile.mkdtemp(prefix=f"{FAST_TEMP_PREFIX}{os.getpid()}-", dir=root)
    config.stash[_FAST_TEMP_KEY] = config.option.basetemp


def pytest_sessionfinish(session, exitstatus):
    session.config.stash[_PASSED_KEY] = exitstatus == 0


def pytest_unconfigure(config):
    """Remove the session's in-memory folder when every test passed. Leave the
    session's objects (hundreds of parsed pages, see helpers.read_html) to the
    operating system instead of a last garbage collection at interpreter exit."""
    folder = config.stash.get(_FAST_TEMP_KEY, None)
    if folder and config.stash.get(_PASSED_KEY, False):
        shutil.rmtree(folder, ignore_errors=True)
    gc.freeze()


def _shared(tmp_path_factory) -> Path:
    """A folder every pytest-xdist worker of this session sees (the parent of
    the workers' own temporary folders); this worker's own without xdist."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session", autouse=True)
def image_cache(tmp_path_factory) -> Path:
    """One image cache for every build of the session, shared by the xdist
    workers (images are the costly part of a build; the cache takes
    concurrent builds: each entry is renamed into place whole); tests of
    cold-cache behaviour pass their own."""
    helpers.IMAGE_CACHE = _shared(tmp_path_factory) / "image-cache"
    helpers.IMAGE_CACHE.mkdir(exist_ok=True)
    yield helpers.IMAGE_CACHE
    helpers.IMAGE_CACHE = None


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The sample site, built once per test session (the first xdist worker
    to ask builds it, the others wait and read the same folder: no test
    writes into it)."""
    shared = _shared(tmp_path_factory)
    out, done = shared / "sample-site" / "output", shared / "sample-site" / "built"
    with open(shared / "sample-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not done.exists():
                out.parent.mkdir(exist_ok=True)
                run_pelican(out)
                done.touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return out


@pytest.fixture(scope="session")
def adversarial_site(tmp_path_factory) -> Path:
    """The adversarial site (hostile but buildable content), built once per session."""
    base = tmp_path_factory.mktemp("adversarial")
    content = make_adversarial_content(base)
    out = base / "output"
    run_pelican(out, content=content)
    return out


def tree_hashes(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root`` (relative POSIX path → hex)."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def sample_rebuilt_in_process(tmp_path_factory, image_cache):
    """The sample built twice by one ``Pelican`` object in this process, as
    `invoke livereload` does: ``out`` (the second run's output) and the file
    hashes after each run. Also the second, independent build of the sample
    for the determinism tests."""
    from pelican import Pelican
    from pelican.settings import read_settings

    base = tmp_path_factory.mktemp("in-process")
    out = base / "output"
    settings = read_settings(str(ROOT / "publishconf.py"), override={
        "PATH": str(ROOT / "content"), "OUTPUT_PATH": str(out), "PORTAL_BUILD_DATE": TEST_BUILD_DATE,
        "SITEURL": SITEURL, "IMAGES_CACHE_DIR": str(image_cache),
    })
    pelican = Pelican(settings)
    pelican.run()
    first = tree_hashes(out)
    pelican.run()
    return NS(base=base, out=out, first=first, second=tree_hashes(out))


# --- one browser, one served copy of the sample ------------------------------------

@pytest.fixture(scope="session")
def chromium():
    """One Debian Chromium (Playwright) for the whole session."""
    from browser import chromium_available, launch

    if not chromium_available():
        pytest.skip("cần Chromium tại /usr/bin/chromium (bash scripts/bootstrap.sh --test cài gói chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def served_site(site, tmp_path_factory):
    """The session's sample build on http://127.0.0.1:<port> (the local static
    server): a copy whose absolute URLs point at that origin (``rehost``), so
    a browser loads every page and asset from it. ``origin``, ``port``, ``root``."""
    from browser import free_port, rehost, serve

    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    root = rehost(site, tmp_path_factory.mktemp("served") / "site", SITEURL, origin)
    with serve(root, port):
        yield NS(origin=origin, port=port, root=root)

"""Search with the real Pagefind index of the session's sample build, queried
in the session's browser."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT, read_html


def test_pagefind_bundle_and_search_page_are_built(site):
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    page = read_html(site / "tim-kiem" / "index.html")
    assert page.html["lang"] == "vi"
    assert page.select_one("main h1").get_text(strip=True) == "Tìm kiếm"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"


def test_only_published_article_bodies_are_indexed(site):
    import json

    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    indexed = sum(lang["page_count"] for lang in entry["languages"].values())
    articles = list(site.glob("tin-tuc/*/*/*/index.html"))
    hidden = [p for p in (ROOT / "content" / "articles").rglob("*.md")
              if re.search(r"^Status:\s*hidden\s*$", p.read_text(encoding="utf-8"), re.M | re.I)]
    marked = [p for p in site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert list(entry["languages"]) == ["vi"]
    assert hidden, "the sample has a hidden article"
    assert indexed == len(marked) == len(articles) - len(hidden) > 0
    assert all(p in articles for p in marked)


def test_reader_finds_an_article_by_a_vietnamese_word(chromium, served_site):
    page = chromium.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto(f"{served_site.origin}/tim-kiem/")
        page.fill(".pagefind-ui__search-input", "Tết")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
        links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)")
    finally:
        page.close()
    assert links and all("/tin-tuc/" in link for link in links)
    # Pagefind read each article's search twin (slug.index.html); the results
    # link to the pages themselves, which exist
    assert all(link.endswith("/") and ".index.html" not in link for link in links), links
    assert all((served_site.root / link.split(served_site.origin, 1)[1].split("#")[0].lstrip("/") / "index.html")
               .is_file() for link in links), links


def test_a_sharded_index_is_merged_on_the_search_page(chromium, tmp_path):
    """Large sites index each year's folder into its own bundle (less memory
    per Pagefind run, an edit re-indexes one year): forced here on the sample;
    the search page merges the shards and finds articles of every year."""
    import json

    from browser import free_port, rehost, serve
    from conftest import SITEURL, run_pelican

    out = tmp_path / "output"
    run_pelican(out, extra={"SEARCH_SHARD_MIN_PAGES": 10})
    bundles = sorted(p.name for p in out.iterdir() if p.name.startswith("pagefind"))
    assert bundles == ["pagefind", "pagefind-tin-tuc-2024", "pagefind-tin-tuc-2025"]  # 2026 keeps "pagefind"
    counts = [sum(lang["page_count"] for lang in json.loads((out / b / "pagefind-entry.json").read_text())
                  ["languages"].values()) for b in bundles]
    marked = [p for p in out.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert all(counts) and sum(counts) == len(marked)
    box = read_html(out / "tim-kiem" / "index.html").select_one("#tim-kiem")
    assert box["data-merge"].split() == [f"{SITEURL}/pagefind-tin-tuc-2025/", f"{SITEURL}/pagefind-tin-tuc-2024/"]

    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    root = rehost(out, tmp_path / "served", SITEURL, origin)
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    try:
        with serve(root, port):
            found = {}
            # "Tết": results of the newest shard and the merged 2025 one; "giường"
            # is only in a 2024 article (the oldest shard)
            for term in ("Tết", "giường"):
                page.goto(f"{origin}/tim-kiem/?q={term}")
                page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
                page.wait_for_timeout(500)
                found[term] = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)")
    finally:
        page.close()
    years = {re.search(r"/tin-tuc/(\d{4})/", link).group(1) for link in found["Tết"] if "/tin-tuc/" in link}
    assert {"2025", "2026"} <= years, found["Tết"]
    assert any(re.search(r"/tin-tuc/2024/02/dem-giao-thua-ben-giuong-benh[a-z0-9-]*/$", link) for link in found["giường"]), \
        "\n".join(found["giường"])
    assert not any(".index.html" in link for links in found.values() for link in links)


def test_shard_plan():
    from plugins.search.shards import Shard, plan

    years = [f"tin-tuc/{y}/01/bai-{i}/index.html" for y in (2023, 2024, 2025) for i in range(5)]
    assert plan(years, "pagefind", 100, 40) == [Shard("pagefind", None)]          # small: one bundle
    shards = plan(years, "pagefind", 10, 40)
    assert [(s.bundle_dir, s.prefix) for s in shards] == [
        ("pagefind", "tin-tuc/2025"), ("pagefind-tin-tuc-2024", "tin-tuc/2024"), ("pagefind-tin-tuc-2023", "tin-tuc/2023")]
    assert shards[1].glob == "tin-tuc/2024/**/*.html" and shards[1].covers(years[5]) and not shards[1].covers(years[0])
    assert plan(years + ["bai-le/index.html"], "pagefind", 10, 40) == [Shard("pagefind", None)]  # a page too shallow
    assert plan(years, "pagefind", 10, 2) == [Shard("pagefind", None)]            # too many folders
    assert Shard("pagefind", None).covers("any/page.html")


def test_a_search_twin_is_the_indexed_article_alone_and_markers_cannot_be_forged():
    from plugins.search.twins import CLOSE, OPEN, twin

    page = ('<!DOCTYPE html><html lang="vi"><head><title>Chợ Tết – Công đoàn</title></head><body>'
            '<header><img src="/logo.png" alt=""></header><!--tim-kiem--><article data-pagefind-body>'
            '<h1>Chợ Tết</h1><p>Nội dung</p></article><!--/tim-kiem--><aside><img src="/khac.jpg" alt=""></aside>'
            '</body></html>').encode()
    found = twin(page)
    assert "<title>Chợ Tết – Công đoàn</title>".encode() in found
    assert b"<article data-pagefind-body><h1>" in found and b"</article>" in found
    assert b"logo.png" not in found and b"khac.jpg" not in found and b"<aside" not in found
    assert twin(page.replace(b" data-pagefind-body", b"")) is None  # not indexed: no twin
    # a second marker (say, typed into an attribute value by an editor) or markers
    # out of order: the page is its own twin, indexed whole as Pagefind would
    forged = page.replace(b"<p>", b'<p title="' + CLOSE + b'">')
    assert twin(forged) == forged
    swapped = page.replace(OPEN, b"@@").replace(CLOSE, OPEN).replace(b"@@", CLOSE)
    assert twin(swapped) == swapped


def test_a_twin_leaves_out_what_search_ignores(site):
    """The share links and previous/next (data-pagefind-ignore="all") are cut
    from an article's twin, once, between one pair of skip markers in order;
    the article itself, its tags and its end stay. Other marker counts: no cut."""
    from plugins.search.twins import SKIP_CLOSE, SKIP_OPEN, twin

    page = next(p for p in sorted(site.glob("tin-tuc/**/index.html")) if b"prev-next" in p.read_bytes())
    data = page.read_bytes()
    found = twin(data)
    assert b"data-pagefind-ignore" not in found and b"share-facebook" not in found and b"prev-next" not in found
    assert b"data-pagefind-body" in found and b'class="tags"' in found and found.rstrip().endswith(b"</html>")
    assert found.count(b"<article") == found.count(b"</article>") == 1
    assert b"data-pagefind-ignore" in data  # the page itself keeps them
    doubled = data.replace(SKIP_OPEN, SKIP_OPEN * 2, 1)
    assert b"share-facebook" in twin(doubled)
    reversed_ = data.replace(SKIP_OPEN, b"@@").replace(SKIP_CLOSE, SKIP_OPEN).replace(b"@@", SKIP_CLOSE)
    assert b"share-facebook" in twin(reversed_)


def test_search_results_carry_an_article_s_own_image_or_none(site):
    """Pagefind takes a result's image from the first <img> it reads; it reads
    the article alone (its twin), so an article without a picture no longer
    gets a sidebar thumbnail of another article."""
    import gzip
    import json

    fragments = {}
    for folder in site.glob("pagefind*"):
        for path in (folder / "fragment").glob("*.pf_fragment"):
            raw = gzip.decompress(path.read_bytes())
            data = json.loads(raw[raw.index(b"{"):])
            fragments[data["url"]] = data["meta"]
    pages = {p.relative_to(site).parent.as_posix(): p for p in (site / "tin-tuc").rglob("index.html")}
    with_image = without = 0
    for url, meta in fragments.items():
        page = read_html(pages[url.strip("/").removesuffix(".index.html")])  # the twin's URL (twins.py)
        own = page.select_one("article[data-pagefind-body] img")
        if own is None:
            assert "image" not in meta, url
            without += 1
        else:
            assert meta["image"] == own["src"], url
            with_image += 1
    assert with_image and without


def test_a_twins_folder_inside_content_or_the_output_is_refused(tmp_path):
    import pytest

    from plugins.search.handlers import check_twins_dir
    from plugins.search.indexer import SearchIndexError

    content, output = tmp_path / "content", tmp_path / "output"
    check_twins_dir(tmp_path / ".cache" / "search" / "abc", content, output)  # the default: fine
    for bad in (content / "x" / "abc", output / "tim" / "abc", tmp_path):
        with pytest.raises(SearchIndexError, match="SEARCH_TWINS_DIR"):
            check_twins_dir(bad, content, output)


def test_a_site_without_a_published_article_still_gets_its_index(tmp_path):
    """No page marked for search (only a hidden article): Pagefind reads the
    site itself, as it always did, instead of failing on an empty folder of
    twins."""
    from conftest import make_content, run_pelican

    hidden = ("Title: Bài ẩn về Tết Sum vầy\nDate: 2025-01-12 08:00\nAuthors: Lò Văn Minh\nUnit: tam-duong\n"
              "Status: hidden\n\nNội dung bài ẩn.\n")
    content = make_content(tmp_path, {"an.md": hidden})
    out = tmp_path / "out"
    run_pelican(out, content=content)
    assert (out / "pagefind" / "pagefind-entry.json").is_file()


def test_pagefind_runs_start_when_the_pages_are_written_and_are_waited_for():
    """The runs started at ``portal.pages_written`` go on beside the next
    ``finalized`` steps, two at a time; ``index_site`` gets their summaries in
    shard order, or the first error; a livereload run that stopped before
    waiting has its runs ended at the next run's start (quietly)."""
    import threading
    import time

    from plugins.search import handlers
    from plugins.search.handlers import PagefindRuns

    from conftest import run_python

    wiring = ("import plugins.search\nfrom blinker import signal\nfrom plugins.search import handlers\n"
              "from portal.rendered import WRITTEN_SIGNAL\nplugins.search.register()\n"
              "assert handlers.start_index in list(signal(WRITTEN_SIGNAL).receivers_for(object()))\nprint('ok')\n")
    proc = run_python(wiring, timeout=60)  # no global wiring left in this worker
    assert proc.stdout.strip() == "ok", proc.stderr[-2000:]
    running, most = [], []
    lock = threading.Lock()

    def job(name, delay=0.05, fail=False):
        def run():
            with lock:
                running.append(name)
                most.append(len(running))
            time.sleep(delay)
            with lock:
                running.remove(name)
            if fail:
                raise handlers.SearchIndexError(f"Pagefind lỗi: {name}")
            return f"Indexed {len(name)} pages"
        return run

    runs = PagefindRuns([job("a"), job("bb", 0.1), job("ccc"), job("dddd")])
    assert runs.wait() == ["Indexed 1 pages", "Indexed 2 pages", "Indexed 3 pages", "Indexed 4 pages"]
    assert max(most) == 2
    failing = PagefindRuns([job("a"), job("bb", fail=True), job("ccc")])
    try:
        failing.wait()
    except handlers.SearchIndexError as exc:
        assert "Pagefind lỗi: bb" in str(exc)
    else:
        raise AssertionError("the failed run was not raised")
    assert failing.wait(quiet=True)[2] == "Indexed 3 pages"


def test_pagefind_is_started_as_its_binary_not_through_python():
    """The pagefind-bin wheel's binary is run directly (``python -m pagefind``
    would only find and exec it, after a Python start per shard), and it is
    the Pagefind the wheel pins."""
    import os
    import subprocess

    from plugins.search.indexer import pagefind_command

    command = pagefind_command(ROOT / "output", "vi", "pagefind")
    binary = command[0]
    assert os.path.isfile(binary) and os.access(binary, os.X_OK) and "pagefind_bin" in binary
    assert command[1:3] == ["--site", str(ROOT / "output")] and command[-2:] == ["--force-language", "vi"]
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and "1." in version.stdout


_LEFT_RUNNING = """
import functools, sys, tempfile, time
from pathlib import Path
import plugins.search as search
from plugins.search import handlers, indexer
search.register()
indexer.pagefind_command = lambda *a, **k: [sys.executable, "-c", "import time; time.sleep(120)"]
site = Path(tempfile.mkdtemp())
runs = handlers.PagefindRuns([functools.partial(indexer.build_index, site, "vi", f"pf{i}") for i in range(3)])
deadline = time.time() + 30
while len(indexer._RUNNING) < 2 and time.time() < deadline:
    time.sleep(0.05)
print(" ".join(str(proc.pid) for proc in indexer._RUNNING), flush=True)
raise SystemExit(3)  # a build failing in a later step: nobody waits for the runs
"""


def test_a_failed_build_leaves_no_pagefind_running():
    """Pagefind runs go on beside the build's last steps; when the build stops
    before waiting for them, they are ended at exit (and no queued run
    starts), not left writing into an output being thrown away."""
    import os

    from conftest import run_python

    proc = run_python(_LEFT_RUNNING, timeout=90)
    assert proc.returncode == 3, proc.stderr[-2000:]
    pids = [int(pid) for pid in proc.stdout.split()]
    assert len(pids) == 2
    for pid in pids:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        raise AssertionError(f"Pagefind run {pid} still running after the build exited")
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert "time.sleep(120)" not in ps


def _tmpfs_folder():
    """``/dev/shm`` when a tmpfs (which lists entries in the order they were
    made) is mounted there; ``None`` elsewhere."""
    from conftest import FAST_TEMP, tmpfs_options

    return str(FAST_TEMP) if tmpfs_options(FAST_TEMP) is not None else None


def _twin_tree(root, names, order):
    for index in order:
        name = names[index]
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'<!DOCTYPE html><html lang="vi"><head><title>Bài {index}</title></head><body>'
                        f'<main data-pagefind-body><h1>Bài {index}</h1><p>Công đoàn cơ sở số {index} '
                        f'chăm lo Tết cho đoàn viên.</p></main></body></html>', encoding="utf-8")


def test_the_index_does_not_depend_on_the_order_the_file_system_lists_pages(tmp_path):
    """Pagefind numbers pages in directory-listing order, which on tmpfs, btrfs
    or XFS is the order files were made (by parallel workers, or rewritten by
    an incremental build). Indexed through a sorted view, the same pages give
    the same bundle, byte for byte, whatever order they were written in."""
    from plugins.search.indexer import build_index, pagefind_command, view_path

    shm = _tmpfs_folder()
    if shm is None:
        pytest.skip("không có tmpfs tại /dev/shm (thư mục liệt kê theo thứ tự tạo)")
    names = [f"tin-tuc/2025/0{m}/bai-{i}/index.html" for m in (1, 2) for i in range(4)]
    bundles = []
    with tempfile.TemporaryDirectory(dir=shm) as scratch:
        scratch = Path(scratch)
        raw = []
        for label, order in (("xuoi", range(len(names))), ("nguoc", reversed(range(len(names))))):
            source, site = scratch / f"twins-{label}", tmp_path / f"site-{label}"
            _twin_tree(source, names, list(order))
            site.mkdir()
            build_index(site, "vi", "pagefind", source=source)
            assert not os.path.exists(view_path(source, "pagefind")), "the view is removed after indexing"
            bundles.append({p.relative_to(site / "pagefind").as_posix(): p.read_bytes()
                            for p in (site / "pagefind").rglob("*") if p.is_file()})
            # the same folder given to Pagefind as it is
            direct = tmp_path / f"direct-{label}"
            direct.mkdir()
            subprocess.run(pagefind_command(direct, "vi", "pagefind", None, source), check=True,
                           capture_output=True)
            raw.append(sorted(p.name for p in (direct / "pagefind" / "index").iterdir()))
    assert raw[0] != raw[1], "read in listing order, the two folders give different indexes (the defect)"
    assert bundles[0] == bundles[1]
    assert any(name.startswith("index/") for name in bundles[0])


def test_a_sorted_view_holds_only_the_covered_files_in_fresh_folders(tmp_path):
    from plugins.search.indexer import sorted_view

    source = tmp_path / "twins"
    for name in ("b/2/index.html", "a/1/index.html", "a-b/index.html", "c/index.html"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(name)
    (source / "link.html").symlink_to(source / "c" / "index.html")
    view = tmp_path / "view"
    (view / "stale").mkdir(parents=True)  # left by an interrupted run
    assert sorted_view(source, view, covers=lambda name: not name.startswith("c/")) == 3
    found = sorted(p.relative_to(view).as_posix() for p in view.rglob("*") if p.is_file())
    assert found == ["a-b/index.html", "a/1/index.html", "b/2/index.html"]
    assert (view / "a/1/index.html").stat().st_ino == (source / "a/1/index.html").stat().st_ino  # linked, not copied
    assert not (view / "stale").exists() and not (view / "link.html").exists()


def test_the_listing_order_probe_tells_tmpfs_from_a_file_system_that_lists_by_name(tmp_path, monkeypatch):
    """tmpfs lists entries in the order they were made: the view is needed.
    Where the probe says the order is the names' own (ext4), Pagefind reads
    the twins as they are and no view is made."""
    from plugins.search import indexer

    shm = _tmpfs_folder()
    if shm is not None:
        assert indexer.lists_by_name(Path(shm)) is False
        assert not list(Path(shm).glob(".thu-thu-tu-*")), "the probe leaves nothing behind"
    source = tmp_path / "twins"
    _twin_tree(source, ["tin-tuc/2025/01/bai-1/index.html"], [0])
    site = tmp_path / "site"
    site.mkdir()
    made = []
    monkeypatch.setattr(indexer, "lists_by_name", lambda folder: True)
    monkeypatch.setattr(indexer, "sorted_view", lambda *args: made.append(args))
    assert "Indexed 1 page" in indexer.build_index(site, "vi", "pagefind", source=source)
    assert made == [] and (site / "pagefind" / "pagefind-entry.json").is_file()


def test_a_site_without_twins_is_indexed_through_a_sorted_view_of_its_pages(tmp_path, monkeypatch):
    """With no published article there is no twin: Pagefind reads the site's
    own pages, through a sorted view of them too where the file system lists
    entries in creation order (here as on a tmpfs), removed afterwards."""
    from plugins.search import handlers, indexer

    site = tmp_path / "site"
    for name in ("gioi-thieu/index.html", "index.html"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text('<!DOCTYPE html><html lang="vi"><head><title>Trang</title></head>'
                                 "<body><p>Công đoàn Lai Châu</p></body></html>", encoding="utf-8")
    (site / "style.css").write_text("p{}", encoding="utf-8")
    views = tmp_path / "cache" / "abc.views"
    seen = []
    original = indexer.sorted_view
    monkeypatch.setattr(indexer, "lists_by_name", lambda folder: False)
    monkeypatch.setattr(indexer, "sorted_view", lambda *a: seen.append(original(*a)) or seen[-1])
    shard = handlers.shards.Shard("pagefind", None)
    summary = indexer.build_index(site, "vi", "pagefind", None, source=site,
                                  covers=lambda name: handlers._html_of(shard, name), views=views)
    assert "Indexed 2 pages" in summary and seen == [2]  # the two pages, not the stylesheet
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert list(views.iterdir()) == []  # the view is gone


def test_pagefind_output_is_read_as_utf8_whatever_the_locale_of_the_moment():
    """Pagefind runs in threads while the build writes feeds, and feedgen sets
    LC_ALL to "C" around every RSS date: the output of a run that ends then
    must still be read (it once failed a build with a UnicodeDecodeError)."""
    import locale
    import sys

    from plugins.search import indexer

    old = locale.setlocale(locale.LC_ALL)
    try:
        locale.setlocale(locale.LC_ALL, "C")  # as feedgen.util.formatRFC2822 does, process-wide
        proc, out, err = indexer._run([sys.executable, "-c",
                                       "import sys; sys.stdout.buffer.write('Đã lập chỉ mục… ✓'.encode())"])
    finally:
        locale.setlocale(locale.LC_ALL, old)
    assert proc.returncode == 0 and out == "Đã lập chỉ mục… ✓"


def test_twins_lie_beside_their_pages_folders_and_an_older_layout_is_cleared(tmp_path):
    """A twin is ``a/b/slug.index.html`` for the page ``a/b/slug/index.html``:
    no folder per twin. Twins no page wrote, and the empty folders of the
    older layout (a folder per twin), go before Pagefind reads the folder."""
    from plugins.search import handlers
    from plugins.search.twins import twin_name

    assert twin_name("tin-tuc/2025/01/bai-mot/index.html") == "tin-tuc/2025/01/bai-mot.index.html"
    assert twin_name("index.html") == "index.html" and twin_name("lien-he.html") == "lien-he.html"
    root = tmp_path / "twins"
    old = root / "tin-tuc" / "2025" / "01" / "bai-cu" / "index.html"  # the older layout's twin
    old.parent.mkdir(parents=True)
    old.write_bytes(b"<html></html>")
    handlers._write_twin(root, "tin-tuc/2025/01/bai-mot/index.html", b"<html>1</html>")
    handlers._write_twin(root, "tin-tuc/2025/02/bai-hai/index.html", b"<html>2</html>")
    handlers._drop_stale_twins(root, {"tin-tuc/2025/01/bai-mot/index.html", "tin-tuc/2025/02/bai-hai/index.html"})
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert files == ["tin-tuc/2025/01/bai-mot.index.html", "tin-tuc/2025/02/bai-hai.index.html"]
    assert not (root / "tin-tuc" / "2025" / "01" / "bai-cu").exists()
    # a folder removed behind the writer's back (the cache deleted between two runs) is made again
    import shutil

    shutil.rmtree(root / "tin-tuc" / "2025" / "02")
    handlers._write_twin(root, "tin-tuc/2025/02/bai-ba/index.html", b"<html>3</html>")
    assert (root / "tin-tuc" / "2025" / "02" / "bai-ba.index.html").read_bytes() == b"<html>3</html>"

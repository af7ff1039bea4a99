"""Parallel and incremental rendering (plugins/render): the output of a build
that re-used pages of the previous one, rendered in several processes, is the
output of a clean serial build, byte for byte, after every kind of change."""

from __future__ import annotations

import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import tree_hashes
from helpers import ROOT, make_content, run_pelican
from portal.fingerprint import Fingerprinter

# Sample articles of January 2025 (photos, a video, several units and
# campaigns): enough for every kind of page, few enough for 16 quick builds
ARTICLES = sorted(p for month in ("01",) for p in (ROOT / "content" / "articles" / "2025" / month).glob("*.md"))
# and three of January 2024: with SEARCH_SHARD_MIN_PAGES at 1, each year gets
# its own Pagefind bundle, so an edit re-indexes one shard and carries the
# other over from the live build
EARLIER = sorted((ROOT / "content" / "articles" / "2024" / "01").glob("*.md"))[:3]


def _build(out: Path, content: Path, theme: Path, cache: Path, *, incremental: bool, workers: int = 1,
           check: bool = True, uptodate: bool = True):
    extra = {"THEME": str(theme), "RENDER_CACHE_DIR": str(cache), "RENDER_INCREMENTAL": incremental,
             "RENDER_WORKERS": workers, "RENDER_MIN_PARALLEL_PAGES": 1, "UPTODATE_ENABLED": uptodate,
             # parallel builds also convert Markdown in the reading helper (plugins/vietnamese/ahead.py)
             "VIETNAMESE_HELPER_FROM": 1 if workers > 1 else 0,
             # and write the royalty spreadsheets in a forked child (plugins/royalties)
             "ROYALTIES_FORK_FROM": 1 if workers > 1 else 0,
             "SEARCH_SHARD_MIN_PAGES": 1}
    # the preview settings: the .gz/.br copies are left to a unit test below
    return run_pelican(out, content=content, settings="pelicanconf.py", extra=extra, verbose=True, check=check)


def _inodes(root: Path) -> dict[str, tuple[int, int]]:
    """(device, inode) of every file under ``root``, by relative name."""
    found = {}
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            stat = path.stat()
            found[path.relative_to(root).as_posix()] = (stat.st_dev, stat.st_ino)
    return found


def _counts(proc, workers: int | None = None) -> tuple[int, int]:
    found = re.search(r"Trang: dựng (\d+), dùng lại (\d+) \((\d+) tiến trình\)", proc.stdout + proc.stderr)
    assert found, proc.stdout + proc.stderr
    if workers is not None:  # the pages really were rendered in that many forked processes
        assert int(found.group(3)) == workers, found.group(0)
    return int(found.group(1)), int(found.group(2))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    base = tmp_path_factory.mktemp("incremental")
    content = make_content(base, parts=("data", "images", "campaigns", "pages"))
    for path in [*EARLIER, *ARTICLES]:
        target = content / "articles" / path.relative_to(ROOT / "content" / "articles")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    theme = base / "theme"
    shutil.copytree(ROOT / "theme", theme)
    return base, content, theme


class CleanBuilds:
    """Clean serial builds of snapshots of the project, run beside the
    incremental chain (two at a time), compared with the live output as it
    was at the snapshot."""

    def __init__(self, base: Path):
        self.base = base
        self.pool = ThreadPoolExecutor(max_workers=2)
        self.pending = []

    def compare_later(self, content: Path, theme: Path, live: Path, label: str) -> None:
        snap = self.base / f"snap-{label}"
        shutil.copytree(content, snap / "content", symlinks=True)
        shutil.copytree(theme, snap / "theme", symlinks=True)
        expected_live = tree_hashes(live)
        future = self.pool.submit(_build, snap / "output", snap / "content", snap / "theme", snap / "cache",
                                  incremental=False, workers=1)
        self.pending.append((label, expected_live, snap, future))

    def check(self) -> None:
        for label, got, snap, future in self.pending:
            future.result()
            want = tree_hashes(snap / "output")
            assert sorted(got) == sorted(want), f"{label}: files differ: {sorted(set(got) ^ set(want))[:10]}"
            differing = [name for name in want if got[name] != want[name]]
            assert not differing, f"{label}: bytes differ in {differing[:10]}"
        self.pool.shutdown()


@pytest.fixture
def clean_builds(project):
    """``CleanBuilds`` whose threads are ended however the test ends (a
    thread left running would keep later tests of the worker from forking)."""
    clean = CleanBuilds(project[0])
    yield clean
    clean.pool.shutdown(cancel_futures=True)


def test_incremental_parallel_output_equals_a_clean_serial_build_after_each_change(project, clean_builds):
    base, content, theme = project
    live, cache = base / "live", base / "cache"
    clean = clean_builds
    first = _build(live, content, theme, cache, incremental=True, workers=3)
    rendered, reused = _counts(first, workers=3)
    assert rendered > 50 and reused == 0
    clean.compare_later(content, theme, live, "cold")  # parallel (3 processes) == serial
    before = tree_hashes(live)

    # nothing changed: plugins/uptodate does nothing at all. Without it (its
    # setting switches it off), the first build after a cold one renders every
    # page once (the cold build computed no page digests), each equal to the
    # live file and so that very file; the next one carries every page over.
    # The output stays identical.
    again = _build(live, content, theme, cache, incremental=True, workers=3)
    assert "Không có gì thay đổi" in again.stdout + again.stderr
    before_inodes = _inodes(live)
    proc = _build(live, content, theme, cache, incremental=True, workers=3, uptodate=False)
    rendered, reused = _counts(proc)
    assert rendered > 50 and reused == 0
    assert "không ghi dấu vân tay trang" in proc.stdout + proc.stderr
    assert f"Trang: {rendered} trang dựng lại giống hệt bản đang chạy" in proc.stdout + proc.stderr
    after_inodes = _inodes(live)
    pages = [name for name in before_inodes if name.endswith((".html", ".html.br"))]
    assert pages and all(after_inodes[name] == before_inodes[name] for name in pages)
    assert tree_hashes(live) == before
    rendered, reused = _counts(_build(live, content, theme, cache, incremental=True, workers=3, uptodate=False))
    assert rendered == 0 and reused > 50
    assert tree_hashes(live) == before

    article = sorted((content / "articles").rglob("*.md"))[3]
    # body edit below the lead: that article's page alone is rendered again
    article.write_text(article.read_text(encoding="utf-8") + "\nMột đoạn mới thêm vào cuối bài.\n", encoding="utf-8")
    assert sorted(p.name for p in live.iterdir() if p.name.startswith("pagefind")) == \
        ["pagefind", "pagefind-tin-tuc-2024"]
    proc = _build(live, content, theme, cache, incremental=True, workers=3)
    rendered, reused = _counts(proc)
    assert rendered == 1, rendered
    assert "2025" in article.parts and "(1/2 phần)" in proc.stdout + proc.stderr  # its year's shard alone
    clean.compare_later(content, theme, live, "body")

    # title edit (the address follows the title): the build's digest leaves
    # titles and addresses out, so only the pages that show the edited
    # article (its old address or title in the live page) are rendered; the
    # others are carried over (the same file, not rendered)
    text = article.read_text(encoding="utf-8")
    before = _inodes(live)
    article.write_text(re.sub(r"^Title: (.*)$", r"Title: \1 (cập nhật)", text, count=1, flags=re.M), encoding="utf-8")
    proc = _build(live, content, theme, cache, incremental=True, workers=3)
    log = " ".join((proc.stdout + proc.stderr).split())  # Rich wraps long lines
    assert "Trang: 1 bài đổi tiêu đề, sapo hay địa chỉ (" in log and article.name in log, log
    rendered, reused = _counts(proc)
    after = _inodes(live)
    kept = [name for name in before if after.get(name) == before[name]]
    # here the edited article is among the newest, which every page's sidebar
    # lists; the board's quota pages show no title
    assert reused >= 30 and rendered > 50, (rendered, reused)
    assert len([name for name in kept if name.endswith(".html")]) >= 30, kept
    assert "chi-tieu/index.html" in kept
    assert "index.html" not in kept  # the home page lists the edited title
    clean.compare_later(content, theme, live, "title")

    # the title of an old article (in no sidebar), with characters HTML
    # escapes, and the Summary of another: only their pages and the few
    # listings and neighbours that show them are rendered
    old_article, summarised = (content / "articles" / path.relative_to(ROOT / "content" / "articles")
                               for path in EARLIER[:2])
    text = old_article.read_text(encoding="utf-8")
    old_article.write_text(re.sub(r"^Title: (.*)$", r'Title: \1 & "nhìn lại"', text, count=1, flags=re.M),
                           encoding="utf-8")
    text = summarised.read_text(encoding="utf-8")
    assert re.search(r"^Summary: ", text, flags=re.M)
    summarised.write_text(re.sub(r"^Summary: (.*)$", r"Summary: \1 Thêm một câu.", text, count=1, flags=re.M),
                          encoding="utf-8")
    proc = _build(live, content, theme, cache, incremental=True, workers=3)
    log = " ".join((proc.stdout + proc.stderr).split())  # Rich wraps long lines
    assert "Trang: 2 bài đổi tiêu đề, sapo hay địa chỉ (" in log, log
    assert old_article.name in log and summarised.name in log
    rendered, reused = _counts(proc)
    assert 1 < rendered < 40 < reused, (rendered, reused)
    clean.compare_later(content, theme, live, "old title")

    # a new article
    new = content / "articles" / "2025" / "12" / "bai-moi-them-vao.md"
    new.parent.mkdir(parents=True, exist_ok=True)
    source = sorted((content / "articles").rglob("*.md"))[0].read_text(encoding="utf-8")
    source = re.sub(r"^Title: .*$", "Title: Bài mới thêm vào kho lưu trữ", source, count=1, flags=re.M)
    new.write_text(re.sub(r"^Date: .*$", "Date: 2025-12-20 08:00", source, count=1, flags=re.M), encoding="utf-8")
    _build(live, content, theme, cache, incremental=True, workers=3)
    assert (live / "tin-tuc" / "2025" / "12" / "bai-moi-them-vao-kho-luu-tru" / "index.html").is_file()
    clean.compare_later(content, theme, live, "new")

    # a deleted article
    article.unlink()
    _build(live, content, theme, cache, incremental=True, workers=3)
    clean.compare_later(content, theme, live, "deleted")

    # a data file edit (a unit's name)
    units = content / "data" / "units.yml"
    text = units.read_text(encoding="utf-8")
    units.write_text(text.replace("Liên đoàn Lao động tỉnh Lai Châu", "Liên đoàn Lao động tỉnh Lai Châu (mới)", 1),
                     encoding="utf-8")
    assert units.read_text(encoding="utf-8") != text
    _build(live, content, theme, cache, incremental=True, workers=3)
    clean.compare_later(content, theme, live, "data")

    # a template edit
    footer = theme / "templates" / "base.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace("</footer>", "<p>Dòng mới ở chân trang</p></footer>", 1),
                      encoding="utf-8")
    rendered, reused = _counts(_build(live, content, theme, cache, incremental=True, workers=3), workers=3)
    assert reused == 0
    assert "Dòng mới ở chân trang" in (live / "index.html").read_text(encoding="utf-8")
    clean.compare_later(content, theme, live, "template")

    # an edit to a template few pages are made with (the board's pages of a
    # year): a page's digest covers the templates it is made of, not the
    # whole theme, so those pages alone are rendered again
    quota = theme / "templates" / "quota_year.html"
    quota.write_text(quota.read_text(encoding="utf-8").replace(
        "{% block content %}", "{% block content %}<p>Ghi chú mới của ban thường vụ</p>", 1), encoding="utf-8")
    rendered, reused = _counts(_build(live, content, theme, cache, incremental=True, workers=3))
    noted = [page for page in live.rglob("*.html") if "Ghi chú mới của ban thường vụ" in page.read_text(encoding="utf-8")]
    assert noted and rendered == len(noted) and reused > 50, (rendered, reused, noted)
    clean.compare_later(content, theme, live, "one template")

    # a template that fails while rendering in a worker: the build stops with the
    # page named, no traceback, and the live output stays as it was
    good = tree_hashes(live)
    page = theme / "templates" / "page.html"
    page.write_text(page.read_text(encoding="utf-8").replace("{% block content %}", "{% block content %}{{ 1 // 0 }}", 1),
                    encoding="utf-8")
    failed = _build(live, content, theme, cache, incremental=True, workers=3, check=False)
    assert failed.returncode != 0
    output = failed.stdout + failed.stderr
    assert "Không dựng được trang" in output and "ZeroDivisionError" in output
    assert "Traceback" not in output
    assert tree_hashes(live) == good

    # a build that fails after its pages were rendered (the private-data scan
    # finds a roster phone a template printed on the about page): the live
    # output and the record of its pages stay; the next good build carries
    # every other page over from it
    from plugins.render.jobs import pending_path, record_path
    page.write_text(page.read_text(encoding="utf-8").replace("{{ 1 // 0 }}", "Gọi 0912 345 601", 1), encoding="utf-8")
    record = record_path(cache, live)
    kept = record.read_bytes()
    failed = _build(live, content, theme, cache, incremental=True, workers=3, check=False)
    assert failed.returncode != 0 and "số điện thoại" in failed.stdout + failed.stderr
    assert tree_hashes(live) == good and record.read_bytes() == kept and pending_path(record).is_file()
    page.write_text(page.read_text(encoding="utf-8").replace("Gọi 0912 345 601", "", 1), encoding="utf-8")
    rendered, reused = _counts(_build(live, content, theme, cache, incremental=True, workers=3))
    assert reused > 50 and rendered < 10, (rendered, reused)
    assert tree_hashes(live) == good and not pending_path(record).exists()
    clean.check()


def test_digests_refuse_what_is_not_stable():
    class Plain:
        pass

    class WithSlots:
        __slots__ = ("a",)

        def __init__(self, a):
            self.a = a

    hasher = Fingerprinter()
    assert hasher.digest({"a": 1, "b": [1, 2]}) == Fingerprinter().digest({"b": [1, 2], "a": 1})
    assert hasher.digest([1, 2]) != Fingerprinter().digest([2, 1])
    digest = lambda value: Fingerprinter().digest(value)  # noqa: E731
    assert digest({"a": 1}) != digest({"a": "1"}) != digest({"a1": ""}) != digest({"": "a1"})
    assert digest({"a": "b", "c": "d"}) != digest({"a": "bc", "": "d"}) != digest({"ab": "", "c": "d"})
    assert digest({1: "a", "b": 2}) == digest({"b": 2, 1: "a"}) != digest({"1": "a", "b": 2})
    assert digest({"x": {"b": 1, "a": 2}}) == digest({"x": {"a": 2, "b": 1}}) != digest({"x": {"a": 1, "b": 2}})
    assert Fingerprinter().digest(WithSlots(1)) != Fingerprinter().digest(WithSlots(2))
    assert Fingerprinter().digest(object()) is None  # its repr shows an address
    loop: list = []
    loop.append(loop)
    assert Fingerprinter().digest(loop) is None
    thing = Plain()
    thing.settings = {"huge": object()}  # the run's settings are digested once, elsewhere
    thing.title = "Tết"
    assert Fingerprinter().digest(thing) is not None


def test_card_digests_computed_in_halves_equal_the_serial_ones():
    import datetime as dt

    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    from plugins.render.digest import Digests, build_parts

    settings = dict(DEFAULT_CONFIG)
    items = [Article(f"<p>Đoạn đầu {n}.</p><p>Thân bài {n}.</p>",
                     metadata={"title": f"Bài {n}", "date": dt.datetime(2026, 1, 1 + n % 28)}, settings=settings)
             for n in range(40)]
    items[3].odd = object()  # no stable card: a digest of its identity, the same in the child
    settings["PORTAL"] = {"records": {f"bai-{n}.md": {"title": f"Bài {n}"} for n in range(40)}}
    context = {**settings, "articles": items[:30], "hidden_articles": items[30:], "pages": items[:5]}
    split = Digests()
    assert split.precompute(settings, context, split_from=1) == 40
    assert set(split.known_parts) == {"settings:PORTAL", "context:PORTAL"}  # the child's share
    serial = Digests()
    assert [split.card(item) for item in items] == [serial.card(item) for item in items]
    assert split.card(items[3]).endswith(b"!") and len(set(map(split.card, items))) == 40
    assert build_parts(settings, context, split) == build_parts(settings, context, serial)
    below = Digests()
    assert below.precompute(settings, {"articles": items}, split_from=10**6) == 40 and not below.known_parts


def test_precompressed_copies_of_an_unchanged_file_are_linked_from_the_live_build(tmp_path):
    from plugins.precompress.compress import precompress_tree

    live, staging = tmp_path / "live", tmp_path / "staging"
    (live / "a").mkdir(parents=True)
    page = live / "a" / "index.html"
    page.write_text("<p>Tết sum vầy</p>" * 200, encoding="utf-8")
    assert precompress_tree(live, {".html"}, 10, 5)[0] == 1
    (staging / "a").mkdir(parents=True)
    os.link(page, staging / "a" / "index.html")            # carried over unchanged
    (staging / "b.html").write_text("<p>Mới</p>" * 200, encoding="utf-8")   # rendered this run
    files = precompress_tree(staging, {".html"}, 10, 5, live=live)[0]
    assert files == 1                                       # only the new page compressed
    assert os.path.samefile(staging / "a" / "index.html.gz", live / "a" / "index.html.gz")
    assert os.path.samefile(staging / "a" / "index.html.br", live / "a" / "index.html.br")
    assert (staging / "b.html.gz").is_file() and not os.path.samefile(staging / "b.html", live / "a" / "index.html")
    # a changed file (new inode) gets fresh copies
    (staging / "a" / "index.html").unlink()
    (staging / "a" / "index.html.gz").unlink()
    (staging / "a" / "index.html.br").unlink()
    (staging / "a" / "index.html").write_text("<p>Đã sửa</p>" * 200, encoding="utf-8")
    precompress_tree(staging, {".html"}, 10, 5, live=live)
    import gzip
    assert gzip.decompress((staging / "a" / "index.html.gz").read_bytes()).decode("utf-8").startswith("<p>Đã sửa")


def test_brotli_only_suffixes_get_the_br_copy_alone_and_it_is_linked_when_unchanged(tmp_path):
    """PRECOMPRESS_BROTLI_ONLY (pages): a .br copy and no .gz; other suffixes
    keep both; without brotli everything still gets its .gz copy; a file that
    would not shrink gets neither."""
    import brotli
    import gzip

    from plugins.precompress.compress import compress_file, copy_suffixes, precompress_tree

    assert copy_suffixes("index.html", 5, {".html"}) == (".br",)
    assert copy_suffixes("tat-ca.rss.xml", 5, {".html"}) == (".gz", ".br")
    assert copy_suffixes("index.html", None, {".html"}) == (".gz",)
    live, staging = tmp_path / "live", tmp_path / "staging"
    (live / "a").mkdir(parents=True)
    page, feed = live / "a" / "index.html", live / "feed.xml"
    page.write_text("<p>Tết sum vầy</p>" * 200, encoding="utf-8")
    feed.write_text("<item>Chợ Tết</item>" * 200, encoding="utf-8")
    files, size_in, size_gz, size_br = precompress_tree(live, {".html", ".xml"}, 10, 5, brotli_only={".html"})
    assert files == 2 and size_gz and size_br
    assert not (live / "a" / "index.html.gz").exists()
    assert brotli.decompress((live / "a" / "index.html.br").read_bytes()) == page.read_bytes()
    assert gzip.decompress((live / "feed.xml.gz").read_bytes()) == feed.read_bytes()
    (staging / "a").mkdir(parents=True)
    os.link(page, staging / "a" / "index.html")            # carried over unchanged: its .br is linked
    assert precompress_tree(staging, {".html"}, 10, 5, live=live, brotli_only={".html"})[0] == 0
    assert os.path.samefile(staging / "a" / "index.html.br", live / "a" / "index.html.br")
    assert not (staging / "a" / "index.html.gz").exists()
    tiny = tmp_path / "tiny.html"
    tiny.write_bytes(b"<p>a</p>")
    assert compress_file(tiny, tiny.read_bytes(), tmp_path, 5, copies=(".br",)) == (0, 0, 0, 0)
    assert not (tmp_path / "tiny.html.br").exists() and not (tmp_path / "tiny.html.gz").exists()


def test_bad_render_settings_are_named_in_vietnamese():
    from plugins.render.checks import check_settings
    from portal.problems import Problems

    problems = Problems()
    check_settings(None, {}, problems, {"RENDER_WORKERS": "nhiều", "RENDER_MIN_PARALLEL_PAGES": 0,
                                        "RENDER_COLLECT_KEYS": "_SEO", "RENDER_INCREMENTAL": "có",
                                        "RENDER_KEEP_FREED_MEMORY": 1, "RENDER_COLD_DIGESTS": "true"})
    text = "\n".join(p.format() for p in problems.errors)
    for key in ("RENDER_WORKERS", "RENDER_MIN_PARALLEL_PAGES", "RENDER_COLLECT_KEYS", "RENDER_INCREMENTAL",
                "RENDER_KEEP_FREED_MEMORY", "RENDER_COLD_DIGESTS"):
        assert f"«{key}»" in text
    assert "số nguyên" in text
    fine = Problems()
    check_settings(None, {}, fine, {"RENDER_WORKERS": 0, "RENDER_MIN_PARALLEL_PAGES": 48,
                                    "RENDER_COLLECT_KEYS": ["_SEO_WRITTEN_HEADS"], "RENDER_INCREMENTAL": True})
    assert fine.errors == []


def test_urls_are_expanded_once_per_object_while_the_queue_is_rendered():
    """plugins/render/frozen.py: inside the flush an article's and a tag's
    URL is expanded once and remembered; outside it Pelican's own methods
    answer again (nothing left patched, even after an error)."""
    import copy
    import datetime as dt

    from pelican.contents import Article, Content
    from pelican.settings import DEFAULT_CONFIG
    from pelican.urlwrappers import Tag, URLWrapper

    from plugins.render.frozen import frozen_urls

    settings = copy.deepcopy(DEFAULT_CONFIG)
    article = Article("<p>Thân bài</p>", settings=settings,
                      metadata={"title": "Chợ Tết", "slug": "cho-tet", "date": dt.datetime(2026, 1, 20)})
    tag = Tag("Tết Sum vầy", settings)
    originals = (Content.get_url_setting, URLWrapper.url, URLWrapper.save_as)
    with pytest.raises(RuntimeError):
        with frozen_urls() as memo:
            assert (article.url, article.save_as, tag.url) == ("cho-tet.html", "cho-tet.html", "tag/tet-sum-vay.html")
            article.slug, tag.slug = "doi-ten", "doi-ten"
            assert (article.url, tag.url, tag.save_as) == ("cho-tet.html", "tag/tet-sum-vay.html", "tag/doi-ten.html")
            assert len(memo) == 4  # (object, setting) pairs
            raise RuntimeError("lỗi giữa chừng")
    assert (Content.get_url_setting, URLWrapper.url, URLWrapper.save_as) == originals
    assert (article.url, tag.url) == ("doi-ten.html", "tag/doi-ten.html")


def test_a_shared_fragment_is_rendered_once_per_key_and_run():
    from plugins.render.fragments import Fragments

    calls = []

    def block(text):
        def caller():
            calls.append(text)
            return text
        return caller

    store = Fragments()
    assert store("aside", "https://a", None, caller=block("one")) == "one"
    assert store("aside", "https://a", None, caller=block("two")) == "one"  # kept
    assert store("aside", "https://a", 3, caller=block("three")) == "three"  # another key
    assert store("aside", ["unhashable"], caller=block("four")) == "four"  # never kept
    assert store("aside", ["unhashable"], caller=block("five")) == "five"
    assert calls == ["one", "three", "four", "five"] and len(store) == 2
    assert Fragments()("aside", "https://a", None, caller=block("six")) == "six"  # a new run keeps nothing


def test_the_build_keeps_freed_memory_on_glibc():
    import platform

    from portal.allocator import keep_freed_memory

    if platform.system() == "Linux" and platform.libc_ver()[0] == "glibc":
        assert keep_freed_memory() is True
    else:
        assert keep_freed_memory() is False


_EXIT_SCRIPT = r"""
import atexit, gc, sys
from portal.allocator import skip_last_collection
before = atexit._ncallbacks()
skip_last_collection()
skip_last_collection()
assert atexit._ncallbacks() == before + 1  # registered once per process
with open(sys.argv[1], "w", encoding="utf-8") as handle:
    handle.write("đã ghi")
sys.exit(3)
"""


def test_exit_skips_the_last_collection_and_keeps_the_exit_status(tmp_path):
    """``skip_last_collection``: gc.freeze at exit, registered once; the exit
    status and what was written are as they would be without it."""
    from conftest import run_python

    target = tmp_path / "out.txt"
    proc = run_python(_EXIT_SCRIPT, str(target), timeout=60)
    assert proc.returncode == 3, proc.stderr
    assert target.read_text(encoding="utf-8") == "đã ghi"


_FREEZE_SCRIPT = r"""
import gc

from portal import allocator

allocator.thaw_run()
gc.unfreeze()
with allocator.frozen_for_fork():
    assert gc.get_freeze_count() > 0
assert gc.get_freeze_count() == 0            # no run froze it: given back after the fork
allocator.freeze_while_reading()             # before the first article: frozen
kept = [object() for _ in range(10)]
first = gc.get_freeze_count()
assert first > 0
for _ in range(allocator.FREEZE_EVERY - 1):
    allocator.freeze_while_reading()
assert gc.get_freeze_count() == first, (gc.get_freeze_count(), first)  # not again until FREEZE_EVERY more
allocator.freeze_while_reading()
assert gc.get_freeze_count() >= first
with allocator.frozen_for_fork():
    pass
assert gc.get_freeze_count() > 0             # the run's freeze stays
allocator.thaw_run()
assert gc.get_freeze_count() == 0
print("ok")
"""


def test_what_a_run_read_is_frozen_until_the_next_run():
    """portal.allocator: frozen before the first article is read and every
    FREEZE_EVERY after it, and at the end of reading; a fork in between keeps
    it frozen; the next run's start gives everything back to the collector.
    In a fresh interpreter: the freeze count is the whole process's, and a
    test worker may have other threads (a served site, a browser)."""
    from conftest import run_python

    proc = run_python(_FREEZE_SCRIPT, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-2000:]


def test_term_lists_answer_in_by_identity_and_follow_changes():
    from types import SimpleNamespace as NS

    from plugins.render.membership import MemberList, index_terms

    a, b, c = object(), object(), object()
    tag, cat, author = "thẻ", "chuyên mục", "tác giả"
    generator = NS(tags={tag: [a, b]}, categories=[(cat, [b])], authors=[(author, [c])])
    tags, categories = generator.tags, generator.categories
    index_terms(generator)
    assert generator.tags is tags and generator.categories is categories  # changed in place: the context sees it
    assert isinstance(tags[tag], MemberList) and tags[tag] == [a, b]
    assert [x for x in (a, b, c) if x in tags[tag]] == [a, b]
    assert b in categories[0][1] and a not in categories[0][1] and c in generator.authors[0][1]
    listed = tags[tag]
    listed.append(c)
    assert c in listed
    listed.remove(a)
    assert a not in listed
    listed[0] = a
    assert a in listed and b not in listed
    del listed[0]
    assert a not in listed and listed == [c]
    listed += [b]
    assert b in listed
    listed.clear()
    assert c not in listed and b not in listed


def test_period_archives_are_pelicans_built_in_one_pass():
    """The year/month/day archives equal Pelican's own method's, article for
    article, in the same order (and the other generators are left alone)."""
    import datetime as dt
    from types import SimpleNamespace as NS

    from pelican.generators import ArticlesGenerator

    from plugins.render.membership import linear_period_archives

    articles = [NS(date=dt.datetime(2020 + i % 3, 1 + i % 12, 1 + i % 28), n=i) for i in range(200)]
    dates = sorted(articles, key=lambda a: a.date, reverse=True)
    settings = {f"{g}_ARCHIVE_{k}": f"{g.lower()}/{{date:%Y-%m-%d}}/" for g in ("YEAR", "MONTH", "DAY")
                for k in ("SAVE_AS", "URL")}

    class Generator:
        _build_period_archives = ArticlesGenerator._build_period_archives

    generator = Generator()
    expected = generator._build_period_archives(dates, articles, settings)
    linear_period_archives(generator)
    linear_period_archives(generator)  # twice: still one wrapper
    assert generator._build_period_archives.args[0].__func__ is ArticlesGenerator._build_period_archives
    got = generator._build_period_archives(dates, articles, settings)
    assert set(got) == {"year", "month", "day"} and got == expected
    assert [a.n for a in got["year"][0]["articles"]] == [a.n for a in articles if a.date.year == 2022]
    assert Generator()._build_period_archives.__func__ is ArticlesGenerator._build_period_archives



def test_a_page_rendered_to_the_live_bytes_is_linked_with_its_copies_and_not_scanned_again(tmp_path):
    """A page whose digest changed but whose bytes equal the live file's:
    ``same_bytes`` says so only for a regular file with exactly those bytes;
    the precompress receiver links the live .br instead of compressing; the
    scan receiver skips it only while the private values are the live
    build's."""
    from plugins.precompress.handlers import compress_page
    from plugins.render.jobs import same_bytes
    from plugins.safety.handlers import scan_page
    from portal.privacy import PrivateValues
    from portal.rendered import LIVE_KEY, SAME_PRIVATE_KEY, RenderedPage

    live, staging = tmp_path / "live", tmp_path / "staging"
    (live / "a").mkdir(parents=True)
    data = ("<p>Chợ Tết Công đoàn, gọi 0912 345 678</p>" * 100).encode("utf-8")
    (live / "a" / "index.html").write_bytes(data)
    assert same_bytes(live / "a" / "index.html", data)
    assert not same_bytes(live / "a" / "index.html", data + b" ") and not same_bytes(live / "a" / "x.html", data)
    assert not same_bytes(live / "a" / "index.html", data[:-1] + b"!")
    (live / "b.html").symlink_to(live / "a" / "index.html")
    assert not same_bytes(live / "b.html", data)  # a link is never taken for the live file

    class Portal:
        private = PrivateValues.from_roster([{"name": "Lò Văn Minh", "phone": "0912345678"}])

    settings = {"PRECOMPRESS_ENABLED": True, "PRECOMPRESS_SUFFIXES": [".html"], "PRECOMPRESS_MIN_BYTES": 10,
                "PRECOMPRESS_BROTLI_QUALITY": 5, "PRECOMPRESS_BROTLI_ONLY": [".html"], LIVE_KEY: str(live),
                SAME_PRIVATE_KEY: True, "PORTAL": Portal()}
    first = RenderedPage("a/index.html", live / "a" / "index.html", live, data, {**settings, LIVE_KEY: None})
    assert compress_page(first)[1][0] == 1 and (live / "a" / "index.html.br").is_file()
    (staging / "a").mkdir(parents=True)
    os.link(live / "a" / "index.html", staging / "a" / "index.html")
    page = RenderedPage("a/index.html", staging / "a" / "index.html", staging, data, settings, live_equal=True)
    assert compress_page(page) == ("precompress", (0, 0, 0, 0))
    assert os.path.samefile(staging / "a" / "index.html.br", live / "a" / "index.html.br")
    assert scan_page(page) is None  # scanned for these very values when it went live
    assert scan_page(RenderedPage(page.name, page.path, staging, data, {**settings, SAME_PRIVATE_KEY: False},
                                  live_equal=True)) == ("safety", [("phone", "Lò Văn Minh")])
    # without the live copy (or not the live file itself) it is compressed as any page
    (staging / "a" / "index.html.br").unlink()
    (live / "a" / "index.html.br").unlink()
    assert compress_page(page)[1][0] == 1


def test_the_page_record_becomes_the_live_builds_only_when_the_build_went_live(tmp_path):
    """The record a run writes waits beside the live one until
    ``portal.output_swapped``: a build that fails after rendering leaves the
    record of the pages that are live."""
    from plugins.render.jobs import (_load_record, _save_record, commit_record, discard_record, pending_path,
                                     record_path)
    from plugins.render.digest import Display
    from plugins.render.writer import Job

    record = tmp_path / "render" / "pages-x.pickle"
    page = tmp_path / "out" / "a.html"
    page.parent.mkdir(parents=True)
    page.write_text("Tết", encoding="utf-8")
    job = Job(name="a.html", path=str(page), template=None, context={}, own={}, main=None, signature=b"1")
    shown = Display("d", "a/", "Tết")
    _save_record(record, [job], {"code": "x"}, "roster", {"a.md": shown})
    assert pending_path(record).is_file() and not record.exists()
    assert _load_record(record) == ({}, {}, None, None, {})  # nothing live yet
    assert commit_record(record) and not pending_path(record).exists()
    parts, pages, private, names, display = _load_record(record)
    assert parts == {"code": "x"} and set(pages) == {"a.html"} and private == "roster" and names == {"a.html"}
    assert display == {"a.md": shown}
    _save_record(record, [job], {"code": "x"}, "roster", {"a.md": "not display values"})
    assert commit_record(record) and _load_record(record)[4] == {}  # what is not understood is not used
    job.signature = b"2"
    _save_record(record, [job], {"code": "y"}, "roster")  # a run that then failed: never committed
    assert _load_record(record)[0] == {"code": "x"}
    assert not commit_record(tmp_path / "render" / "pages-none.pickle")
    # a build that went live without writing a record (RENDER_INCREMENTAL off)
    # leaves none: the last one no longer describes the live pages
    discard_record(record)
    assert not record.exists() and not pending_path(record).exists()
    discard_record(record)  # nothing there: nothing to do
    # committed with its output folder named beside it: the records of
    # output folders that are gone (a test's, an old preview's) are removed
    gone, kept = tmp_path / "gone", tmp_path / "out"
    gone.mkdir()
    for folder in (gone, kept):
        other = record_path(tmp_path / "render", folder)
        _save_record(other, [job], {"code": "x"}, None)
        assert commit_record(other, folder)
    gone.rmdir()
    _save_record(record, [job], {"code": "x"}, None)
    assert commit_record(record, kept)
    left = sorted(p.name for p in (tmp_path / "render").iterdir())
    mine = record_path(tmp_path / "render", kept).name
    assert left == sorted([record.name, record.name + ".folder", mine, mine + ".folder"]), left


def test_titles_and_addresses_are_left_out_of_the_frame_and_looked_for_in_the_live_pages():
    """The build's digest (the frame) leaves out what a title edit changes;
    ``display_values`` keeps it per source file, and ``display_needles``
    names what a live page that showed an edited article holds."""
    import datetime as dt
    import unicodedata

    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    from plugins.render.digest import Digests, display_needles, display_values

    settings = dict(DEFAULT_CONFIG)

    def article(title, source="/nd/bai.md", body="<p>Đoạn đầu.</p>", slug="cho-tet"):
        return Article(body, metadata={"title": title, "slug": slug, "date": dt.datetime(2026, 1, 2)},
                       settings=settings, source_path=source)

    before, after = article("Chợ Tết"), article('Chợ Tết & "sum vầy"', slug="cho-tet-sum-vay")
    assert Digests().card(before) == Digests().card(after)          # a title (and its slug) alone
    summarised = article("Chợ Tết")
    summarised.metadata["summary"] = summarised._summary = "<p>Sapo mới.</p>"
    assert Digests().card(before) == Digests().card(summarised)     # a Summary alone
    assert display_values(settings, {"articles": [before]}) != display_values(settings, {"articles": [summarised]})
    assert Digests().card(before) != Digests().card(article("Chợ Tết", body="<p>Khác.</p>"))  # the lead
    assert Digests().card(article("A", source=None)) != Digests().card(article("B", source=None))  # no file
    assert Digests().card(before) != Digests().card(article("Chợ Tết", source="/nd/khac.md"))
    old, new = display_values(settings, {"articles": [before]}), display_values(settings, {"articles": [after]})
    assert list(old) == list(new) and old != new
    changed, needles = display_needles(old, new)
    assert changed == list(old)
    assert {b"cho-tet.html", b"cho-tet-sum-vay.html", "Chợ Tết".encode(),
            "Chợ Tết &amp; &#34;sum vầy&#34;".encode()} <= set(needles)
    assert display_needles(old, old) == ([], [])
    decomposed = display_values(settings, {"articles": [article(unicodedata.normalize("NFD", "Tết  Xuân"))]})
    assert {"Tết Xuân".encode(), "Tết  Xuân".encode()} <= set(display_needles(old, decomposed)[1])


def test_a_render_worker_frees_the_cycles_pages_leave(tmp_path):
    """A worker runs with the collector off (its automatic runs would only
    walk the worker's growing heap again and again) and collects the young
    generation every ``COLLECT_EVERY`` pages: the cycles rendering leaves
    (Jinja contexts, macros) are freed as it goes, not kept to its end (at
    10,000 articles ~95 MB a worker)."""
    import gc
    import weakref

    from plugins.render import jobs as render_jobs
    from plugins.render.writer import Job

    left = []

    class Node:
        pass

    class Template:  # leaves one cycle per page, as Jinja's contexts and macros do
        def render(self, context):
            node = Node()
            node.me = node
            left.append(weakref.ref(node))
            return "<p>trang</p>"

    pages = 3 * render_jobs.COLLECT_EVERY
    queue = [Job(f"trang-{n}.html", str(tmp_path / f"trang-{n}.html"), Template(), {}, {}, None, b"signature")
             for n in range(pages)]
    was = gc.isenabled()
    gc.disable()
    try:
        outcome = render_jobs._render_slice(queue, list(range(pages)), [], {}, tmp_path)
    finally:
        if was:
            gc.enable()
    assert len(outcome["done"]) == pages and (tmp_path / "trang-0.html").read_text() == "<p>trang</p>"
    alive = [n for n, ref in enumerate(left) if ref() is not None]
    assert alive and min(alive) >= pages - render_jobs.COLLECT_EVERY  # only those since the last collection


def test_a_page_digest_covers_the_templates_its_own_is_made_of():
    """A template's closure: the templates it extends, includes and imports,
    followed to the end, read through the environment's loader (so an
    override that shadows the theme's is the one digested). A name given by
    an expression cannot be followed: such a template depends on them all."""
    from jinja2 import DictLoader, Environment

    from plugins.render.templates import closure_digest

    sources = {
        "base.html": "<main>{% block content %}{% endblock %}</main>",
        "article.html": '{% extends "base.html" %}{% import "partials/macros.html" as ui %}'
                        '{% block content %}{% include "partials/share.html" %}'
                        '{% include "partials/later.html" ignore missing %}{% endblock %}',
        "partials/macros.html": '{% macro card(a) %}{% include "partials/picture.html" %}{% endmacro %}',
        "partials/picture.html": "<img>",
        "partials/share.html": "<a>Chia sẻ</a>",
        "quota.html": "<table></table>",
        "dynamic.html": "{% include which %}",
    }

    def digests(**changed):
        env = Environment(loader=DictLoader({**sources, **changed}))
        return {name: closure_digest(env, name) for name in ("article.html", "quota.html", "dynamic.html")}

    before = digests()
    deep = digests(**{"partials/picture.html": "<img alt>"})  # through an import, then an include
    assert deep["article.html"] != before["article.html"] and deep["quota.html"] == before["quota.html"]
    assert deep["dynamic.html"] != before["dynamic.html"]  # depends on every template
    board = digests(**{"quota.html": "<table><tr></tr></table>"})
    assert board["article.html"] == before["article.html"] and board["quota.html"] != before["quota.html"]
    appeared = digests(**{"partials/later.html": "<p>mới</p>"})  # a missing include that now exists
    assert appeared["article.html"] != before["article.html"]
    unrelated = digests(**{"partials/unused.html": "<p></p>"})
    assert unrelated["article.html"] == before["article.html"] and unrelated["quota.html"] == before["quota.html"]
    assert unrelated["dynamic.html"] != before["dynamic.html"]

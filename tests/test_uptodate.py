"""A build whose inputs did not change since the last successful one does
nothing (plugins/uptodate); any change to an input, or to the output by
hand, makes it a real build again."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, TEST_BUILD_DATE, make_content
from helpers import run_pelican
from portal.snapshot import tree_state

BODY = "Đoạn mở đầu của bài.\n\nĐoạn thứ hai.\n"


def _article(i: int) -> str:
    return (f"Title: Bài số {i} về Tháng Công nhân\nDate: 2025-01-1{i} 08:00\nAuthors: Nguyễn Thị Hoa\n"
            f"Unit: tam-duong\n\n{BODY}")


@pytest.fixture()
def site(tmp_path, image_cache):
    from pelican import Pelican
    from pelican.settings import read_settings

    content = make_content(tmp_path, {f"bai-{i}.md": _article(i) for i in range(2)})
    out = tmp_path / "output"

    def pelican_for(**extra):
        settings = read_settings(str(ROOT / "pelicanconf.py"), override={
            "PATH": str(content), "OUTPUT_PATH": str(out), "PORTAL_BUILD_DATE": TEST_BUILD_DATE,
            "IMAGES_CACHE_DIR": str(image_cache), "RENDER_CACHE_DIR": str(tmp_path / "render-cache"), **extra})
        return Pelican(settings)

    return content, out, pelican_for


def _run(pelican) -> bool:
    """Run; True when the run found nothing to do."""
    pelican.run()
    return pelican.settings["_UPTODATE_SKIPPED"] == "skipped"


def test_nothing_changed_means_nothing_is_done_and_every_change_builds(site):
    content, out, pelican_for = site
    pelican = pelican_for()
    assert _run(pelican) is False
    page = out / "tin-tuc/2025/01/bai-so-1-ve-thang-cong-nhan/index.html"
    built = os.stat(page)
    assert _run(pelican) is True                       # the same Pelican object (livereload)
    assert _run(pelican_for()) is True                 # a new process, the same settings
    assert os.stat(page).st_ino == built.st_ino        # the live output was left alone

    article = content / "articles/2025/01/bai-1.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nĐoạn thêm khi sửa bài.\n", encoding="utf-8")
    assert _run(pelican) is False
    assert "Đoạn thêm khi sửa bài." in page.read_text(encoding="utf-8")
    assert _run(pelican) is True

    os.utime(article)                                  # a save without a change still builds
    assert _run(pelican) is False
    (content / "articles/2025/01/bai-0.md").unlink()  # a deleted article
    assert _run(pelican) is False
    assert not (out / "tin-tuc/2025/01/bai-so-0-ve-thang-cong-nhan").exists()

    (out / "index.html").unlink()                      # the output changed by hand: built again
    assert _run(pelican) is False
    assert (out / "index.html").is_file()

    assert _run(pelican_for(SITENAME="Công đoàn tỉnh")) is False      # a setting
    assert "Công đoàn tỉnh" in (out / "index.html").read_text(encoding="utf-8")
    assert _run(pelican_for(SITENAME="Công đoàn tỉnh")) is True
    assert _run(pelican_for(SITENAME="Công đoàn tỉnh", PORTAL_BUILD_DATE="2025-12-01")) is False  # the day
    assert _run(pelican_for(SITENAME="Công đoàn tỉnh", UPTODATE_ENABLED=False)) is False  # switched off


def test_a_failed_build_leaves_the_record_of_the_last_good_one(site):
    content, out, pelican_for = site
    pelican = pelican_for()
    _run(pelican)
    good = tree_state(out)
    article = content / "articles/2025/01/bai-1.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Unit: tam-duong", "Unit: khong-co-don-vi-nay"), encoding="utf-8")
    with pytest.raises(Exception):
        pelican_for().run()
    assert tree_state(out) == good                     # the live output untouched
    article.write_text(text, encoding="utf-8")         # put back (a new modification time): built again
    assert _run(pelican_for()) is False


def test_the_cli_says_nothing_changed(tmp_path, image_cache):
    content = make_content(tmp_path, {"bai-1.md": _article(1)})
    extra = {"IMAGES_CACHE_DIR": str(image_cache)}
    run_pelican(tmp_path / "output", content=content, extra=extra)
    again = run_pelican(tmp_path / "output", content=content, extra=extra)
    assert "Không có gì thay đổi từ lần dựng lúc" in again.stdout + again.stderr


def test_tree_state_sees_names_sizes_times_and_links_without_following_them(tmp_path):
    root = tmp_path / "tree"
    (root / "a").mkdir(parents=True)
    (root / "a" / "x.txt").write_text("một", encoding="utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text("ngoài", encoding="utf-8")
    (root / "link").symlink_to(outside)
    first, count = tree_state(root)
    assert count == 3
    outside.write_text("đổi nội dung bên ngoài", encoding="utf-8")
    assert tree_state(root)[0] == first                # a symlink's target is never read
    (root / "a" / "__pycache__").mkdir()
    assert tree_state(root, skip=("__pycache__",))[0] == first
    assert tree_state(root)[0] != first
    os.utime(root / "a" / "x.txt", ns=(1, 1))
    assert tree_state(root, skip=("__pycache__",))[0] != first
    assert tree_state(Path(tmp_path / "missing")) == ("-", 0)


def test_bad_uptodate_settings_are_named_in_vietnamese():
    from plugins.uptodate.checks import check_settings
    from portal.problems import Problems

    problems = Problems()
    check_settings(None, {}, problems, {"UPTODATE_ENABLED": "có", "UPTODATE_RECORD_DIR": 3})
    text = "\n".join(p.format() for p in problems.errors)
    for key in ("UPTODATE_ENABLED", "UPTODATE_RECORD_DIR"):
        assert f"«{key}»" in text
    fine = Problems()
    check_settings(None, {}, fine, {"UPTODATE_ENABLED": False, "UPTODATE_RECORD_DIR": ""})
    assert fine.errors == []


# --- a body-only edit is patched into the live output (plugins/uptodate/patching.py)

PLAIN = "cho-tet-cong-doan-tinh-nam-2025-thu-hut-hang-nghin-doan-vien.md"   # no image in its body
PLAIN_PAGE = "tin-tuc/2025/01/cho-tet-cong-doan-tinh-nam-2025-thu-hut-hang-nghin-doan-vien/index.html"


@pytest.fixture()
def published(tmp_path):
    """The January 2025 sample with the production settings (feeds, search,
    .gz/.br copies, content-named assets), built once."""
    content = make_content(tmp_path, sorted((ROOT / "content/articles/2025/01").glob("*.md")),
                           parts=("data", "images", "campaigns", "pages"))
    live = tmp_path / "output"

    def build(folder=content, out=live):
        return run_pelican(out, content=folder, extra={"RENDER_CACHE_DIR": str(out.parent / f"{out.name}-render")})

    build()
    return content, live, build


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _same_as_a_clean_build(content: Path, live: Path, build, folder: Path) -> None:
    from conftest import tree_hashes

    shutil.copytree(content, folder / "content")
    build(folder / "content", folder / "output")
    got, want = tree_hashes(live), tree_hashes(folder / "output")
    assert sorted(got) == sorted(want)
    assert [name for name in want if got[name] != want[name]] == []


def test_a_body_edit_is_patched_and_equals_a_clean_build(published, tmp_path):
    content, live, build = published
    article = content / "articles/2025/01" / PLAIN
    _append(article, "\nMột đoạn mới được thêm khi sửa bài, có **chữ đậm** và [một liên kết](https://congdoan.vn/).\n")
    proc = build()
    assert "Sửa nhanh" in proc.stdout + proc.stderr
    page = (live / PLAIN_PAGE).read_text(encoding="utf-8")
    assert "Một đoạn mới được thêm khi sửa bài" in page
    assert "Một đoạn mới được thêm khi sửa bài" in (live / "feeds/tat-ca.atom.xml").read_text(encoding="utf-8")
    # a clean build of the same content: the same files, byte for byte (the
    # pages, the feeds, the search shard, the .gz/.br copies)
    _same_as_a_clean_build(content, live, build, tmp_path / "clean")
    assert "Không có gì thay đổi" in (build().stdout + build().stderr)   # and the record follows


def test_a_lead_edit_is_patched_into_the_page_the_listings_and_feeds_like_a_clean_build(published, tmp_path):
    """The first paragraph is the page's sapo and description and every
    listing's summary of the article (unless a Summary says otherwise):
    those are patched too, in every page that shows them, and the site
    equals a clean build byte for byte."""
    from conftest import tree_hashes

    content, live, build = published
    article = content / "articles/2025/01" / PLAIN
    # with a Summary (the sample's), the first paragraph is only the body's start
    text = article.read_text(encoding="utf-8")
    header, body = text.split("\n\n", 1)
    assert "\nSummary: " in header
    article.write_text(f"{header}\n\nMột câu mở đầu thêm vào.\n\n{body}", encoding="utf-8")
    assert "Sửa nhanh" in (proc := build()).stdout + proc.stderr, proc.stdout + proc.stderr
    _same_as_a_clean_build(content, live, build, tmp_path / "clean-1")

    # without a Summary, the first paragraph is the lead; the newest article
    # with a photo, the home page's lead story (header edits: a full build)
    text = re.sub(r"^Summary: .*\n", "", article.read_text(encoding="utf-8"), count=1, flags=re.M)
    text = re.sub(r"^Date: .*$", "Date: 2025-01-31 23:00", text, count=1, flags=re.M)
    article.write_text(text, encoding="utf-8")
    assert "Sửa nhanh" not in (proc := build()).stdout + proc.stderr
    header, body = text.split("\n\n", 1)
    article.write_text(f"{header}\n\nĐoạn mở đầu mới viết lại, có **chữ đậm** & dấu \"nháy\" < 5.\n\n{body}",
                       encoding="utf-8")
    old_lead = body.split("\n\n", 1)[0][:20]   # plain text
    listing = [name for name in tree_hashes(live) if name.endswith(".html") and name != PLAIN_PAGE
               and old_lead in (live / name).read_text(encoding="utf-8")]
    assert "index.html" in listing and len(listing) > 3, listing   # the home page, its category…
    home = (live / "index.html").read_text(encoding="utf-8")
    assert re.search(r'class="lead-title"><a href="[^"]*/' + re.escape(PLAIN_PAGE[: -len("index.html")]), home)
    proc = build()
    assert "Sửa nhanh" in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    page = (live / PLAIN_PAGE).read_text(encoding="utf-8")
    assert re.search(r'class="sapo">Đoạn mở đầu mới viết lại, có <strong>chữ đậm</strong> &amp; dấu [^<]*&lt; 5\.',
                     page), re.findall(r'class="sapo">.{0,120}', page)
    assert re.search(r'<meta name="description" content="Đoạn mở đầu mới viết lại, có chữ đậm &amp; dấu '
                     r'(&#34;|&quot;)nháy(&#34;|&quot;) &lt; 5\.', page), re.findall(r'name="description".{0,120}', page)
    assert '"description":"Đoạn mở đầu mới viết lại' in page
    for name in listing:
        shown = (live / name).read_text(encoding="utf-8")
        assert "Đoạn mở đầu mới viết lại" in shown and old_lead not in shown, name
    assert "Đoạn mở đầu mới viết lại" in (live / "feeds/tat-ca.atom.xml").read_text(encoding="utf-8")
    _same_as_a_clean_build(content, live, build, tmp_path / "clean-2")
    assert "Không có gì thay đổi" in (build().stdout + build().stderr)


def test_a_summary_is_replaced_only_in_the_blocks_of_that_article():
    from portal.patch import PatchRefused, replace_summaries, splice_lead, summary_spans

    url = "https://x.vn/tin-tuc/2025/01/bai-a/"
    page = ('<article class="card"><h2 class="card-title"><a href="https://x.vn/tin-tuc/2025/01/bai-a/">A</a></h2>'
            '<p class="meta">m</p></article>'                                       # no summary: left alone
            '<article class="card"><h2 class="card-title"><a href="https://x.vn/tin-tuc/2025/01/bai-b/">B</a></h2>'
            '<p class="summary">Cũ</p></article>'                                   # another article's, same text
            '<article class="lead-story"><h3 class="lead-title"><a href="https://x.vn/tin-tuc/2025/01/bai-a/">A</a>'
            '</h3><p class="summary">Cũ</p></article>'
            '<ul class="link-list"><li><a href="https://x.vn/tin-tuc/2025/01/bai-a/">A</a></li></ul>'
            '<article class="card"><h3 class="card-title"><a href="https://x.vn/tin-tuc/2025/01/bai-a/">A</a></h3>'
            '<p class="summary">Cũ</p></article>')
    assert [kind for kind, _, _ in summary_spans(page, url)] == ["lead story", "card"]
    done = replace_summaries(page, url, {"card": "Mới 180", "lead story": "Mới 220"}, "index.html")
    assert done.count("Cũ") == 1 and '/bai-b/">B</a></h2><p class="summary">Cũ</p>' in done   # B's is kept
    assert '<p class="summary">Mới 220</p>' in done and '<p class="summary">Mới 180</p>' in done
    escaped = ('<article class="card"><h2 class="card-title"><a href="https://x.vn/a&amp;b/">A</a></h2>'
               '<p class="summary">s</p></article>')
    assert len(summary_spans(escaped, "https://x.vn/a&b/")) == 1   # the address as the templates escape it
    # what an article's body may hold (no <article> tag gets through the sanitiser) is no card
    forged = ('<div class="article-body"><h2 class="card-title"><a href="https://x.vn/tin-tuc/2025/01/bai-a/">A'
              '</a></h2><p class="summary">Cũ</p></div>')
    assert summary_spans(forged, url) == []
    with pytest.raises(PatchRefused):   # a kind the scratch build did not show
        replace_summaries(page, url, {"card": "Mới"}, "index.html")
    # the sapo and the description: exactly once on both pages, or refused
    live = ('<meta name="description" content="cũ"><meta property="og:description" content="cũ">'
            '<meta name="twitter:description" content="cũ"><script>{"description":"c\\"ũ"}</script>'
            '<p class="sapo">cũ</p>')
    scratch = live.replace("cũ", "mới").replace('c\\"ũ', 'm\\"ới')
    assert splice_lead(live, scratch, "a.html") == scratch
    with pytest.raises(PatchRefused):
        splice_lead(live + '<p class="sapo">lần hai</p>', scratch, "a.html")
    with pytest.raises(PatchRefused):
        splice_lead(live, scratch.replace('<p class="sapo">mới</p>', ""), "a.html")


EDITS = [
    (lambda t: t.replace("Title: ", "Title: Sửa tiêu đề: ", 1), "the header"),
    (lambda t: t + "\n![Chợ Tết](/images/2025/01/cho-tet-cong-doan-2025.jpg)\n", "an image"),
]


def test_other_edits_build_everything_and_a_bad_edit_fails_like_a_full_build(published):
    import re

    content, live, build = published
    article = content / "articles/2025/01" / PLAIN
    for edit, why in EDITS:
        article.write_text(edit(article.read_text(encoding="utf-8")), encoding="utf-8")
        proc = build()
        assert "Sửa nhanh" not in proc.stdout + proc.stderr, why
        assert "Done: Processed" in proc.stdout + proc.stderr, why

    # a private phone number pasted into a body: the build fails as a full
    # build would, naming the file, and the live site stays as it was
    before = tree_state(live)
    phone = re.search(r"phone:\s*\"?([0-9 .+]{9,})", (content / "data/contributors.yml").read_text(encoding="utf-8"))
    assert phone, "the sample roster has a phone number"
    _append(article, f"\nLiên hệ {phone.group(1).strip()} để biết thêm.\n")
    proc = run_pelican(live, content=content, check=False,
                       extra={"RENDER_CACHE_DIR": str(live.parent / "output-render")})
    assert proc.returncode != 0
    assert "Sửa nhanh" not in proc.stdout + proc.stderr
    assert PLAIN in proc.stdout + proc.stderr                     # the file named, by the contract
    assert tree_state(live) == before


def test_the_clock_is_the_build_day_not_the_minute_of_the_stamp():
    """Production shows the minute in the footer: a later build of the same
    day that finds nothing to do (or patches a body) keeps the pages, and
    their stamp, of the day's last full build."""
    import datetime as dt

    from plugins.uptodate.state import clock

    assert clock({"PORTAL_BUILD_DATE": "2026-11-21", "BUILDSTAMP_PRECISION": "minute"}) == "2026-11-21"
    today = clock({"PORTAL_BUILD_DATE": None, "BUILDSTAMP_PRECISION": "minute"})
    assert dt.date.fromisoformat(today)   # today in Vietnam, whatever the minute


def test_a_title_edit_that_moves_a_published_page_is_a_warning_naming_the_slug_to_keep(published):
    """The slug is made from the title: retitling a published article moves
    its page, and links shared to the old address break. The build warns the
    editor (file, line, field) with the ``Slug`` line that keeps the old
    address; with that line the page goes back where it was."""
    import re

    def said(proc) -> str:  # the log without the console's line wrapping and logger locations
        return re.sub(r"\s+", "", re.sub(r"\s\w+\.py:\d+\s", " ", proc.stdout + proc.stderr))

    content, live, build = published
    article = content / "articles/2025/01" / PLAIN
    old_url = PLAIN_PAGE[: -len("index.html")]
    old_slug = old_url.rstrip("/").rsplit("/", 1)[-1]
    text = article.read_text(encoding="utf-8")
    article.write_text(re.sub(r"^Title: (.*)$", r"Title: \1 (đã sửa tên)", text, count=1, flags=re.M),
                       encoding="utf-8")
    line = next(i for i, row in enumerate(article.read_text(encoding="utf-8").splitlines(), 1)
                if row.startswith("Title:"))
    proc = build()
    expected = f"{PLAIN}:{line}: [cảnh báo] trường «Title»: địa chỉ của bài đổi từ «{old_url}» thành «{old_url[:-1]}-da-sua-ten/»"
    assert re.sub(r"\s+", "", expected) in said(proc), proc.stdout + proc.stderr
    assert re.sub(r"\s+", "", f"thêm (hoặc sửa) dòng «Slug: {old_slug}» ở phần đầu bài") in said(proc)
    assert proc.returncode == 0 and not (live / PLAIN_PAGE).exists()
    # the line the warning names brings the old address back (a move again,
    # from the address the live site has now); the next build says nothing
    article.write_text(article.read_text(encoding="utf-8").replace("Title:", f"Slug: {old_slug}\nTitle:", 1),
                       encoding="utf-8")
    proc = build()
    assert (live / PLAIN_PAGE).is_file() and "trường«Slug»:địachỉcủabàiđổi" in said(proc)
    (content / "articles/2025/01" / "moi.md").write_text(
        (content / "articles/2025/01" / PLAIN).read_text(encoding="utf-8").replace(f"Slug: {old_slug}", "Slug: bai-moi"),
        encoding="utf-8")
    proc = build()
    assert "địachỉcủabàiđổi" not in said(proc)

"""Publishing in production: gates, atomic releases, rollback, the daily schedule.

The session's sample build (``site``) is the build published; a second
"build" is a hard-linked copy of it with a few pages changed, so no test
builds again. The Nu validator (a Java start) runs inside the two
end-to-end `invoke publish` runs only: the refused one here (the seeded
invalid page is named) and the one of tests/test_tasks.py (the sample
passes).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import http.client
import os
import shutil
import ssl
import subprocess
import threading
import time
from pathlib import Path
from types import SimpleNamespace as NS

import pytest

from conftest import SITEURL, run_invoke, tree_hashes
from portal import gates, release
from portal.dates import TIMEZONE

ROOT = Path(__file__).resolve().parents[1]
RSYNC = pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed (bootstrap installs it)")
T0 = dt.datetime(2026, 12, 1, 0, 5, tzinfo=TIMEZONE)
CHANGED = "gioi-thieu/index.html"    # the page the second build changes


def copy_build(site: Path, dest: Path) -> Path:
    """A copy of a build: files hard-linked (cheap), folders real."""
    for path in sorted(site.rglob("*")):
        target = dest / path.relative_to(site)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)
    return dest


def rewrite(path: Path, data: bytes) -> None:
    """New bytes in a new inode (never through a hard link into another build)."""
    path.unlink()
    path.write_bytes(data)


@pytest.fixture(scope="session")
def second_build(site, tmp_path_factory) -> Path:
    """The sample with one page changed, one file added and one removed."""
    out = copy_build(site, tmp_path_factory.mktemp("second") / "output")
    page = out / CHANGED
    rewrite(page, page.read_bytes().replace(b"</main>", "<p>Bản thứ hai.</p></main>".encode(), 1))
    (out / "gioi-thieu" / "index.html.gz").unlink(missing_ok=True)  # pages have a .br twin only
    (out / "gioi-thieu" / "index.html.br").unlink(missing_ok=True)
    (out / "moi.txt").write_text("tệp mới\n", encoding="utf-8")
    (out / "robots.txt").unlink()
    return out


@pytest.fixture(scope="session")
def broken_build(site, tmp_path_factory) -> NS:
    """The sample with a broken link (home), a missing image (an article) and
    invalid HTML (the about page)."""
    out = copy_build(site, tmp_path_factory.mktemp("broken") / "output")
    home = out / "index.html"
    rewrite(home, home.read_bytes().replace(
        b"</main>", f'<p><a href="{SITEURL}/khong-co-trang-nay/">x</a></p></main>'.encode(), 1))
    article = sorted((out / "tin-tuc").rglob("index.html"))[-1]
    rewrite(article, article.read_bytes().replace(
        b"</main>", b'<p><img src="/images/khong-co.jpg" alt="x"></p></main>', 1))
    about = out / CHANGED
    rewrite(about, about.read_bytes().replace(b"</main>", b"<div><p>x</span></main>", 1))
    return NS(out=out, home="index.html", article=article.relative_to(out).as_posix(), invalid=CHANGED)


def context(out: Path) -> gates.GateContext:
    return gates.GateContext(output=out, siteurl=SITEURL,
                             settings={"PATH": str(ROOT / "content"), "CONTRACT_DATA_DIR": "data"})


# --- release names and pruning (pure) -----------------------------------------------

def test_release_names_sort_by_time_and_pruning_keeps_the_live_one():
    assert release.release_name(T0) == "20261201-000500"
    assert release.unique_name("20261201-000500", ["20261201-000500", "20261201-000500-2"]) == "20261201-000500-3"
    names = ["20261201-000500-2", "20261130-000500", "20261201-000500", "junk", ".x.partial"]
    assert release.sorted_releases(names) == ["20261130-000500", "20261201-000500", "20261201-000500-2"]
    five = [f"2026120{d}-000500" for d in range(1, 6)]
    assert release.to_prune(five, "20261205-000500", 2) == five[:3]
    assert release.to_prune(five, "20261201-000500", 2) == five[1:3]   # rolled back: the live one stays
    assert release.previous_release(five, five[2]) == five[1]
    assert release.previous_release(five, five[0]) is None


def test_the_switch_is_one_rename_of_a_new_symlink():
    script = release.switch_script("/var/www/congdoan", "20261201-000500", partial=".20261201-000500.partial",
                                   prune=["20261125-000500"])
    lines = script.splitlines()
    link = next(i for i, line in enumerate(lines) if line.startswith("ln -sfn"))
    assert lines[link] == "ln -sfn releases/20261201-000500 .current.$$"
    assert lines[link + 1] == "mv -T .current.$$ current"   # rename(2) over the old link
    assert lines.index("mv -T releases/.20261201-000500.partial releases/20261201-000500") < link
    assert lines[-1] == "rm -rf releases/20261125-000500"        # pruned only after the switch
    assert release.Target.parse("deploy@web1:/var/www/congdoan/").host == "deploy@web1"
    assert release.Target.parse("/var/www/congdoan").host is None


# --- publish, switch, rollback on a local target -------------------------------------

@RSYNC
def test_publish_twice_switches_current_keeps_the_old_release_and_rolls_back_byte_for_byte(
        site, second_build, tmp_path):
    target = release.Target.parse(str(tmp_path / "www"))
    first = release.publish(site, target, keep=5, now=T0, log=lambda *_: None)
    base = tmp_path / "www"
    assert os.readlink(base / "current") == f"releases/{first}"
    assert tree_hashes(base / "current") == tree_hashes(site)
    link_inode = (base / "current").lstat().st_ino

    plan = release.plan_publish(second_build, target, now=T0 + dt.timedelta(days=1))
    counts = plan.counts()
    assert counts == {"new": 1, "changed": 1, "deleted": 2}, plan.changes   # moi.txt; about page; its .br, robots
    assert "thay 20261201-000500" in plan.describe()
    assert os.readlink(base / "current") == f"releases/{first}"            # the dry run changed nothing

    second = release.publish(second_build, target, keep=5, now=T0 + dt.timedelta(days=1), log=lambda *_: None)
    assert os.readlink(base / "current") == f"releases/{second}"
    assert (base / "current").lstat().st_ino != link_inode                  # a new link renamed into place
    assert tree_hashes(base / "current") == tree_hashes(second_build)
    assert tree_hashes(base / "releases" / first) == tree_hashes(site)    # the old release is untouched
    # unchanged files are shared with the previous release, not copied again
    assert (base / "releases" / second / "index.html").stat().st_ino == \
        (base / "releases" / first / "index.html").stat().st_ino
    assert not list((base / "releases").glob(".*partial"))

    assert release.rollback(target, log=lambda *_: None) == first
    assert os.readlink(base / "current") == f"releases/{first}"
    assert tree_hashes(base / "current") == tree_hashes(site)               # byte for byte
    with pytest.raises(release.ReleaseError, match="Không có bản nào cũ hơn"):
        release.rollback(target, log=lambda *_: None)
    assert release.rollback(target, to=second, log=lambda *_: None) == second


SSH_STAND_IN = """#!/bin/sh
# Stands in for ssh: runs the remote command here, as sshd would (one string
# for the remote shell), so rsync and the release scripts go through the
# same quoting as with a real server.
while [ $# -gt 0 ]; do
  case "$1" in
    -o|-l|-p|-i|-F) shift 2 ;;
    -*) shift ;;
    *) break ;;
  esac
done
shift   # the host
exec sh -c "$*"
"""


@RSYNC
def test_a_remote_target_goes_through_ssh_with_the_same_steps(site, second_build, tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "ssh").write_text(SSH_STAND_IN, encoding="utf-8")
    (bin_dir / "ssh").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    base = tmp_path / "thu muc's www"     # a space and a quote: the scripts quote every path
    target = release.Target.parse(f"deploy@web1:{base}")
    assert target.host == "deploy@web1"
    first = release.publish(site, target, now=T0, log=lambda *_: None)
    second = release.publish(second_build, target, now=T0 + dt.timedelta(days=1), log=lambda *_: None)
    assert os.readlink(base / "current") == f"releases/{second}"
    assert tree_hashes(base / "current") == tree_hashes(second_build)
    assert release.plan_publish(second_build, target).counts() == {"new": 0, "changed": 0, "deleted": 0}
    assert release.rollback(target, log=lambda *_: None) == first
    assert tree_hashes(base / "current") == tree_hashes(site)


@RSYNC
def test_only_the_last_releases_are_kept(site, tmp_path):
    target = release.Target.parse(str(tmp_path / "www"))
    names = [release.publish(site, target, keep=2, now=T0 + dt.timedelta(days=d), log=lambda *_: None)
             for d in range(3)]
    assert sorted(p.name for p in (tmp_path / "www" / "releases").iterdir()) == names[1:]
    assert os.readlink(tmp_path / "www" / "current") == f"releases/{names[2]}"


@RSYNC
def test_a_reader_never_sees_a_missing_or_mixed_page_while_releases_switch(site, second_build, tmp_path):
    """A loop reads pages through `current` while the two builds are published
    in turn: every read is one build's bytes, whole, never a missing file."""
    target = release.Target.parse(str(tmp_path / "www"))
    release.publish(site, target, now=T0, log=lambda *_: None)
    current = tmp_path / "www" / "current"
    pages = [CHANGED, "index.html", "feeds/tat-ca.atom.xml", "theme/css/site.css"]
    allowed = {p: {(site / p).read_bytes(), (second_build / p).read_bytes()} for p in pages}
    stop, seen, errors, reads = threading.Event(), set(), [], [0]

    def reader():
        while not stop.is_set():
            for page in pages:
                try:
                    data = (current / page).read_bytes()
                except OSError as exc:
                    errors.append(f"{page}: {exc}")
                    continue
                reads[0] += 1
                if data not in allowed[page]:
                    errors.append(f"{page}: mixed bytes")
                if page == CHANGED:
                    seen.add(hashlib.sha256(data).hexdigest())

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for day in range(1, 3):
            build = second_build if day % 2 else site
            release.publish(build, target, keep=3, now=T0 + dt.timedelta(days=day), log=lambda *_: None)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not errors, errors[:5]
    assert reads[0] > 50 and len(seen) == 2     # both versions were read


# --- gates --------------------------------------------------------------------------------

def test_the_sample_passes_the_link_feed_and_privacy_gates(site):
    ctx = context(site)
    assert gates.check_links(ctx) == []
    assert gates.check_feeds(ctx) == []
    assert gates.check_privacy(ctx) == []


def test_the_html_gate_takes_one_page_of_each_kind(site):
    kinds = [p.relative_to(site).as_posix() for p in gates.pages_of_each_kind(site)]
    assert len(kinds) == len(set(kinds)) and 15 <= len(kinds) <= 40
    for expected in ("index.html", "404.html", "the/index.html", "tim-kiem/index.html", "chi-tieu/index.html"):
        assert expected in kinds
    assert sum(k.startswith("tin-tuc/") for k in kinds) == 2     # the first article and the largest
    assert any(k.startswith("the/") and k.count("/") == 2 for k in kinds)   # one tag page


def test_the_link_gate_names_each_page_with_a_broken_link_or_image(broken_build):
    problems = gates.check_links(context(broken_build.out))
    assert len(problems) == 2, problems
    home, image = sorted(problems, key=lambda p: not p.startswith("index.html"))
    assert home.startswith("index.html: liên kết hỏng «https://congdoanlaichau.example.vn/khong-co-trang-nay/»")
    assert image.startswith(f"{broken_build.article}: ảnh hỏng «/images/khong-co.jpg»")


def test_the_link_gate_checks_fragments_srcset_and_the_sitemap(site, tmp_path):
    out = copy_build(site, tmp_path / "out")
    page = next(p for p in sorted((out / "tin-tuc").rglob("index.html")) if b"srcset=" in p.read_bytes())
    text = page.read_bytes()
    start = text.index(b"srcset=") + len(b'srcset="')
    url = text[start:text.index(b" ", start)]
    rewrite(page, text.replace(url, url.replace(b".webp", b"-mat.webp").replace(b".jpg", b"-mat.jpg"), 1)
            .replace(b"</main>", b'<p><a href="#khong-co-id">x</a></p></main>', 1))
    sitemap = out / "sitemap.xml"
    rewrite(sitemap, sitemap.read_bytes().replace(b"</urlset>", f"<url><loc>{SITEURL}/mat/</loc></url></urlset>".encode()))
    problems = "\n".join(gates.check_links(context(out)))
    rel = page.relative_to(out).as_posix()
    assert f"{rel}: ảnh hỏng" in problems and "-mat." in problems
    assert f"{rel}: liên kết «#khong-co-id» trỏ tới #khong-co-id" in problems
    assert "sitemap.xml: liên kết hỏng «https://congdoanlaichau.example.vn/mat/»" in problems


def test_the_feed_and_privacy_gates_report_the_file(site, tmp_path):
    out = tmp_path / "out"
    (out / "feeds").mkdir(parents=True)
    (out / "feeds" / "tat-ca.rss.xml").write_bytes((site / "feeds" / "tat-ca.rss.xml").read_bytes()[:200])
    problems = gates.check_feeds(context(out))
    assert problems and problems[0].startswith("feeds/tat-ca.rss.xml: không đọc được")
    roster = (ROOT / "content" / "data" / "contributors.yml").read_text(encoding="utf-8")
    email = next(line.split(":", 1)[1].strip().strip('"') for line in roster.splitlines()
                 if line.strip().startswith("email:"))
    about = out / CHANGED
    about.parent.mkdir(parents=True)
    about.write_bytes((site / CHANGED).read_bytes().replace(b"</main>", f"<p>{email}</p></main>".encode(), 1))
    leaks = gates.check_privacy(context(out))
    assert leaks and leaks[0].startswith(f"{CHANGED}: có địa chỉ e-mail của ")
    assert email not in "\n".join(leaks)


def test_gate_exit_codes_and_selection():
    results = [gates.GateResult(g, []) for g in gates.GATES]
    assert gates.exit_code(results) == 0
    results[2].problems.append("x")
    results[3].problems.append("y")
    assert gates.exit_code(results) == gates.GATES[2].code
    assert [g.key for g in gates.select("feeds,links")] == ["feeds", "links"]
    with pytest.raises(ValueError, match="không có cổng kiểm tra «nope»"):
        gates.select("nope")


@RSYNC
def test_invoke_publish_refuses_a_broken_build_and_the_live_release_stays(site, broken_build, tmp_path):
    target = tmp_path / "www"
    live = release.publish(site, release.Target.parse(str(target)), now=T0, log=lambda *_: None)
    before = tree_hashes(target / "current")
    proc = run_invoke("publish", "--no-build", "--allow-sample", "--target", str(target),
                      env={"PORTAL_OUTPUT": str(broken_build.out), "PORTAL_SITEURL": SITEURL})
    out = proc.stdout + proc.stderr
    assert proc.returncode == gates.GATES[0].code, out
    assert "✗ Liên kết và ảnh nội bộ: 2 lỗi" in out
    assert "index.html: liên kết hỏng «https://congdoanlaichau.example.vn/khong-co-trang-nay/»" in out
    html = out[out.index("✗ HTML hợp lệ"):out.index("✓ Nguồn tin RSS/Atom")]
    named = [line.strip() for line in html.splitlines()[1:] if line.strip()]
    assert named and all(line.startswith(f"{broken_build.invalid} dòng ") for line in named), html
    assert "KHÔNG ĐĂNG" in out and "giữ nguyên" in out
    assert os.readlink(target / "current") == f"releases/{live}"
    assert [p.name for p in (target / "releases").iterdir()] == [live]
    assert tree_hashes(target / "current") == before


@RSYNC
def test_invoke_publish_refuses_the_sample_identity_unless_allowed(site, tmp_path):
    """The sample identity (placeholder hotline, example e-mails…) never goes
    out by mistake: refused before building or uploading anything."""
    target = tmp_path / "www"
    proc = run_invoke("publish", "--no-build", "--target", str(target),
                      env={"PORTAL_OUTPUT": str(site), "PORTAL_SITEURL": SITEURL})
    out = proc.stdout + proc.stderr
    assert proc.returncode == 15, out
    assert "identity.yml" in out and "hotline" in out.lower()
    assert "--allow-sample" in out and "KHÔNG ĐĂNG" in out
    assert not (target / "current").exists()
    gate = next(g for g in gates.GATES if g.key == "identity")
    ctx = gates.GateContext(output=site, siteurl=SITEURL, settings={"PATH": str(ROOT / "content")})
    assert gate.check(ctx)
    ctx.allow_sample = True
    assert gate.check(ctx) == []


def test_invoke_gates_only_runs_the_named_gates(broken_build):
    proc = run_invoke("gates", "--output", str(broken_build.out), "--only", "feeds,privacy",
                      env={"PORTAL_SITEURL": SITEURL})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "✓ Nguồn tin RSS/Atom đọc được: đạt" in proc.stdout
    assert "Liên kết" not in proc.stdout and "KẾT QUẢ: ĐẠT" in proc.stdout


def test_invoke_pending_lists_the_scheduled_articles_with_their_dates():
    proc = run_invoke("pending", "--date", "2026-11-21")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 bài hẹn giờ (tính đến ngày 21/11/2026)" in proc.stdout
    assert "20/12/2026 08:00  Kế hoạch chăm lo Tết Đinh Mùi 2027" in proc.stdout
    assert proc.stdout.index("20/12/2026") < proc.stdout.index("10/01/2027")


# --- what the sample build carries for the server --------------------------------------

def test_pages_say_as_of_when_they_were_built(site):
    from bs4 import BeautifulSoup

    from portal.stamp import build_stamp

    for page in ("index.html", "chi-tieu/2025/index.html"):
        stamp = BeautifulSoup((site / page).read_bytes(), "lxml").select_one("footer .build-stamp time")
        assert stamp.parent.get_text(" ", strip=True) == "Cập nhật 21/11/2026"
        assert stamp["datetime"] == "2026-11-21"
    now = dt.datetime(2026, 12, 1, 0, 5, tzinfo=TIMEZONE)
    assert build_stamp(None, None, now).text == "00:05 01/12/2026"
    assert build_stamp(None, "2026-12-01", now).iso == "2026-12-01T00:05+07:00"
    assert build_stamp("2026-11-30 23:59", None, now).text == "23:59 30/11/2026"


def test_a_malformed_stamp_setting_is_a_check_error():
    from plugins.buildstamp.checks import check_settings
    from portal.problems import Problems

    problems = Problems()
    check_settings(None, [], problems, {"BUILDSTAMP_AT": "1/12/2026 0h05"})
    assert [(p.field, p.message) for p in problems.errors] == [("BUILDSTAMP_AT", "thời điểm «1/12/2026 0h05» không đúng dạng")]
    check_settings(None, [], problems, {"BUILDSTAMP_AT": "2026-12-01 00:05"})
    assert len(problems.errors) == 1


def test_text_files_have_brotli_and_gzip_twins(site):
    """Feeds, the sitemap, CSS and JS have both twins; pages a .br twin only
    (PRECOMPRESS_BROTLI_ONLY: nginx gzips a page on the fly for a client
    without brotli)."""
    import brotli

    for rel in ("sitemap.xml", "theme/css/site.css", "feeds/tat-ca.atom.xml"):
        original = (site / rel).read_bytes()
        assert brotli.decompress((site / f"{rel}.br").read_bytes()) == original
        assert gzip.decompress((site / f"{rel}.gz").read_bytes()) == original
    # every page, compressed as it was rendered (in the render workers), has the .br twin of its bytes
    pages = [p for p in site.rglob("*.html") if p.stat().st_size >= 256]
    assert len(pages) > 100
    for page in pages:
        original = page.read_bytes()
        assert brotli.decompress(page.with_name(page.name + ".br").read_bytes()) == original, page
        assert not page.with_name(page.name + ".gz").exists(), page


def test_brotli_window_fits_each_file_and_round_trips():
    import random

    import brotli

    from plugins.precompress.compress import brotli_bytes, window_bits

    rng = random.Random(5)
    for size in (0, 1, 1000, 1008, 1009, 1024, 1025, 4096, 65535, 65536, 65537, 300_000):
        data = bytes(rng.getrandbits(8) for _ in range(size)) if size < 5000 else ("Công đoàn " * size).encode()[:size]
        assert (1 << window_bits(size)) - 16 >= size or window_bits(size) == 24  # the whole file in the window
        assert brotli.decompress(brotli_bytes(data, 5)) == data
    assert window_bits(0) == 10 and window_bits(25_000) == 16 and window_bits(100_000_000) == 24


def test_the_stylesheet_is_linked_by_a_content_name(site):
    import re

    from bs4 import BeautifulSoup

    href = BeautifulSoup((site / "index.html").read_bytes(), "lxml").select_one('link[rel="stylesheet"]')["href"]
    match = re.fullmatch(re.escape(SITEURL) + r"/theme/css/site-([0-9a-f]{10})\.css", href)
    assert match, href
    source = (ROOT / "theme" / "static" / "css" / "site.css").read_bytes()
    assert (site / "theme" / "css" / f"site-{match[1]}.css").read_bytes() == source
    assert hashlib.sha256(source).hexdigest()[:10] == match[1]
    assert (site / "theme" / "js" / f"share-{hashlib.sha256((site / 'theme/js/share.js').read_bytes()).hexdigest()[:10]}.js").is_file()
    assert not list(site.rglob("*-[0-9a-f]*-[0-9a-f]*.css"))   # never a copy of a copy


# --- the schedule ----------------------------------------------------------------------------

def test_the_systemd_units_verify_and_fire_at_0005_vietnam_time(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (package systemd)")
    units = ROOT / "deploy" / "systemd"
    service = (units / "congdoan-publish.service").read_text(encoding="utf-8")
    assert "ExecStart=/srv/congdoan/portal/deploy/publish-daily.sh" in service
    # verify checks that ExecStart exists: point it at this checkout's script
    (tmp_path / "congdoan-publish.service").write_text(
        service.replace("/srv/congdoan/portal/deploy/publish-daily.sh", str(ROOT / "deploy" / "publish-daily.sh")),
        encoding="utf-8")
    shutil.copy(units / "congdoan-publish.timer", tmp_path)
    proc = subprocess.run([analyze, "verify", str(tmp_path / "congdoan-publish.service"),
                           str(tmp_path / "congdoan-publish.timer")], capture_output=True, text=True)
    assert proc.returncode == 0 and "congdoan" not in proc.stderr, proc.stderr
    timer = (units / "congdoan-publish.timer").read_text(encoding="utf-8")
    assert "OnCalendar=*-*-* 00:05:00 Asia/Ho_Chi_Minh" in timer
    calendar = subprocess.run([analyze, "calendar", "--iterations=1", "*-*-* 00:05:00 Asia/Ho_Chi_Minh"],
                              capture_output=True, text=True, env=dict(os.environ, TZ="UTC"))
    assert "17:05:00 UTC" in calendar.stdout, calendar.stdout + calendar.stderr
    assert os.access(ROOT / "deploy" / "publish-daily.sh", os.X_OK)
    cron = (ROOT / "deploy" / "cron.d" / "congdoan-publish").read_text(encoding="utf-8")
    assert "5 0 * * * congdoan /srv/congdoan/portal/deploy/publish-daily.sh" in cron


def test_the_ci_examples_publish_on_push_and_daily():
    import yaml

    github = yaml.safe_load((ROOT / "deploy" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    triggers = github[True]   # YAML 1.1 reads the key "on" as true
    assert triggers["push"]["branches"] == ["main"] and triggers["schedule"] == [{"cron": "5 17 * * *"}]
    steps = github["jobs"]["publish"]["steps"]
    assert steps[-1]["run"] == "bash deploy/publish-daily.sh"
    gitlab = yaml.safe_load((ROOT / "deploy" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["publish"]["script"] == ["bash deploy/publish-daily.sh"]
    sources = " ".join(rule["if"] for rule in gitlab["publish"]["rules"])
    assert '"schedule"' in sources and '"push"' in sources


# --- nginx serves `current` -------------------------------------------------------------------

def _get(port: int, path: str, encoding: str | None = None):
    conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=10, context=ssl._create_unverified_context())
    try:
        conn.request("GET", path, headers={"Accept-Encoding": encoding} if encoding else {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


@RSYNC
def test_nginx_serves_current_with_the_precompressed_files_through_switches(site, second_build, tmp_path):
    from browser import BROTLI_MODULE, free_port, nginx_available, nginx_serving

    if not nginx_available():
        pytest.skip("nginx and openssl are not installed (bash scripts/bootstrap.sh --test installs them)")
    target = release.Target.parse(str(tmp_path / "www"))
    release.publish(site, target, now=T0, log=lambda *_: None)
    port = free_port()
    with nginx_serving(tmp_path / "nginx", [{"root": tmp_path / "www" / "current", "https_port": port,
                                              "http_port": free_port()}]):
        status, headers, body = _get(port, "/", "gzip")
        assert status == 200 and headers.get("content-encoding") == "gzip"
        assert gzip.decompress(body) == (site / "index.html").read_bytes()  # gzipped on the fly: no .gz twin
        css = next((site / "theme" / "css").glob("site-*.css")).name
        status, headers, _ = _get(port, f"/theme/css/{css}")
        assert status == 200 and "immutable" in headers.get("cache-control", "")
        if BROTLI_MODULE.exists():
            status, headers, body = _get(port, "/", "br")
            assert status == 200 and headers.get("content-encoding") == "br"
            assert body == (site / "index.html.br").read_bytes()

        allowed = {(site / CHANGED).read_bytes(), (second_build / CHANGED).read_bytes()}
        stop, errors, statuses = threading.Event(), [], []

        def reader():
            while not stop.is_set():
                status, _, body = _get(port, "/gioi-thieu/")
                statuses.append(status)
                if status != 200 or body not in allowed:
                    errors.append((status, body[:80]))

        thread = threading.Thread(target=reader)
        thread.start()
        try:
            for day in range(1, 4):   # second, sample, second
                build = second_build if day % 2 else site
                release.publish(build, target, keep=3, now=T0 + dt.timedelta(days=day), log=lambda *_: None)
            time.sleep(0.2)
        finally:
            stop.set()
            thread.join(timeout=30)
        assert not errors, errors[:3]
        assert len(statuses) > 10
        status, _, body = _get(port, "/gioi-thieu/")
        assert body == (second_build / CHANGED).read_bytes()   # the last publish is live

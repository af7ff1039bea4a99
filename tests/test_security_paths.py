"""Paths editors type can't reach outside content/; images can't crash the build.

`portal.paths.resolve` is the one rule for every path an editor types
(featured ``Image``, ``Video``, images and file links in bodies, campaign
``image``); `guard_write` keeps every write of the build inside its staging
output (or the image cache). Unit tests cover the rules on plain data; the
real `pelican` CLI and `invoke check`'s entry point run the attacks of
tests/fixtures/hostile_paths/ in a temporary project beside a folder of
canary files:

    tmp/outside/{pic.png, v.mp4, secret.txt}
    tmp/project/content/...

Four `pelican` runs in all: a good build (with a hostile SVG that must not be
published), the hostile build (exit 1, every problem named, nothing touched),
a build with the checks switched off (the pipeline alone publishes nothing
from a symlink), and the image bombs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from conftest import check_content, make_content, run_pelican
from plugins.images.checks import UnreadableImage, body_links, inspect
from plugins.images.generator import publish_file
from plugins.images.paths import resolve_src
from portal import paths
from portal.problems import PortalError

FIXTURES = Path(__file__).parent / "fixtures" / "hostile_paths"
HOSTILE_ARTICLES = sorted(p.name for p in (FIXTURES / "articles").glob("*.md"))

VALID = """Title: Công đoàn Tam Đường thăm công nhân chè
Date: 2025-01-10 08:00
Authors: Nguyễn Thị Hoa
Unit: tam-duong
Image: images/2025/01/doi-che.jpg
Image_alt: Công nhân hái chè trên đồi

Bài hợp lệ, có ảnh đại diện.
"""


# --- helpers ------------------------------------------------------------------------------

def image(path: Path, size=(64, 48), fmt="JPEG") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (30, 120, 60)).save(path, fmt)
    return path


def content_tree(base: Path) -> Path:
    """A small content tree: the sample data files, campaign images, one valid article."""
    content = make_content(base, {"hop-le.md": VALID})
    image(content / "images/2025/01/doi-che.jpg", (800, 600))
    return content


def canaries(tmp: Path) -> Path:
    outside = tmp / "outside"
    image(outside / "pic.png", (40, 30), "PNG")
    (outside / "v.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42 canary video, must survive")
    (outside / "secret.txt").write_text("canary: never published, never deleted\n", encoding="utf-8")
    return outside


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under ``root`` (symlinks listed, never followed) with the sha256 of each file."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                out[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                out[rel] = "dir"
    return out


def add_hostile(content: Path) -> None:
    """The hostile articles plus the symlinks they use (made here: git does not keep them well)."""
    for name in HOSTILE_ARTICLES:
        shutil.copy(FIXTURES / "articles" / name, content / "articles/2025/01" / name)
    shutil.copy(FIXTURES / "images/svg_with_script.svg", content / "images/2025/01/svg_with_script.svg")
    os.symlink("/etc/passwd", content / "images/2025/01/passwd.png")
    os.symlink(content.parent.parent / "outside", content / "images/2025/02", target_is_directory=True)


check = check_content  # `invoke check`'s entry point on a content tree, in process


def build(content: Path, out: Path, cache: Path, **extra) -> subprocess.CompletedProcess:
    """A build with its own image cache inside the temporary project (snapshotted by the tests)."""
    return run_pelican(out, content=content, extra={"IMAGES_CACHE_DIR": str(cache), **extra}, check=False)


def log_of(proc) -> str:
    return proc.stdout + proc.stderr


# --- portal.paths.resolve on plain data ------------------------------------------------------

@pytest.fixture()
def tree(tmp_path):
    """content/ with a few real files, a symlinked file and a symlinked folder; a file outside."""
    content = tmp_path / "content"
    image(content / "images/2025/01/a.jpg")
    image(content / "images/2025/01/Ảnh hội nghị.jpg")
    (content / "images/2025/01/bao-cao.pdf").write_bytes(b"%PDF-1.4 tiny")
    (content / "images/2025/01/ve.svg").write_text("<svg><script>alert(1)</script></svg>", encoding="utf-8")
    (content / "videos").mkdir()
    (content / "videos/hop-mat.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    (content / "data").mkdir()
    (content / "data/contributors.yml").write_text("- name: A\n  phone: '0900'\n", encoding="utf-8")
    image(tmp_path / "outside/pic.jpg")
    os.symlink(tmp_path / "outside/pic.jpg", content / "images/2025/01/link.jpg")
    os.symlink(tmp_path / "outside", content / "images/2025/02")
    os.symlink(content / "images/2025/01", content / "images/noi-bo")  # even a link inside content/ is refused
    return content


@pytest.mark.parametrize("value, rel", [
    ("images/2025/01/a.jpg", "images/2025/01/a.jpg"),
    ("/images/2025/01/a.jpg", "images/2025/01/a.jpg"),
    ("  images/2025/01/a.jpg ", "images/2025/01/a.jpg"),
    ("images/2025/../2025/01/./a.jpg", "images/2025/01/a.jpg"),
    ("images/2025/01/Ảnh hội nghị.jpg", "images/2025/01/Ảnh hội nghị.jpg"),
])
def test_resolve_accepts_files_under_content_images(tree, value, rel):
    found = paths.resolve(value, paths.IMAGE, tree)
    assert (found.ok, found.rel, found.code) == (True, rel, paths.OK)


def test_resolve_tries_the_nfd_spelling_of_a_name(tree):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "images/2025/01/Ảnh hội nghị.jpg")
    (tree / "images/2025/01/Ảnh hội nghị.jpg").rename(tree / nfd)
    found = paths.resolve("images/2025/01/Ảnh hội nghị.jpg", paths.IMAGE, tree)
    assert found.ok and found.rel == nfd


@pytest.mark.parametrize("value, code", [
    ("../outside/pic.jpg", paths.ESCAPES),
    ("../../outside/pic.jpg", paths.ESCAPES),
    ("images/../../outside/pic.jpg", paths.ESCAPES),
    ("images/2025/01/../../../../outside/pic.jpg", paths.ESCAPES),
    ("%2e%2e/%2e%2e/outside/pic.jpg", paths.ENCODED),           # typed into a path field: never decoded
    ("images/2025/01/a%2Ejpg", paths.ENCODED),
    ("images\\2025\\01\\a.jpg", paths.BACKSLASH),
    ("..\\..\\outside\\pic.jpg", paths.BACKSLASH),
    ("C:/Users/hoa/Pictures/a.jpg", paths.ELSEWHERE),
    ("c:anh.jpg", paths.ELSEWHERE),
    ("//may-chu/chia-se/a.jpg", paths.ELSEWHERE),
    ("file:///etc/passwd.jpg", paths.ELSEWHERE),
    ("images/2025/01/a.jpg\x00.png", paths.CONTROL),
    ("images/2025/01/a\n.jpg", paths.CONTROL),
    ("images/2025/01/\u202egpj.exe", paths.CONTROL),               # right-to-left override
    ("images/" + "a" * 300 + ".jpg", paths.TOO_LONG),
    ("images/" + "ả" * 130 + ".jpg", paths.TOO_LONG),               # 260 bytes in UTF-8
    ("images/" + "thu-muc/" * 200 + "a.jpg", paths.TOO_LONG),
    ("", paths.EMPTY),
    ("   ", paths.EMPTY),
    ("images/2025/01/ve.svg", paths.SVG),
    ("images/2025/01/IMG_0001.HEIC", paths.HEIC),
    ("images/2025/01/bao-cao.pdf", paths.WRONG_TYPE),
    ("data/contributors.yml", paths.WRONG_TYPE),
    ("/etc/passwd", paths.WRONG_TYPE),
    ("articles/2025/01/anh.jpg", paths.NOT_IN_IMAGES),
    ("/tmp/outside/pic.jpg", paths.NOT_IN_IMAGES),                  # a leading / means content/
    ("images/2025/01/khong-co.jpg", paths.MISSING),
    ("images/2025/01/a.jpg/b.jpg", paths.MISSING),
    ("images/2025/01/link.jpg", paths.SYMLINK),
    ("images/2025/02/pic.jpg", paths.SYMLINK),
    ("images/noi-bo/a.jpg", paths.SYMLINK),
    ("images/2025/01.jpg", paths.MISSING),
    (".", paths.NOT_A_FILE),
])
def test_resolve_refuses_with_a_reason(tree, value, code):
    found = paths.resolve(value, paths.IMAGE, tree)
    assert not found.ok and found.rel is None
    assert found.code == code, (value, found)
    assert found.reason and found.hint  # Vietnamese: what is wrong, what to do


def test_refusals_say_what_to_do_in_vietnamese(tree):
    svg = paths.resolve("images/2025/01/ve.svg", paths.IMAGE, tree)
    assert "SVG" in svg.reason and "PNG hoặc JPEG" in svg.hint
    heic = paths.resolve("images/2025/01/IMG_0001.heic", paths.IMAGE, tree)
    assert "xuất lại thành JPEG" in heic.hint
    link = paths.resolve("images/2025/02/pic.jpg", paths.IMAGE, tree)
    assert link.reason == "thư mục «images/2025/02» là liên kết tượng trưng (symlink), không phải tệp thật"
    escape = paths.resolve("../../outside/pic.jpg", paths.IMAGE, tree)
    assert escape.reason == "đường dẫn đi ra ngoài thư mục content/"


def test_each_field_has_its_own_types(tree):
    assert paths.resolve("videos/hop-mat.mp4", paths.VIDEO, tree).ok
    assert paths.resolve("images/2025/01/a.jpg", paths.VIDEO, tree).code == paths.WRONG_TYPE
    assert paths.resolve("data/contributors.yml", paths.VIDEO, tree).code == paths.WRONG_TYPE
    assert paths.resolve("images/2025/01/bao-cao.pdf", paths.ATTACHMENT, tree).ok
    assert paths.resolve("images/2025/01/a.jpg", paths.ATTACHMENT, tree).ok
    assert paths.resolve("images/2025/01/ve.svg", paths.ATTACHMENT, tree).code == paths.SVG
    assert paths.resolve("data/contributors.yml", paths.ATTACHMENT, tree).code == paths.WRONG_TYPE
    assert paths.resolve("videos/hop-mat.mp4", paths.ATTACHMENT, tree).code == paths.WRONG_TYPE
    with pytest.raises(ValueError):
        paths.resolve("images/2025/01/a.jpg", "script", tree)


def test_relative_paths_are_read_from_the_base_folder(tree):
    found = paths.resolve("../../../images/2025/01/a.jpg", paths.IMAGE, tree, base="articles/2025/01")
    assert found.rel == "images/2025/01/a.jpg"
    assert paths.resolve("../../../../x.jpg", paths.IMAGE, tree, base="articles/2025/01").code == paths.ESCAPES
    assert paths.resolve("/images/2025/01/a.jpg", paths.IMAGE, tree, base="articles/2025/01").ok


def test_content_itself_may_be_reached_through_a_symlink(tmp_path, tree):
    """Only components below content/ are checked: content/ itself may live anywhere."""
    alias = tmp_path / "alias-of-content"
    os.symlink(tree, alias)
    assert paths.resolve("images/2025/01/a.jpg", paths.IMAGE, alias).ok


def test_special_files_are_refused(tree):
    os.mkfifo(tree / "images/2025/01/ong.jpg")
    assert paths.resolve("images/2025/01/ong.jpg", paths.IMAGE, tree).code == paths.NOT_A_FILE
    (tree / "images/2025/01/thu-muc.jpg").mkdir()
    assert paths.resolve("images/2025/01/thu-muc.jpg", paths.IMAGE, tree).code == paths.NOT_A_FILE


def test_walk_never_follows_a_symlink(tree):
    entries = {e.rel: e.kind for e in paths.walk(tree, "images")}
    assert entries["images/2025/01/a.jpg"] == "file"
    assert entries["images/2025/01/link.jpg"] == "symlink"
    assert entries["images/2025/02"] == "symlink"
    assert entries["images/noi-bo"] == "symlink"
    assert not any(rel.startswith(("images/2025/02/", "images/noi-bo/")) for rel in entries)


def test_a_symlinked_images_folder_is_reported_once(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    image(tmp_path / "elsewhere/a.jpg")
    os.symlink(tmp_path / "elsewhere", content / "images")
    assert [(e.rel, e.kind) for e in paths.walk(content, "images")] == [("images", "symlink")]


def test_shown_makes_control_characters_visible():
    assert paths.shown("a\x00b\u202ec") == "a\\x00b\\x202ec"
    assert len(paths.shown("x" * 500)) == 80


# --- the URL forms of the body go through the same rule ------------------------------------

@pytest.mark.parametrize("src, kind", [
    ("../../../../../outside/pic.jpg", "refused"),
    ("%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/outside/pic.jpg", "refused"),   # URL-decoded once, then refused
    ("/images/2025/01/a%252ejpg", "refused"),                            # double encoding
    ("/images/2025/02/pic.jpg", "refused"),
    ("{static}/images/2025/01/link.jpg", "refused"),
    ("C:\\Users\\hoa\\a.jpg", "refused"),
    ("C:/Users/hoa/a.jpg", "refused"),
    ("/images/2025/01/ve.svg", "refused"),
    ("/images/2025/01/khong-co.jpg", "missing"),
    ("https://example.com/a.jpg", "external"),
])
def test_body_addresses_are_resolved_by_portal_paths(tree, src, kind):
    assert resolve_src(src, "articles/2025/01", tree).kind == kind


def test_links_to_local_files_are_found_in_bodies():
    text = ("Title: x\n\nTải [danh sách]({static}/data/contributors.yml) và [báo cáo](/images/2025/01/a.pdf),\n"
            "xem [chuyên mục](/chuyen-muc/hoat-dong/) hoặc [trang khác](https://example.com/a.pdf).\n"
            "<a href=\"../../../../outside/secret.txt\">x</a> <a href=\"/images/x.svg\">y</a>\n\n"
            "```\n[trong mã]({static}/data/units.yml)\n```\n")
    assert [(link.src, link.line) for link in body_links(text)] == [
        ("{static}/data/contributors.yml", 3), ("/images/2025/01/a.pdf", 3), ("/images/x.svg", 5)]


# --- images that cannot be decoded, or decoded cheaply -----------------------------------------

def test_bombs_and_broken_images_are_refused_without_decoding():
    with pytest.raises(UnreadableImage) as bomb:
        inspect(FIXTURES / "images/bomb_20000x20000.png")
    assert bomb.value.message.startswith("quá lớn") and "60 megapixel" in bomb.value.message
    with pytest.raises(UnreadableImage) as truncated:
        inspect(FIXTURES / "images/truncated_photo.jpg")
    assert truncated.value.message == "không phải tệp ảnh đọc được (tệp hỏng hoặc không phải ảnh)"
    with pytest.raises(UnreadableImage):
        inspect(FIXTURES / "images/svg_with_script.svg")


def test_pixel_cap_is_checked_from_the_header(tmp_path):
    big = image(tmp_path / "rong.png", (3000, 2000), "PNG")
    assert inspect(big) == (3000, 2000)
    with pytest.raises(UnreadableImage) as capped:
        inspect(big, max_pixels=5_000_000)
    assert "3000×2000 điểm ảnh" in capped.value.message and "giới hạn 5 megapixel" in capped.value.message


# --- writes stay inside their roots ---------------------------------------------------------

def test_guard_write_keeps_writes_inside_the_roots(tmp_path):
    out = tmp_path / "output.dang-dung"
    out.mkdir()
    assert paths.guard_write(out / "images/a.jpg", out) == out / "images/a.jpg"
    for target in (out / "../outside/pic.png", tmp_path / "outside/v.mp4", out, Path("/etc/passwd")):
        with pytest.raises(paths.UnsafeWriteError) as refused:
            paths.guard_write(target, out)
        assert isinstance(refused.value, PortalError) and "nằm ngoài thư mục được phép" in str(refused.value)
    (tmp_path / "outside").mkdir()
    os.symlink(tmp_path / "outside", out / "lien-ket")
    with pytest.raises(paths.UnsafeWriteError):
        paths.guard_write(out / "lien-ket/pic.png", out)   # a symlinked folder inside the output
    os.symlink(tmp_path / "outside/pic.png", out / "anh.png")
    with pytest.raises(paths.UnsafeWriteError):
        paths.guard_write(out / "anh.png", out)            # writing through a symlink
    assert paths.inside(out, out / "a/b/../c") and not paths.inside(out, out / "a/../../x")


def test_write_guard_answers_as_guard_write_for_many_files(tmp_path):
    """WriteGuard (each folder resolved once, from its parent's answer) says
    yes and no exactly where guard_write does: nested folders, `..`, a
    symlinked folder (out or back in), a symlinked file, a folder made a
    symlink below a folder already seen."""
    out = tmp_path / "output.dang-dung"
    (out / "tin-tuc/bai-a").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    os.symlink(tmp_path / "outside", out / "lien-ket")
    os.symlink(out / "tin-tuc", out / "vao-trong")          # a symlink that stays inside
    os.symlink(tmp_path / "outside/pic.png", out / "tin-tuc/anh.png")
    (out / "tin-tuc/bai-b").mkdir()
    os.symlink(tmp_path / "outside", out / "tin-tuc/bai-b/ra-ngoai")
    targets = [out / "tin-tuc/bai-a/index.html", out / "tin-tuc/bai-a/index.html.gz",
               out / "tin-tuc/bai-moi/index.html", out / "lien-ket/pic.png", out / "lien-ket/sau/pic.png",
               out / "vao-trong/bai-a/index.html.br", out / "tin-tuc/anh.png", out / "tin-tuc/../x.html",
               out / "tin-tuc/../../outside/y.html", out / "tin-tuc/bai-b/ra-ngoai/z.html",
               out / "tin-tuc/bai-b/index.html", out / "index.html", out, tmp_path / "outside/v.html"]

    def verdict(check, target):
        try:
            check(target)
            return True
        except paths.UnsafeWriteError:
            return False

    guard = paths.WriteGuard(out)
    expected = [verdict(lambda t: paths.guard_write(t, out), t) for t in targets]
    assert [verdict(guard, t) for t in targets] == expected
    assert [verdict(guard, t) for t in reversed(targets)] == expected[::-1]  # remembered answers too
    assert expected[:3] == [True] * 3 and not any(expected[3:5]) and expected[5] and not expected[6]


def test_publish_file_refuses_targets_outside_and_symlinked_sources(tmp_path):
    out = tmp_path / "output.dang-dung"
    out.mkdir()
    canary = tmp_path / "outside/v.mp4"
    canary.parent.mkdir()
    canary.write_bytes(b"canary")
    source = tmp_path / "content/videos/a.mp4"
    source.parent.mkdir(parents=True)
    source.write_bytes(b"video")
    with pytest.raises(paths.UnsafeWriteError):
        publish_file(source, out / "../outside/v.mp4", link=False, output=out)
    assert canary.read_bytes() == b"canary"
    os.symlink(canary, tmp_path / "content/videos/b.mp4")
    with pytest.raises(paths.UnsafeSourceError):
        publish_file(tmp_path / "content/videos/b.mp4", out / "videos/b.mp4", link=False, output=out)
    publish_file(source, out / "videos/a.mp4", link=False, output=out)
    assert (out / "videos/a.mp4").read_bytes() == b"video"


# --- the real check and the real build ---------------------------------------------------------

EXPECTED = {
    "featured_image_outside_content.md": [
        ":5: [lỗi] trường «Image»: ảnh đại diện «../../outside/pic.png»: đường dẫn đi ra ngoài thư mục content/"],
    "video_file_outside_content.md": [
        ":6: [lỗi] trường «Video»: video «../../outside/v.mp4»: đường dẫn đi ra ngoài thư mục content/"],
    "video_pointing_at_the_roster.md": [
        ":6: [lỗi] trường «Video»: video «data/contributors.yml»: loại tệp «.yml» không dùng được làm video"],
    "inline_image_outside_content.md": [
        ":8: [lỗi] trường «nội dung»: ảnh «../../../outside/pic.png»: đường dẫn đi ra ngoài thư mục content/",
        ":10: [lỗi] trường «nội dung»: ảnh «../../../../../outside/pic.png»: đường dẫn đi ra ngoài thư mục content/"],
    "featured_image_symlink_to_etc_passwd.md": [
        ":5: [lỗi] trường «Image»: ảnh đại diện «images/2025/01/passwd.png»: tệp «images/2025/01/passwd.png» "
        "là liên kết tượng trưng (symlink)"],
    "inline_image_in_symlinked_folder.md": [
        ":8: [lỗi] trường «nội dung»: ảnh «/images/2025/02/pic.png»: thư mục «images/2025/02» là liên kết tượng trưng"],
    "static_link_to_the_roster.md": [
        ":6: [lỗi] trường «nội dung»: liên kết tới tệp «{static}/data/contributors.yml»: loại tệp «.yml» "
        "không dùng được làm tệp đính kèm"],
    "featured_image_is_svg_with_script.md": [
        ":5: [lỗi] trường «Image»: ảnh đại diện «images/2025/01/svg_with_script.svg»: ảnh SVG không được dùng",
        "xuất (lưu) lại thành PNG hoặc JPEG"],
}


def expected_lines():
    """Pieces starting with ":line:" follow the article's path directly."""
    for name, pieces in EXPECTED.items():
        for piece in pieces:
            yield f"content/articles/2025/01/{name}{piece}" if piece.startswith(":") else piece


FOLDER_PROBLEMS = [
    "content/images/2025/01/passwd.png: [lỗi] là liên kết tượng trưng (symlink)",
    "content/images/2025/02: [lỗi] là liên kết tượng trưng (symlink)",
]


def test_every_hostile_path_is_named_by_check(tmp_path):
    canaries(tmp_path)
    content = content_tree(tmp_path / "project")
    add_hostile(content)
    proc = check(content)
    assert proc.returncode == 1, proc.stdout
    for expected in expected_lines():
        assert expected in proc.stdout, f"missing {expected!r} in:\n{proc.stdout}"
    for piece in FOLDER_PROBLEMS:
        assert piece in proc.stdout, proc.stdout
    assert "hop-le.md" not in proc.stdout
    assert "Traceback" not in log_of(proc)


@pytest.fixture(scope="module")
def canary_project(tmp_path_factory):
    """Run 1: a good build (with an SVG carrying a script under content/images);
    run 2: the same project with every hostile path added."""
    tmp = tmp_path_factory.mktemp("canary")
    outside = canaries(tmp)
    content = content_tree(tmp / "project")
    shutil.copy(FIXTURES / "images/svg_with_script.svg", content / "images/2025/01/svg_with_script.svg")
    out, cache = tmp / "project/output", tmp / "project/cache"
    good = build(content, out, cache)
    before_outside = snapshot(outside)
    built = snapshot(out)
    (content / "images/2025/01/svg_with_script.svg").unlink()
    add_hostile(content)
    before = snapshot(tmp)
    hostile = build(content, out, cache)
    return {"tmp": tmp, "outside": outside, "out": out, "good": good, "hostile": hostile,
            "before_outside": before_outside, "built": built, "before": before, "after": snapshot(tmp)}


def test_a_hostile_svg_under_content_images_is_not_published(canary_project):
    good = canary_project["good"]
    assert good.returncode == 0, log_of(good)
    assert "content/images/2025/01/svg_with_script.svg: [cảnh báo] tệp này không được đăng: ảnh SVG" in log_of(good)
    assert (canary_project["out"] / "images/2025/01/doi-che.jpg").is_file()
    published = [rel for rel in canary_project["built"] if rel.endswith(".svg") and not rel.startswith("theme/")]
    assert published == []
    assert not any(b"<script>document.location" in (canary_project["out"] / rel).read_bytes()
                   for rel, kind in canary_project["built"].items() if kind not in ("dir",) and not kind.startswith("->"))


def test_hostile_build_stops_naming_each_problem_without_a_traceback(canary_project):
    proc = canary_project["hostile"]
    log = log_of(proc)
    assert proc.returncode == 1, log
    assert "Traceback" not in log
    for expected in expected_lines():
        assert expected in log, f"missing {expected!r} in:\n{log}"
    for piece in FOLDER_PROBLEMS:
        assert piece in log


def test_hostile_build_touches_nothing(canary_project):
    # canary files byte-identical, nothing new beside them
    assert snapshot(canary_project["outside"]) == canary_project["before_outside"]
    # not a file appeared, changed or vanished anywhere in tmp (project, cache, output, outside)
    assert canary_project["after"] == canary_project["before"]
    # the previous good build is still there, unchanged
    assert snapshot(canary_project["out"]) == canary_project["built"]


def test_without_the_checks_the_pipeline_still_publishes_nothing_through_a_symlink(tmp_path):
    """Defence in depth: with CONTRACT_EXTRA_CHECKS off, symlinks under
    content/images and an SVG are left out by the image pipeline itself."""
    outside = canaries(tmp_path)
    content = content_tree(tmp_path / "project")
    os.symlink("/etc/passwd", content / "images/2025/01/passwd.png")
    os.symlink(outside, content / "images/2025/02", target_is_directory=True)
    shutil.copy(FIXTURES / "images/svg_with_script.svg", content / "images/2025/01/svg_with_script.svg")
    shutil.copy(FIXTURES / "articles/static_link_to_the_roster.md", content / "articles/2025/01")
    before = snapshot(outside)
    out = tmp_path / "project/output"
    proc = build(content, out, tmp_path / "project/cache", CONTRACT_EXTRA_CHECKS=[])
    assert proc.returncode == 0, log_of(proc)
    assert "Tệp «data/contributors.yml» không được đăng" in log_of(proc)
    published = snapshot(out)
    assert (out / "images/2025/01/doi-che.jpg").is_file()
    assert not [rel for rel in published if "passwd" in rel or rel.startswith("images/2025/02")
                or (rel.endswith(".svg") and not rel.startswith("theme/")) or rel.endswith(".yml")]
    passwd = Path("/etc/passwd").read_bytes()[:64]
    assert not any(passwd in (out / rel).read_bytes() for rel, kind in published.items() if len(kind) == 64)
    assert snapshot(outside) == before


def test_image_bombs_and_truncated_images_stop_the_build_naming_the_file(tmp_path):
    content = content_tree(tmp_path / "project")
    for name in ("bomb_20000x20000.png", "truncated_photo.jpg"):
        shutil.copy(FIXTURES / "images" / name, content / "images/2025/01" / name)
    out = tmp_path / "project/output"
    proc = build(content, out, tmp_path / "project/cache")
    log = log_of(proc)
    assert proc.returncode == 1, log
    assert "Traceback" not in log and "DecompressionBomb" not in log
    assert ("content/images/2025/01/bomb_20000x20000.png: [lỗi] tệp ảnh quá lớn "
            "(kích thước khai báo trong tệp lớn bất thường; giới hạn 60 megapixel) → thu nhỏ ảnh") in log
    assert ("content/images/2025/01/truncated_photo.jpg: [lỗi] tệp ảnh không phải tệp ảnh đọc được "
            "(tệp hỏng hoặc không phải ảnh) → lưu lại ảnh dạng JPEG, PNG hoặc WebP") in log
    assert not out.exists()


def test_a_bomb_used_by_an_article_is_named_where_it_is_used(tmp_path):
    content = content_tree(tmp_path / "project")
    shutil.copy(FIXTURES / "images/bomb_20000x20000.png", content / "images/2025/01/bomb_20000x20000.png")
    article = content / "articles/2025/01/hop-le.md"
    article.write_text(VALID.replace("doi-che.jpg", "bomb_20000x20000.png"), encoding="utf-8")
    proc = check(content)
    assert proc.returncode == 1
    assert ("content/articles/2025/01/hop-le.md:5: [lỗi] trường «Image»: ảnh đại diện "
            "«images/2025/01/bomb_20000x20000.png» quá lớn") in proc.stdout
    assert "content/images/2025/01/bomb_20000x20000.png:" not in proc.stdout  # named once, where it is used


def test_campaign_image_goes_through_the_same_rule(tmp_path):
    canaries(tmp_path)
    content = content_tree(tmp_path / "project")
    data = content / "data/campaigns.yml"
    text = data.read_text(encoding="utf-8")
    assert "image: images/campaigns/tet-sum-vay.jpg" in text
    data.write_text(text.replace("image: images/campaigns/tet-sum-vay.jpg", "image: ../../outside/pic.png"),
                    encoding="utf-8")
    proc = check(content)
    assert proc.returncode == 1
    assert ("content/data/campaigns.yml:5: [lỗi] trường «image»: chiến dịch «tet-sum-vay»: ảnh «../../outside/pic.png»: "
            "đường dẫn đi ra ngoài thư mục content/") in proc.stdout


def test_static_pages_follow_the_same_rules(tmp_path):
    content = content_tree(tmp_path / "project")
    (content / "pages").mkdir()
    (content / "pages/gioi-thieu.md").write_text(
        "Title: Giới thiệu\n\nTải [danh bạ]({static}/data/contributors.yml).\n\n![Trụ sở](/images/2025/01/khong-co.jpg)\n",
        encoding="utf-8")
    proc = check(content)
    assert proc.returncode == 1
    assert ("content/pages/gioi-thieu.md:3: [lỗi] trường «nội dung»: liên kết tới tệp «{static}/data/contributors.yml»: "
            "loại tệp «.yml» không dùng được làm tệp đính kèm") in proc.stdout
    assert ("content/pages/gioi-thieu.md:5: [lỗi] trường «nội dung»: không tìm thấy ảnh «/images/2025/01/khong-co.jpg» "
            "trong content/") in proc.stdout


def test_a_symlinked_staging_folder_is_never_deleted_through(tmp_path):
    from plugins.atomic_output.handlers import stage_output

    class Run:
        output_path = str(tmp_path / "output")
        settings: dict = {}

    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_text("keep", encoding="utf-8")
    os.symlink(precious, tmp_path / "output.dang-dung")
    with pytest.raises(paths.UnsafeWriteError):
        stage_output(Run())
    assert (precious / "keep.txt").read_text(encoding="utf-8") == "keep"


def test_source_key_is_the_resolved_path_with_folders_remembered_per_run(tmp_path, monkeypatch):
    """The key articles are looked up by equals ``str(Path(p).resolve())``: a
    symlinked folder or file is followed, a relative path made absolute, and
    what a folder resolves to is forgotten at the start of every run."""
    from pathlib import Path

    from portal.paths import forget_folders, source_key

    real = tmp_path / "that"
    (real / "articles").mkdir(parents=True)
    (real / "articles" / "bai.md").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(real)
    (real / "articles" / "lien-ket.md").symlink_to(real / "articles" / "bai.md")
    forget_folders()
    for path in (tmp_path / "link" / "articles" / "bai.md", real / "articles" / "lien-ket.md",
                 real / "articles" / "bai.md", tmp_path / "link" / "articles" / "khong-co.md"):
        assert source_key(path) == str(Path(path).resolve()) and source_key(str(path)) == source_key(path)
    monkeypatch.chdir(real)
    assert source_key("articles/bai.md") == str((real / "articles" / "bai.md").resolve())
    (tmp_path / "link").unlink()
    (tmp_path / "link").mkdir()
    (tmp_path / "link" / "articles").mkdir()
    forget_folders()  # a new run: the folder is not a symlink any more
    assert source_key(tmp_path / "link" / "articles" / "bai.md") == str(tmp_path / "link" / "articles" / "bai.md")


def test_output_files_lists_regular_files_only_and_never_follows_links(tmp_path):
    """The walk of a built tree (the private-data scan and precompress use it):
    regular files by their /-separated names; a symlinked file or folder is
    neither listed nor entered; a FIFO is not listed (reading it would hang)."""
    from portal.paths import output_files
    from portal.privacy import PrivateValues, scan_tree

    site, outside = tmp_path / "site", tmp_path / "outside"
    (site / "tin-tuc" / "bai-a").mkdir(parents=True)
    outside.mkdir()
    (site / "index.html").write_text("<p>Trang chủ</p>", encoding="utf-8")
    (site / "tin-tuc" / "bai-a" / "index.html").write_text("<p>Bài</p>", encoding="utf-8")
    (outside / "secret.html").write_text("<p>0912 345 678</p>", encoding="utf-8")
    (site / "link.html").symlink_to(outside / "secret.html")
    (site / "thu-muc").symlink_to(outside, target_is_directory=True)
    os.mkfifo(site / "pipe.html")
    names = sorted(name for name, _ in output_files(site))
    assert names == ["index.html", "tin-tuc/bai-a/index.html"]
    private = PrivateValues.from_roster([{"name": "Lò Văn A", "phone": "0912 345 678"}])
    assert scan_tree(site, private) == []  # returns: the FIFO is not opened, the links not followed
    (site / "index.html").write_text("<p>Gọi 0912 345 678</p>", encoding="utf-8")
    assert [leak[0] for leak in scan_tree(site, private)] == ["index.html"]

"""Images: responsive WebP/JPEG variants, no EXIF anywhere, share
images of exactly 1200×630, a cache that makes a rebuild process nothing,
photo-story galleries, click-to-load video and the image checks.

A tiny site is built twice with the real CLI (cold, then warm with the same
cache of its own) from a content tree made in tmp_path: a phone photo carrying
GPS and an Orientation tag, a small gallery image, a PNG, a file name with
Vietnamese letters; the browser test opens a copy of that build. The sample
site is checked as a whole too.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from PIL import Image, ImageDraw

from conftest import (ROOT, SITEURL, TEST_BUILD_DATE, check_content, make_content, read_header, read_html, run_pelican,
                      run_python)
from plugins.images.card import BUNDLED_FONT, render_card, wrap, font
from plugins.images.checks import body_images
from plugins.images.markup import rewrite
from plugins.images.model import Picture
from plugins.images.paths import output_rel, resolve_src
from plugins.images.process import Job, run_job, variant_widths
from plugins.images.video import start_seconds, youtube_id

FIXTURES = Path(__file__).parent / "fixtures" / "images_invalid"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff"}
GPS_IFD = 0x8825
EXIF_IFD = 0x8769
VIETNAMESE = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýãõĩũ"


# --- fixture images --------------------------------------------------------------

def phone_photo(path: Path, size=(800, 600)) -> Path:
    """A JPEG as a phone writes it: sensor-oriented pixels (left half red, right
    half blue) plus Orientation=6 (turn 90° clockwise to show), GPS position,
    camera make/model and body serial number."""
    img = Image.new("RGB", size, (0, 0, 255))
    ImageDraw.Draw(img).rectangle((0, 0, size[0] // 2 - 1, size[1]), fill=(255, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "Canon"
    exif[0x0110] = "EOS 80D"
    exif.get_ifd(EXIF_IFD)[0xA431] = "SN-0123456789"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (22.0, 23.0, 45.5), "E", (103.0, 27.0, 30.0)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", exif=exif, quality=92)
    return path


def plain_image(path: Path, size, fmt="JPEG", colour=(40, 120, 60)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, fmt)
    return path


def has_metadata(path: Path) -> bool:
    with Image.open(path) as img:
        return bool(img.getexif()) or any(k in img.info for k in ("exif", "xmp", "XML:com.adobe.xmp", "comment"))


def has_gps(path: Path) -> bool:
    with Image.open(path) as img:
        exif = img.getexif()
        return GPS_IFD in exif or bool(exif.get_ifd(GPS_IFD))


def output_images(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())


def local(out: Path, url: str) -> Path:
    assert url.startswith(SITEURL + "/"), url
    return out / urlparse(url).path.lstrip("/")


def srcset_urls(value: str) -> list[tuple[str, int]]:
    out = []
    for part in value.split(","):
        address, width = part.strip().rsplit(" ", 1)
        out.append((address, int(width.rstrip("w"))))
    return out


# --- pure functions -----------------------------------------------------------------

def test_variant_widths_never_upscale():
    widths = [360, 720, 1080, 1440]
    assert variant_widths(4000, widths) == [360, 720, 1080, 1440]
    assert variant_widths(1440, widths) == [360, 720, 1080, 1440]
    assert variant_widths(1200, widths) == [360, 720, 1080, 1200]
    assert variant_widths(480, widths) == [360, 480]
    assert variant_widths(300, widths) == [300]


def test_youtube_addresses_and_start_times():
    for url in ("https://www.youtube.com/watch?v=Xk3pQ9vT2aB", "https://youtu.be/Xk3pQ9vT2aB",
                "https://m.youtube.com/watch?v=Xk3pQ9vT2aB&t=90", "https://www.youtube.com/shorts/Xk3pQ9vT2aB",
                "https://www.youtube.com/embed/Xk3pQ9vT2aB"):
        assert youtube_id(url) == "Xk3pQ9vT2aB", url
    assert youtube_id("https://vimeo.com/12345") is None
    assert youtube_id("https://www.youtube.com/watch?v=") is None
    assert start_seconds("https://youtu.be/x?t=1m30s") == 90
    assert start_seconds("https://youtu.be/x") == 0


def test_image_addresses_resolve_from_content_or_the_article(tmp_path):
    plain_image(tmp_path / "images/2025/01/a.jpg", (10, 10))
    plain_image(tmp_path / "articles/2025/01/canh-bai.jpg", (10, 10))
    for src in ("/images/2025/01/a.jpg", "{static}/images/2025/01/a.jpg", "images/2025/01/a.jpg",
                f"{SITEURL}/images/2025/01/a.jpg", "../../../images/2025/01/a.jpg"):
        found = resolve_src(src, "articles/2025/01", tmp_path, SITEURL)
        assert (found.kind, found.rel) == ("local", "images/2025/01/a.jpg"), src
    # relative to the article's folder is read, but images must be under content/images/ (portal.paths)
    assert resolve_src("canh-bai.jpg", "articles/2025/01", tmp_path).kind == "refused"
    assert resolve_src("/images/khong-co.jpg", "articles", tmp_path).kind == "missing"
    assert resolve_src("https://i.ytimg.com/vi/x/hq.jpg", "articles", tmp_path).kind == "external"


def test_output_paths_are_ascii():
    assert output_rel("images/2025/01/IMG_0042.JPG") == "images/2025/01/IMG_0042.JPG"
    assert output_rel("images/2025/01/Ảnh hội nghị.JPG") == "images/2025/01/anh-hoi-nghi.jpg"
    assert output_rel("images/Đà Lạt/ảnh 1.png") == "images/da-lat/anh-1.png"


def test_markdown_images_are_found_with_their_lines():
    text = ("Title: T\nDate: 2025-01-01\n\nĐoạn đầu.\n\n![Mô tả](/images/a.jpg \"Chú thích\")\n\n"
            "![][anh-b]\n\n<img src=\"/images/c.jpg\">\n\n```\n![không phải ảnh](/images/d.jpg)\n```\n\n"
            "`![cũng không](/images/e.jpg)`\n\n[anh-b]: /images/b.jpg\n")
    refs = body_images(text)
    assert [(r.src, r.alt, r.line) for r in refs] == [
        ("/images/a.jpg", "Mô tả", 6), ("/images/b.jpg", "", 8), ("/images/c.jpg", None, 10)]


def test_a_body_without_image_link_or_tag_is_not_scanned_and_every_reference_has_a_token(tmp_path):
    """The check's shortcut: a body with none of ``](``, ``]:``, ``][``,
    ``] [``, ``<`` has no image or file link the patterns could find (and is
    not scanned); every form they find holds one."""
    from plugins.images import checks
    from portal.header import parse_header
    from portal.problems import Problems

    forms = ["![a](/images/a.jpg)", "![a] [r]\n\n[r]: /images/a.jpg", "![r]\n\n[r]: /images/a.jpg",
             "![a][r]\n\n[r]: /images/a.jpg", "<img src=\"/images/a.jpg\">", "<a href=\"{static}/images/t.pdf\">t</a>",
             "[tệp]({attach}/images/t.pdf)", "[tệp]: /images/t.pdf"]
    for form in forms:
        body = f"Title: T\nDate: 2025-01-01\n\nĐoạn đầu.\n\n{form}\n"
        found = checks.body_images(body) + checks.body_links(body)
        assert found, form
        assert any(token in parse_header(body).body for token in checks._REF_TOKENS), form

    def never(rel):
        raise AssertionError(f"looked up {rel}")

    plain = tmp_path / "bai.md"
    plain.write_text("Title: T\nDate: 2025-01-01\n\nChỉ có chữ: Tết Sum vầy (2026), 100% công nhân [đã] nhận quà.\n",
                     encoding="utf-8")
    problems = Problems()
    assert checks._check_body("bai.md", plain, tmp_path, never, problems, "images", tmp_path.resolve(),
                              parse_header(plain.read_text(encoding="utf-8"))) == set()
    assert not problems.items


def test_card_font_has_every_vietnamese_letter():
    face = font(BUNDLED_FONT, 40)

    def ink(char):
        img = Image.new("L", (80, 80))
        ImageDraw.Draw(img).text((10, 10), char, font=face, fill=255)
        return img.tobytes()

    missing = ink("\ue000")  # a private-use code point: the font's "missing glyph" box
    absent = [c for c in VIETNAMESE + VIETNAMESE.upper() if ink(c) == missing]
    assert absent == []
    assert (BUNDLED_FONT.parent / "LICENSE-DejaVu.txt").read_text(encoding="utf-8").count("Bitstream Vera")


def test_card_is_1200_by_630_and_wraps_long_titles():
    title = "Công đoàn ngành Giáo dục thăm hỏi, tặng quà giáo viên cắm bản ở các điểm trường vùng cao Mường Tè " * 3
    img = render_card(title, "Công đoàn Lai Châu", "congdoanlaichau.example.vn", BUNDLED_FONT)
    assert img.size == (1200, 630)
    lines = wrap("Tết Sum vầy – Xuân chia sẻ", font(BUNDLED_FONT, 66), 300)
    assert len(lines) > 1 and " ".join(lines) == "Tết Sum vầy – Xuân chia sẻ"


def test_card_title_drawn_word_by_word_equals_the_line_drawn_whole():
    """Titles are drawn a remembered word mask at a time: the same pixels as
    drawing each line whole (Vietnamese words have no kerning across spaces)."""
    from PIL import ImageChops

    from plugins.images import card

    titles = ["Công đoàn ngành Giáo dục thăm hỏi, tặng quà giáo viên cắm bản ở Mường Tè",
              "Tết Sum vầy – Xuân chia sẻ 2027: 1.200 suất quà cho đoàn viên khó khăn",
              "Chợ Tết Công đoàn: “Giá ưu đãi” đến tận khu nhà trọ, giảm 10–50%",
              "Tháng Công nhân: LĐLĐ tỉnh đối thoại với người lao động khu công nghiệp Đồng Tâm",
              "Đại hội Công đoàn cơ sở Trường THPT Phong Thổ nhiệm kỳ 2026–2031 " * 3]
    for title in titles:
        drawn = card.render_card(title, "Công đoàn Lai Châu", "congdoanlaichau.example.vn", BUNDLED_FONT)
        pad = round(1200 * 0.06)
        top = pad + round(630 * 0.056 * 1.5) + round(630 * 0.07)
        bottom = 630 - pad - round(630 * 0.038) - round(630 * 0.07)
        size, lines = card.layout_title(title, BUNDLED_FONT, 1200 - 2 * pad, bottom - top)
        whole = card._base("Công đoàn Lai Châu", "congdoanlaichau.example.vn", str(BUNDLED_FONT),
                           os.stat(BUNDLED_FONT).st_mtime_ns, (1200, 630), "#b3191c", "#ffffff", "#ffd54f").copy()
        draw, face = ImageDraw.Draw(whole), font(BUNDLED_FONT, size)
        line_height = round(size * 1.3)
        y = top + (bottom - top - line_height * len(lines)) // 2
        for line in lines:
            draw.text((pad, y), line, font=face, fill="#ffffff", anchor="la")
            y += line_height
        assert ImageChops.difference(drawn, whole).getbbox() is None, title


def test_card_title_painted_at_once_equals_pasting_word_by_word():
    """card.paint colours the title's masks through a palette when their boxes
    are disjoint over the flat background; the pixels equal pasting the ink
    through each mask in turn, and where boxes overlap or the background is
    not flat under them (the accent stripe, the site name) it pastes word by
    word."""
    import random

    from plugins.images import card

    key = card._background_key("Công đoàn Lai Châu", "congdoanlaichau.example.vn", BUNDLED_FONT, (1200, 630),
                               "#b3191c", "#ffffff", "#ffd54f")
    base = card._base(*key)
    rng = random.Random(7)

    def mask(width, height):
        return Image.frombytes("L", (width, height), bytes(rng.randrange(256) for _ in range(width * height)))

    layouts = {
        "disjoint": [(mask(40, 30), (100, 300)), (mask(35, 30), (150, 302)), (mask(50, 28), (100, 340))],
        "overlapping": [(mask(40, 30), (100, 300)), (mask(35, 30), (130, 310))],
        "over the stripe": [(mask(40, 30), (0, 300))],
        "over the site name": [(mask(60, 30), (75, 75))],
        "off the card": [(mask(40, 30), (1190, 300))],
        "none": [],
    }
    for name, marks in layouts.items():
        for top in (0, 288):  # the whole card, or a band of rows from 288 on
            expected = base.crop((0, top, 1200, 630))
            for word, (x, y) in marks:
                expected.paste((255, 255, 255), (x, y - top), word)
            painted = base.crop((0, top, 1200, 630))
            card.paint(painted, top, marks, (255, 255, 255), key)
            assert painted.tobytes() == expected.tobytes(), (name, top)
    assert card._disjoint_union(layouts["disjoint"]) == (100, 300, 185, 368)
    assert card._disjoint_union(layouts["overlapping"]) is None
    assert not card._is_clear(key, (0, 300, 40, 330)) and card._is_clear(key, (100, 300, 185, 368))


def test_card_jpeg_encodes_only_the_title_rows_and_equals_the_whole_card_encoded():
    """card_jpeg splices the title's band of MCU rows into the background's
    coded rows: byte for byte what encoding the whole drawn card gives, at any
    size (a partial last row, a band reaching an edge) and for any title."""
    from plugins.images import card, jpegrows

    titles = ["Công đoàn ngành Giáo dục thăm hỏi, tặng quà giáo viên cắm bản ở Mường Tè",
              "Ấ Ỗ Ự ỹ Ặ Ẫ Ệ Ở " * 20, "Đ", "", "   ", "x" * 300, "Tết\u00a0Sum vầy\tXuân chia sẻ"]
    for size in [(1200, 630), (600, 315), (1201, 641), (320, 200), (800, 800)]:
        for title in titles:
            spliced = card.card_jpeg(title, "Công đoàn Lai Châu", "congdoanlaichau.example.vn", BUNDLED_FONT, size)
            drawn = card.render_card(title, "Công đoàn Lai Châu", "congdoanlaichau.example.vn", BUNDLED_FONT, size)
            assert spliced == jpegrows.encode(drawn, 85), (size, title)
            with Image.open(io.BytesIO(spliced)) as shown:
                assert shown.size == size and shown.format == "JPEG"
    # another background (colours, site name) is encoded on its own
    other = card.card_jpeg("Chợ Tết Công đoàn", "Khác", "", BUNDLED_FONT, (1200, 630), "#003366", "#ffffff", "#ffcc00")
    assert other == jpegrows.encode(card.render_card("Chợ Tết Công đoàn", "Khác", "", BUNDLED_FONT, (1200, 630),
                                                     "#003366", "#ffffff", "#ffcc00"), 85)


def test_card_cuts_and_ellipsis_by_halving_equal_the_character_by_character_search():
    from plugins.images import card

    face = font(BUNDLED_FONT, 32)

    def naive_fit(text, width):
        if face.getlength(text) <= width:
            return text
        while text and face.getlength(text + card.ELLIPSIS) > width:
            text = text[:-1]
        return text.rstrip() + card.ELLIPSIS

    def naive_cut(word, width):
        cut = len(word)
        while cut > 1 and face.getlength(word[:cut]) > width:
            cut -= 1
        return cut

    samples = ["Đại hội Công đoàn cơ sở nhiệm kỳ 2026–2031 " * 4, "x" * 250, "Ấ" * 90, "i" * 200, "W", "  a  "]
    for width in (1, 40, 300, 1056):
        for text in samples:
            assert card.fit_line(text, face, width) == naive_fit(text, width), (width, text[:20])
            assert card._longest_fitting(text, face, width) == naive_cut(text, width), (width, text[:20])


def test_jpeg_rows_refuses_what_it_cannot_splice():
    from plugins.images import jpegrows

    img = Image.new("RGB", (64, 48), "#b3191c")
    whole = jpegrows.split(jpegrows.encode(img, 85))
    assert len(whole.rows) == 3
    assert jpegrows.join(whole.header, whole.rows) == jpegrows.encode(img, 85)
    progressive = io.BytesIO()
    img.save(progressive, "JPEG", progressive=True)
    for bad in (b"", b"not a jpeg", progressive.getvalue(), jpegrows.encode(img, 85)[:-2]):
        with pytest.raises(jpegrows.JpegRowsError):
            jpegrows.split(bad)
    with pytest.raises(jpegrows.JpegRowsError):
        jpegrows.replace_rows(whole, 2, whole)  # three rows from the third: past the end
    assert jpegrows.band_box(-5, 20, 64, 48, 16) == (0, 0, 64, 32)
    assert jpegrows.band_box(40, 90, 64, 48, 16) == (0, 32, 64, 48)


def test_processing_strips_exif_and_applies_orientation(tmp_path):
    source = phone_photo(tmp_path / "phone.jpg")
    assert has_gps(source)
    params = {"widths": [360, 720, 1080, 1440], "thumb_size": [300, 200], "max_size": 2560,
              "jpeg_quality": 80, "webp_quality": 75}
    entry = tmp_path / "cache" / "ab" / "abkey"
    manifest = run_job(Job("source", "abkey", str(entry), str(source), params, "phone.jpg"))
    assert (manifest["width"], manifest["height"]) == (600, 800)
    assert [v["width"] for v in manifest["variants"]] == [360, 600]
    for file in entry.iterdir():
        if file.suffix in (".jpg", ".webp"):
            assert not has_metadata(file), file
    with Image.open(entry / "w600.jpg") as shown:
        assert shown.size == (600, 800)
        top, bottom = shown.convert("RGB").getpixel((300, 100)), shown.convert("RGB").getpixel((300, 700))
    assert top[0] > 200 and top[2] < 60, top          # the sensor's left (red) is now on top
    assert bottom[2] > 200 and bottom[0] < 60, bottom


def test_rewrite_makes_pictures_lazy_except_the_first_and_groups_a_gallery():
    def picture_for(src, alt):
        return Picture(src=f"{SITEURL}{src}", width=720, height=480, srcset=f"{SITEURL}{src} 720w",
                       webp_srcset=f"{SITEURL}{src}.webp 720w", sizes="100vw", alt=alt,
                       full=f"{SITEURL}{src}", largest=f"{SITEURL}{src}")

    html = ('<p>Chữ</p><p><img alt="Một" src="/a.jpg" title="Chú thích một"/>\n<img alt="Hai" src="/b.jpg"/></p>'
            '<p>Văn bản <img alt="Ba" src="/c.jpg"/> giữa câu.</p>')
    html += '<p>Cuối</p><p><img alt="Bốn" src="/d.jpg"/></p>'
    out = rewrite(html, picture_for, lambda address: None, gallery=True, eager_first=True,
                  gallery_sizes="50vw", single_sizes="100vw")
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(out.html, "html.parser")
    first, lone = soup.select("div.gallery")
    gallery = first.select("figure.gallery-item")
    assert [f.figcaption.get_text() for f in gallery] == ["Chú thích một", "Hai"]
    assert {t["sizes"] for t in first.select("source, img")} == {"50vw"}
    assert {t["sizes"] for t in lone.select("source, img")} == {"100vw"}
    imgs = soup.find_all("img")
    assert [i["alt"] for i in imgs] == ["Một", "Hai", "Ba", "Bốn"]
    assert imgs[0]["loading"] == "eager" and imgs[0]["fetchpriority"] == "high"
    assert all(i["loading"] == "lazy" and not i.has_attr("fetchpriority") for i in imgs[1:])
    assert all(i.parent.name == "picture" and i.parent.source["type"] == "image/webp" for i in imgs)


# --- a tiny site, built twice -----------------------------------------------------------

ARTICLE = """Title: {title}
Date: {date}
Authors: Nguyễn Thị Hoa
Unit: tam-duong
{extra}
{body}
"""

TINY_ARTICLES = {
    "truc-tet-bang-dien-thoai.md": ARTICLE.format(
        title="Trực Tết ở bệnh viện, ảnh chụp bằng điện thoại", date="2025-01-20 08:00",
        extra="Image: images/2025/01/dien-thoai.jpg\nImage_alt: Điều dưỡng trực đêm giao thừa\n"
              "Image_caption: Ảnh: Phạm Thu Trang\n",
        body="Đoạn mở đầu.\n\n![Toàn cảnh khoa Nội](/images/2025/01/toan-canh.png \"Khoa Nội đêm giao thừa\")\n\n"
             "Đoạn giữa có ![Biểu đồ nhỏ](/images/2025/01/Ảnh hội nghị.jpg) trong câu.\n"),
    "bai-khong-co-anh.md": ARTICLE.format(
        title="Hội nghị Ban Chấp hành Liên đoàn Lao động tỉnh lần thứ mười hai, nhiệm kỳ 2023 – 2028",
        date="2025-01-21 08:00", extra="", body="Chỉ có chữ."),
    "anh-cho-tet.md": ARTICLE.format(
        title="Ảnh: Chợ Tết Công đoàn", date="2025-01-22 08:00", extra="Type: anh\n",
        body="Mở đầu.\n\n![Gian hàng 0 đồng](/images/2025/01/gian-hang.jpg \"Gian hàng 0 đồng đông khách\")\n"
             "![Đoàn viên chọn quà](/images/2025/01/chon-qua.jpg)\n\nKết.\n"),
    "video-cho-tet.md": ARTICLE.format(
        title="Video: Chợ Tết Công đoàn", date="2025-01-23 08:00",
        extra="Type: video\nVideo: https://www.youtube.com/watch?v=Xk3pQ9vT2aB\n", body="Xem video."),
    "video-tai-cho.md": ARTICLE.format(
        title="Video: Họp mặt đoàn viên", date="2025-01-24 08:00",
        extra="Type: video\nVideo: videos/hop-mat.mp4\nImage: images/2025/01/chon-qua.jpg\n"
              "Image_alt: Đoàn viên họp mặt đầu xuân\n", body="Video quay tại hội trường."),
}


def make_tiny_content(root: Path) -> Path:
    content = make_content(root, TINY_ARTICLES)
    images = content / "images" / "2025" / "01"
    phone_photo(images / "dien-thoai.jpg")
    plain_image(images / "toan-canh.png", (1600, 1000), "PNG")
    plain_image(images / "Ảnh hội nghị.jpg", (480, 320))
    phone_photo(images / "gian-hang.jpg", (2000, 1500))
    plain_image(images / "chon-qua.jpg", (1200, 800))
    (images / "ghi-chu.txt").write_text("tệp không phải ảnh vẫn được chép", encoding="utf-8")
    phone_photo(content / "extra" / "anh-tinh.jpg", (300, 200))
    (content / "videos").mkdir()
    (content / "videos" / "hop-mat.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42 not a real video")
    return content


def build(content: Path, out: Path, cache: Path) -> subprocess.CompletedProcess:
    """The real CLI with -v (the image log line is INFO) and a cache of its own (cold, then warm)."""
    return run_pelican(out, content=content, extra={"IMAGES_CACHE_DIR": str(cache)}, verbose=True)


def image_log(proc) -> tuple[int, int]:
    match = re.search(r"Ảnh: đã xử lý (\d+), dùng lại (\d+)", proc.stdout + proc.stderr)
    assert match, proc.stdout + proc.stderr
    return int(match[1]), int(match[2])


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    root = tmp_path_factory.mktemp("tiny")
    content = make_tiny_content(root)
    out, cache = root / "output", root / "cache"
    first = build(content, out, cache)
    second_out = root / "output2"
    second = build(content, second_out, cache)
    return {"out": out, "out2": second_out, "first": first, "second": second, "content": content}


def page(out: Path, slug: str):
    return read_html(out / "tin-tuc" / "2025" / "01" / slug / "index.html")


def test_second_build_with_the_same_cache_processes_zero_images(tiny):
    processed, reused = image_log(tiny["first"])
    assert processed > 0
    processed2, reused2 = image_log(tiny["second"])
    assert processed2 == 0
    assert reused2 == processed + reused
    first = {p.relative_to(tiny["out"]) for p in output_images(tiny["out"])}
    assert first == {p.relative_to(tiny["out2"]) for p in output_images(tiny["out2"])}


def test_variants_exist_at_exact_widths_and_never_upscaled(tiny):
    out = tiny["out"] / "images" / "2025" / "01"
    expected = {"dien-thoai": [(360, 480), (600, 800)],           # 800×600 turned upright
                "toan-canh": [(360, 225), (720, 450), (1080, 675), (1440, 900)],
                "anh-hoi-nghi": [(360, 240), (480, 320)],
                "gian-hang": [(360, 480), (720, 960), (1080, 1440), (1440, 1920)]}
    for name, sizes in expected.items():
        made = sorted(int(m[1]) for p in out.glob(f"{name}-*w.jpg") if (m := re.fullmatch(rf"{name}-(\d+)w\.jpg", p.name)))
        assert made == [w for w, _ in sizes], name
        for width, height in sizes:
            for ext in ("jpg", "webp"):
                with Image.open(out / f"{name}-{width}w.{ext}") as img:
                    assert img.size == (width, height), (name, width, ext)
                    assert img.format == {"jpg": "JPEG", "webp": "WEBP"}[ext]


def test_no_output_image_carries_exif_or_gps(tiny):
    images = output_images(tiny["out"])
    assert len(images) > 40
    assert [p for p in images if has_metadata(p)] == []
    # the originals' own paths hold stripped, upright copies
    with Image.open(tiny["out"] / "images/2025/01/dien-thoai.jpg") as img:
        assert img.size == (600, 800) and not img.getexif()
    assert not has_gps(tiny["out"] / "extra/anh-tinh.jpg")
    # only images and PDFs under content/images are published (portal.paths; `check` warns about the rest)
    assert not (tiny["out"] / "images/2025/01/ghi-chu.txt").exists()
    assert not (tiny["out"] / "images/2025/01/Ảnh hội nghị.jpg").exists()


def test_every_img_in_article_main_has_width_height_and_alt(tiny):
    out = tiny["out"]
    for slug in ("truc-tet-o-benh-vien-anh-chup-bang-dien-thoai", "anh-cho-tet-cong-doan", "video-cho-tet-cong-doan"):
        main = page(out, slug).find("main")
        imgs = main.find_all("img")
        assert imgs, slug
        for img in imgs:
            assert img.get("width", "").isdigit() and img.get("height", "").isdigit(), img
            assert img.get("alt", "").strip(), img
            with Image.open(local(out, img["src"])) as file:
                assert file.size == (int(img["width"]), int(img["height"])), img["src"]


def test_featured_picture_is_eager_and_the_rest_lazy(tiny):
    main = page(tiny["out"], "truc-tet-o-benh-vien-anh-chup-bang-dien-thoai").find("main")
    featured = main.select_one("figure.featured picture")
    assert featured.source["type"] == "image/webp"
    img = featured.img
    assert img["loading"] == "eager" and img["fetchpriority"] == "high"
    assert img["alt"] == "Điều dưỡng trực đêm giao thừa"
    assert [w for _, w in srcset_urls(img["srcset"])] == [360, 600]
    assert all(local(tiny["out"], u).is_file() for u, _ in srcset_urls(featured.source["srcset"]))
    body = main.select(".article-body img")
    assert len(body) == 2 and all(i["loading"] == "lazy" for i in body)
    figure = main.select_one(".article-body figure.content-figure")
    assert figure.figcaption.get_text() == "Khoa Nội đêm giao thừa"
    assert "anh-hoi-nghi-480w.jpg" in body[1]["src"]


def test_articles_without_featured_image_load_their_first_image_eagerly(tiny):
    main = page(tiny["out"], "anh-cho-tet-cong-doan").find("main")
    imgs = main.select(".article-body img")
    assert imgs[0]["loading"] == "eager" and imgs[0]["fetchpriority"] == "high"
    assert all(i["loading"] == "lazy" for i in imgs[1:])


def test_photo_story_is_a_captioned_gallery(tiny):
    main = page(tiny["out"], "anh-cho-tet-cong-doan").find("main")
    figures = main.select(".article-body div.gallery > figure.gallery-item")
    assert [f.figcaption.get_text() for f in figures] == ["Gian hàng 0 đồng đông khách", "Đoàn viên chọn quà"]
    assert all(f.a and local(tiny["out"], f.a["href"]).is_file() for f in figures)


def test_share_images_are_1200_by_630_and_absolute(tiny):
    out = tiny["out"]
    for slug in ("truc-tet-o-benh-vien-anh-chup-bang-dien-thoai", "bai-khong-co-anh", "anh-cho-tet-cong-doan",
                 "video-cho-tet-cong-doan"):
        slug = slug if slug != "bai-khong-co-anh" else (
            # the title's 82-character slug, capped at 80 at a word boundary
            "hoi-nghi-ban-chap-hanh-lien-doan-lao-dong-tinh-lan-thu-muoi-hai-nhiem-ky-2023")
        head = page(out, slug).head
        meta = {m["property"]: m["content"] for m in head.find_all("meta", property=True)}
        url = meta["og:image"]
        assert url.startswith(SITEURL + "/images/og/"), url
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
        assert meta.get("og:image:alt", "").strip()
        with Image.open(local(out, url)) as img:
            assert img.size == (1200, 630) and img.format == "JPEG" and not img.getexif()


def test_video_player_contacts_no_third_party_before_the_click(tiny):
    html = page(tiny["out"], "video-cho-tet-cong-doan")
    assert html.find("iframe") is None
    for tag in html.find_all(True):
        for attr in ("src", "srcset", "poster", "data"):
            for value in (tag.get(attr) or "").split(","):
                value = value.strip().split(" ")[0]
                assert not value or value.startswith(SITEURL), (tag.name, attr, value)
        if tag.name == "link":
            assert tag["href"].startswith(SITEURL) or "preconnect" not in (tag.get("rel") or []), tag
    button = html.select_one(".video-player button.video-play")
    assert button["data-video-embed"].startswith("https://www.youtube-nocookie.com/embed/Xk3pQ9vT2aB")
    assert button.img["src"].startswith(SITEURL + "/images/og/")
    script = html.find("script", src=re.compile(r"/theme/js/video(-[0-9a-f]{10})?\.js$"))
    assert script is not None
    js = (tiny["out"] / "theme/js/video.js").read_text(encoding="utf-8")
    # video.js loads nothing itself; it only checks that the embed is youtube-nocookie (the CSP frame-src).
    assert "youtube" not in js.replace("www.youtube-nocookie.com", "") and len(js) < 2000


# --- invoke check: errors and warnings in Vietnamese ------------------------------------

EXPECTED_ERRORS = {
    "article_with_missing_inline_image.md": [
        ":8: [lỗi] trường «nội dung»: không tìm thấy ảnh «/images/2025/01/khong-co-anh-nay.jpg» trong content/",
        "đặt ảnh vào content/images/năm/tháng/"],
    "article_with_text_file_as_featured_image.md": [
        ":5: [lỗi] trường «Image»: ảnh đại diện «images/loi/bao-cao.jpg» không phải tệp ảnh đọc được "
        "(tệp hỏng hoặc không phải ảnh) → lưu lại ảnh dạng JPEG, PNG hoặc WebP rồi thay tệp"],
    "article_with_text_file_as_inline_image.md": [
        ":8: [lỗi] trường «nội dung»: ảnh «/images/loi/bao-cao.jpg» không phải tệp ảnh đọc được"],
    "article_with_inline_image_without_alt.md": [
        ":8: [lỗi] trường «nội dung»: ảnh «/images/loi/anh-tot.jpg» thiếu mô tả thay thế (alt)",
        "viết mô tả ngắn nội dung ảnh trong ngoặc vuông"],
    "article_with_html_img_without_alt.md": [
        ":10: [lỗi] trường «nội dung»: ảnh «/images/loi/anh-tot.jpg» thiếu mô tả thay thế (alt)"],
    "article_with_image_from_another_site.md": [
        ":8: [lỗi] trường «nội dung»: ảnh «https://i.ytimg.com/vi/Xk3pQ9vT2aB/hqdefault.jpg» lấy từ trang web khác"],
    "article_with_missing_featured_image.md": [
        ":5: [lỗi] trường «Image»: không tìm thấy ảnh «images/loi/khong-co.jpg» trong content/"],
    "article_with_featured_image_without_alt.md": [
        ":5: [lỗi] trường «Image»: ảnh đại diện thiếu mô tả thay thế"],
}


def invalid_content(tmp_path: Path, names) -> Path:
    content = make_content(tmp_path, [FIXTURES / "articles" / name for name in names])
    shutil.copytree(FIXTURES / "images", content / "images", dirs_exist_ok=True)
    plain_image(content / "images/loi/anh-tot.jpg", (1600, 1000))
    plain_image(content / "images/loi/anh-nho.jpg", (400, 300))
    return content


check = check_content  # `invoke check`'s entry point, in process


@pytest.mark.parametrize("name", sorted(EXPECTED_ERRORS))
def test_each_image_error_is_reported_in_vietnamese(tmp_path, name):
    proc = check(invalid_content(tmp_path, [name]))
    assert proc.returncode == 1, proc.stdout
    for piece in EXPECTED_ERRORS[name]:
        # pieces starting with ":line:" follow the file name directly
        expected = f"articles/2025/01/{name}{piece}" if piece.startswith(":") else piece
        assert expected in proc.stdout, f"missing {expected!r} in:\n{proc.stdout}"
    assert "KẾT QUẢ: CÓ LỖI" in proc.stdout


def test_small_featured_image_is_only_a_warning(tmp_path):
    content = invalid_content(tmp_path, ["article_with_small_featured_image.md"])
    (content / "images/loi/bao-cao.jpg").unlink()  # an unreadable file under content/images is an error of its own
    proc = check(content)
    assert proc.returncode == 0, proc.stdout
    assert ("article_with_small_featured_image.md:5: [cảnh báo] trường «Image»: ảnh đại diện «images/loi/anh-nho.jpg» "
            "chỉ rộng 400 px, quá nhỏ để làm ảnh chia sẻ lên mạng xã hội (cần ít nhất 600 px)") in proc.stdout


def test_build_stops_on_an_unreadable_image(tmp_path):
    content = invalid_content(tmp_path, ["article_with_text_file_as_inline_image.md"])
    proc = run_pelican(tmp_path / "output", content=content, check=False)
    assert proc.returncode != 0
    log = proc.stdout + proc.stderr
    assert "article_with_text_file_as_inline_image.md" in log and "bao-cao.jpg" in log
    assert not (tmp_path / "output" / "index.html").exists()


# --- the sample site ------------------------------------------------------------------------

def sample_articles():
    """(article path, Image) of every published article, read from the Markdown."""
    out = []
    for path in sorted((ROOT / "content" / "articles").rglob("*.md")):
        fields = read_header(path)
        status = fields.get("status", "published")
        if status in ("published", "hidden") and fields.get("date", "") <= TEST_BUILD_DATE + " 23:59":
            out.append((path, fields))
    return out


def article_pages(site_out: Path) -> list[Path]:
    return sorted((site_out / "tin-tuc").rglob("index.html"))


def test_sample_every_img_in_article_main_has_width_height_alt(site):
    pages = article_pages(site)
    assert len(pages) > 40
    for path in pages:
        main = read_html(path).find("main")
        for img in main.find_all("img"):
            assert img.get("width") and img.get("height"), (path, img)
            assert img.has_attr("alt"), (path, img)
        for img in main.select(".article-body img, figure.featured img, .video-player img"):
            assert img["alt"].strip(), (path, img)


def test_sample_featured_images_have_srcset_and_webp(site):
    with_image = 0
    for path in article_pages(site):
        html = read_html(path)
        featured = html.select_one("main figure.featured picture")
        if featured is None:
            continue
        with_image += 1
        assert featured.source["type"] == "image/webp"
        assert all(local(site, u).is_file() for u, _ in srcset_urls(featured.source["srcset"]))
        assert len(srcset_urls(featured.img["srcset"])) >= 2
    featured_md = [f for _, f in sample_articles() if f.get("image") and f.get("type", "tin") != "video"]
    assert with_image == len(featured_md) >= 10


def test_sample_every_article_has_an_absolute_1200x630_og_image(site):
    for path in article_pages(site):
        head = read_html(path).head
        meta = {m["property"]: m["content"] for m in head.find_all("meta", property=True)}
        assert meta["og:image"].startswith(SITEURL + "/"), path
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630"), path
        with Image.open(local(site, meta["og:image"])) as img:
            assert img.size == (1200, 630), path


def test_sample_output_has_no_gps_exif(site):
    images = output_images(site)
    assert images
    assert [p for p in images if has_gps(p) or has_metadata(p)] == []
    assert not any(p.name.endswith(".jpg") and has_gps(p) for p in images)


# --- in a real browser -------------------------------------------------------------------------

def test_browser_loads_webp_at_phone_width_and_youtube_only_after_the_click(chromium, tiny, tmp_path):
    from browser import free_port, rehost, serve

    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    out = rehost(tiny["out"], tmp_path / "output", SITEURL, origin)  # the tiny build, its URLs on this origin
    with serve(out, port):
        page = chromium.new_page(viewport={"width": 360, "height": 740}, device_scale_factor=2)
        requests: list[str] = []
        page.on("request", lambda req: requests.append(req.url))
        page.route("https://www.youtube-nocookie.com/**",
                   lambda route: route.fulfill(status=200, content_type="text/html", body="<p>video</p>"))
        page.goto(origin + "/tin-tuc/2025/01/truc-tet-o-benh-vien-anh-chup-bang-dien-thoai/", wait_until="load")
        featured = [u for u in requests if "/images/2025/01/dien-thoai-" in u]
        assert featured == [origin + "/images/2025/01/dien-thoai-600w.webp"], featured  # 360 px × 2, WebP

        requests.clear()
        page.goto(origin + "/tin-tuc/2025/01/video-cho-tet-cong-doan/", wait_until="load")
        page.wait_for_load_state("networkidle")
        assert {urlparse(u).netloc for u in requests} == {f"127.0.0.1:{port}"}, requests
        assert page.locator("iframe").count() == 0
        page.click("button.video-play")
        frame = page.wait_for_selector("iframe.video-frame")
        assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/Xk3pQ9vT2aB")
        page.wait_for_load_state("networkidle")
        assert any(urlparse(u).netloc == "www.youtube-nocookie.com" for u in requests)
        page.close()


def test_local_video_file_is_published_and_not_preloaded(tiny):
    main = page(tiny["out"], "video-hop-mat-doan-vien").find("main")
    video = main.select_one(".video-player video")
    assert video["preload"] == "none" and video.has_attr("controls")
    assert local(tiny["out"], video["poster"]).is_file()
    assert "chon-qua-720w.jpg" in video["poster"]
    source = video.source
    assert source["type"] == "video/mp4"
    assert local(tiny["out"], source["src"]).read_bytes().endswith(b"not a real video")


def test_cards_drawn_in_the_background_equal_cards_drawn_at_once(tiny, tmp_path):
    """The tiny site's cold build drew its cards in forked workers while the
    build went on and processed its source images ahead of the images step
    (plugins/images/background.py); a build that draws every image at once
    (one worker, its own empty cache) publishes the same files, and counts
    the same work."""
    serial = tmp_path / "serial"
    proc = run_pelican(serial, content=tiny["content"], verbose=True,
                       extra={"IMAGES_CACHE_DIR": str(tmp_path / "cache"), "IMAGES_WORKERS": 1})
    assert image_log(proc) == image_log(tiny["first"])
    og = {p.relative_to(serial): p.read_bytes() for p in (serial / "images" / "og").iterdir()}
    cards = [name for name in og if "chien-dich" in name.name or "trang-chu" in name.name]
    assert cards and len(og) > len(cards)  # article cards too
    assert og == {p.relative_to(tiny["out"]): p.read_bytes() for p in (tiny["out"] / "images" / "og").iterdir()}
    everything = {p.relative_to(serial): p.read_bytes() for p in output_images(serial)}
    assert len(everything) > len(og) and everything == {
        p.relative_to(tiny["out"]): p.read_bytes() for p in output_images(tiny["out"])}


# Both scripts below start from content/images holding a.jpg and b.png.
_TWO_IMAGES = r"""
import sys
from pathlib import Path
from types import SimpleNamespace as NS

from PIL import Image

tmp = Path(sys.argv[1])
content = tmp / "content"
(content / "images").mkdir(parents=True)
for name, size in (("a.jpg", (640, 480)), ("b.png", (400, 300))):
    Image.new("RGB", size, "#b3191c").save(content / "images" / name)
"""

_AHEAD_SCRIPT = _TWO_IMAGES + r"""
from plugins.images.background import can_fork
from plugins.images.enrich import early_sources
from plugins.images.settings import DEFAULTS
from plugins.images.state import ImageRun

(content / "images" / "tai-lieu.pdf").write_bytes(b"%PDF-1.4\n")
settings = {**DEFAULTS, "PATH": str(content), "SITEURL": "", "IMAGES_CACHE_DIR": str(tmp / "cache"),
            "IMAGES_WORKERS": 2}
run = ImageRun.start(settings)
records = [NS(status="published", scheduled=False, image="images/a.jpg"),
           NS(status="published", scheduled=True, image="images/b.png"),
           NS(status="draft", scheduled=False, image="images/b.png"),
           NS(status="hidden", scheduled=False, image="")]
jobs = early_sources(run, records)
assert sorted((job.kind, job.label) for job in jobs) == [("og", "images/a.jpg"), ("source", "images/a.jpg"),
                                                      ("source", "images/b.png")]
assert can_fork()  # a fresh interpreter: no other thread
run.process_ahead(jobs)
assert run.early is not None and set(run.early.jobs) == {job.key for job in jobs}
outcome = run.run(jobs)
assert run.early is None and set(outcome.manifests) == {job.key for job in jobs}
assert (run.processed, run.reused) == (3, 0), (run.processed, run.reused)
again = ImageRun.start(settings)
again.process_ahead(jobs)  # all in the cache: nothing starts
assert again.early is None
again.run(jobs)
assert (again.processed, again.reused) == (0, 3), (again.processed, again.reused)
print("ok")
"""


def test_source_images_are_processed_ahead_and_collected_by_the_images_step(tmp_path):
    """``early_sources``: every raster image under content/images and the
    share crop of each written article's Image start at once in forked
    workers; the first ``run`` waits for them and finds them in the cache,
    counted as processed (not reused). In a fresh interpreter: a test worker
    may run other threads (a served site), and then nothing is forked."""
    proc = run_python(_AHEAD_SCRIPT, str(tmp_path))
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-3000:]


_BEFORE_VALIDATION_SCRIPT = _TWO_IMAGES + r"""
from blinker import signal

import plugins.images
from plugins.images import handlers
from plugins.images.enrich import early_sources
from plugins.images.settings import DEFAULTS, EARLY_KEY, RUN_KEY
from portal.runstart import RUN_SIGNAL, announce

settings = {**DEFAULTS, "PATH": str(content), "SITEURL": "", "IMAGES_CACHE_DIR": str(tmp / "cache"),
            "IMAGES_WORKERS": 2, "PORTAL": NS(records={})}
plugins.images.register()
assert handlers.start_sources in list(signal(RUN_SIGNAL).receivers_for(settings))
announce(settings)  # what contract sends before it validates: no article is known yet
early = settings[EARLY_KEY]
assert sorted(job.label for job in early.jobs.values()) == ["images/a.jpg", "images/b.png"]
# validation done: the run adopts the workers and adds the share crop of an article's Image
settings["PORTAL"] = NS(records={"x": NS(status="published", scheduled=False, image="images/a.jpg")})
handlers.start_run(NS(settings=settings))
run = settings[RUN_KEY]
assert EARLY_KEY not in settings and run.early is early
assert sorted((j.kind, j.label) for j in run.early.jobs.values()) == [
    ("og", "images/a.jpg"), ("source", "images/a.jpg"), ("source", "images/b.png")]
jobs = early_sources(run, settings["PORTAL"].records.values())
outcome = run.run(jobs)
assert set(outcome.manifests) == {job.key for job in jobs} and (run.processed, run.reused) == (3, 0)
# a run whose validation failed left its workers: the next run's start waits for them
Image.new("RGB", (300, 200), "#ffd54f").save(content / "images" / "c.jpg")
announce(settings)
left = settings[EARLY_KEY]
announce(settings)  # waited for the first: nothing left to start (all in the cache)
assert not left.children and EARLY_KEY not in settings
print("ok")
"""


def test_source_images_start_before_validation_and_the_run_adopts_them(tmp_path):
    """``portal.run_started`` (sent by contract before it validates): the
    images under content/images start processing at once, while one core
    would idle; ``start_run`` adopts the workers, starting only what they
    lack (an article's share crop); the next run's start waits for workers a
    failed run left. In a fresh interpreter (no other thread: forking safe)."""
    proc = run_python(_BEFORE_VALIDATION_SCRIPT, str(tmp_path))
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-3000:]


def test_background_cards_wait_and_report_in_vietnamese(tmp_path):
    """The pure parts: a card's manifest is known before it is drawn; a card
    that cannot be drawn is named, not lost."""
    from plugins.images.background import Background
    from plugins.images.process import Job, card_manifest

    good = Job("card", "a" * 64, str(tmp_path / "aa" / ("a" * 64)), None,
               {"title": "Tết Sum vầy", "sitename": "Công đoàn", "tagline": "", "size": [1200, 630],
                "background": "#b3191c", "foreground": "#ffffff", "accent": "#ffd54f", "font": str(BUNDLED_FONT)},
               "thẻ chia sẻ «Tết Sum vầy»", cache_root=str(tmp_path))
    bad = Job("card", "b" * 64, str(tmp_path / "bb" / ("b" * 64)), None,
              dict(good.params, font=str(tmp_path / "khong-co.ttf")), "thẻ chia sẻ «Chợ Tết»",
              cache_root=str(tmp_path))
    work = Background.start([good, bad, good], workers=2)
    done, failed = work.wait()
    assert done == {good.key: card_manifest(good)}
    assert Image.open(tmp_path / "aa" / f"{good.key}.jpg").size == (1200, 630)  # one file, no manifest
    assert sorted(p.name for p in (tmp_path / "aa").iterdir()) == [f"{good.key}.jpg"]
    from plugins.images.cache import key_of
    assert key_of(tmp_path / "aa" / f"{good.key}.jpg") == good.key == key_of(tmp_path / "aa" / good.key / "og.jpg")
    assert list(failed) == [bad.key] and failed[bad.key].startswith("thẻ chia sẻ «Chợ Tết»: ")


def test_background_card_workers_exit_when_done_not_when_collected(tmp_path):
    """A worker with thousands of cards exits as soon as they are drawn: its
    answer (only what cannot be derived: failures) fits in the pipe, so it
    does not wait, holding its memory, until the build collects it after
    rendering every page; the build still gets every card's manifest."""
    import time

    from plugins.images.background import Background
    from plugins.images.process import Job, card_file, card_manifest

    jobs = []
    for number in range(3000):
        key = f"{number:064x}"
        entry = tmp_path / key[:2] / key
        card_file(entry).parent.mkdir(parents=True, exist_ok=True)
        card_file(entry).write_bytes(b"drawn by an earlier run")  # found in the cache: nothing to draw
        jobs.append(Job("card", key, str(entry), None, {"title": f"Bài {number}", "size": [1200, 630]},
                        f"thẻ chia sẻ «Bài {number}»", cache_root=str(tmp_path)))
    work = Background.start(jobs, workers=2)
    deadline = time.monotonic() + 30
    while any(process.is_alive() for process, *_ in work.children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(process.is_alive() for process, *_ in work.children)  # before anyone reads their answers
    done, failed = work.wait()
    assert failed == {} and done == {job.key: card_manifest(job) for job in jobs}


def test_background_cards_are_not_forked_beside_a_running_thread():
    """A non-daemon thread (livereload's server) may hold a lock the forked
    child would wait on for ever: the cards are then drawn at once instead."""
    import threading

    from plugins.images.background import can_fork

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        thread.join()


def test_cards_are_chosen_from_the_validated_facts_before_any_body_is_read(tmp_path):
    """The cards a cold build needs start drawing at the start of the run:
    one per article to be written (published or hidden, not scheduled)
    without an Image; the plan made after reading asks for the same jobs."""
    from types import SimpleNamespace as Facts

    from plugins.images.enrich import card_font, early_cards, plain
    from plugins.images.settings import DEFAULTS
    from plugins.images.state import ImageRun

    settings = dict(DEFAULTS, PATH=str(tmp_path), SITEURL="https://congdoan.example.vn", SITENAME="Công đoàn tỉnh",
                    SITESUBTITLE="Liên đoàn Lao động tỉnh", IMAGES_CACHE_DIR=str(tmp_path / "cache"))
    run = ImageRun.start(settings)
    records = [Facts(title="Tết Sum vầy – Xuân chia sẻ", status="published", scheduled=False, image=None),
               Facts(title="Có ảnh", status="published", scheduled=False, image="images/a.jpg"),
               Facts(title="Bản nháp", status="draft", scheduled=False, image=None),
               Facts(title="Bài ẩn", status="hidden", scheduled=False, image=None),
               Facts(title="Hẹn giờ", status="published", scheduled=True, image=None)]
    jobs = early_cards(run, records)
    assert [job.params["title"] for job in jobs] == ["Tết Sum vầy – Xuân chia sẻ", "Bài ẩn"]
    font, digest = card_font(run)
    assert jobs[0].key == run.card_job(plain("Tết Sum vầy – Xuân chia sẻ"), "Liên đoàn Lao động tỉnh", font, digest).key


def test_card_jpeg_falls_back_to_the_whole_card_when_the_encoder_writes_no_row_markers(monkeypatch):
    """An encoder that ignores restart_marker_rows (an older Pillow) gives one
    row: the card is then encoded whole, never wrong or missing."""
    from plugins.images import card, jpegrows

    def no_markers(img, quality):
        import io as _io

        buffer = _io.BytesIO()
        img.save(buffer, "JPEG", quality=quality, optimize=False, progressive=False)
        return buffer.getvalue()

    card._encoded_rows.cache_clear()
    monkeypatch.setattr(jpegrows, "encode", no_markers)
    try:
        data = card.card_jpeg("Tết Sum vầy – Xuân chia sẻ", "Công đoàn Lai Châu", "", BUNDLED_FONT)
        assert data == no_markers(card.render_card("Tết Sum vầy – Xuân chia sẻ", "Công đoàn Lai Châu", "",
                                                   BUNDLED_FONT), 85)
    finally:
        card._encoded_rows.cache_clear()


def test_thumbnails_come_from_the_smallest_variant_half_again_their_size():
    """A thumbnail is resampled from the smallest of the image and its
    variants at least 1.5 times its size both ways (far fewer pixels than
    the full image), never from a smaller one, and looks the same."""
    from PIL import ImageChops, ImageOps, ImageStat

    from plugins.images.process import CROP_CENTRE, thumb_source

    rng = __import__("random").Random(3)
    base = Image.new("RGB", (1600, 1067))
    for _ in range(400):  # blocks of colour: edges the resampling must keep
        x, y = rng.randrange(1560), rng.randrange(1030)
        base.paste(tuple(rng.randrange(256) for _ in range(3)), (x, y, x + rng.randrange(8, 120), y + rng.randrange(8, 90)))
    scaled = [base] + [base.resize((w, round(1067 * w / 1600)), Image.Resampling.LANCZOS) for w in (1440, 1080, 720, 360)]
    assert thumb_source(scaled, (300, 200)).width == 720
    assert thumb_source(scaled, (600, 400)).width == 1080
    assert thumb_source(scaled, (900, 600)).width == 1440
    assert thumb_source(scaled, (1200, 800)).width == 1600  # none big enough: the image itself
    for size in ((300, 200), (600, 400), (900, 600)):
        direct = ImageOps.fit(base, size, Image.Resampling.LANCZOS, centering=CROP_CENTRE)
        via = ImageOps.fit(thumb_source(scaled, size), size, Image.Resampling.LANCZOS, centering=CROP_CENTRE)
        difference = ImageStat.Stat(ImageChops.difference(direct, via)).mean
        assert max(difference) < 4, (size, difference)  # of 255: the same picture

"""Untrusted input: plain-text fields, dates, slugs, YAML, private roster values
and how a failed build reads.

Fixtures: tests/fixtures/hostile_inputs/ (one scenario-named file per attack
class). Each expected message is checked with `invoke check`'s own entry
point; one real `pelican` run proves the build fails the same way: exit 1,
every file named, no traceback, the last good output untouched.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT, check_content, make_content, run_pelican
from portal.privacy import PrivateValues, scan_tree
from portal.safety import clean_html, unsafe_markup
from portal.text import cap_slug, forbidden_characters, has_markup

HOSTILE = Path(__file__).parent / "fixtures" / "hostile_inputs"

EXPECTED = {
    "title_with_markup.md": [":1: [lỗi] trường «Title»: có mã HTML", "xoá mã HTML, chỉ giữ lại chữ"],
    "authors_with_markup.md": [":3: [lỗi] trường «Authors»: có mã HTML"],
    "category_with_markup.md": [":5: [lỗi] trường «Category»: có mã HTML"],
    "tags_with_markup.md": [":5: [lỗi] trường «Tags»: có mã HTML"],
    "source_with_markup.md": [":4: [lỗi] trường «Source»: có mã HTML"],
    "title_with_bidi_override.md": [":1: [lỗi] trường «Title»: có ký tự vô hình hoặc ký tự đảo chiều chữ (U+202E)",
                                    "gõ lại dòng này bằng tay"],
    "authors_with_zero_width_space.md": [":3: [lỗi] trường «Authors»: có ký tự vô hình hoặc ký tự đảo chiều chữ (U+200B)"],
    "tag_without_latin_letters.md": [":5: [lỗi] trường «Tags»: thẻ «!!!» không tạo được đường dẫn"],
    "category_without_latin_letters.md": [":5: [lỗi] trường «Category»: chuyên mục «★★★» không tạo được đường dẫn"],
    "date_before_2000.md": [":2: [lỗi] trường «Date»: ngày «1900-01-01» nằm ngoài khoảng cho phép (từ năm 2000"],
    "date_more_than_two_years_ahead.md": [":2: [lỗi] trường «Date»: ngày «2099-01-01 08:00» nằm ngoài khoảng cho phép"],
    "slug_longer_than_80.md": [":5: [lỗi] trường «Slug»: slug dài 119 ký tự, quá 80 ký tự cho phép"],
    "long_title_clash_b.md": ["[lỗi] trường «Slug»: trùng đường dẫn đầu ra", "long_title_clash_a.md"],
    "body_with_roster_phone.md": [":7: [lỗi] nội dung chứa số điện thoại riêng tư của «Nguyễn Thị Hoa»",
                                  "không bao giờ được đăng"],
    "body_with_roster_email.md": [":6: [lỗi] nội dung chứa địa chỉ e-mail riêng tư của «Nguyễn Thị Hoa»"],
    "caption_with_roster_facebook.md": [":5: [lỗi] trường «Image_caption»: chứa trang Facebook riêng tư của «Nguyễn Thị Hoa»"],
    "body_with_roster_phone_across_markup.md": [
        ":6: [lỗi] nội dung chứa số điện thoại riêng tư của «Nguyễn Thị Hoa»",
        ":7: [lỗi] nội dung chứa địa chỉ e-mail riêng tư của «Nguyễn Thị Hoa»"],
}


def hostile_content(folder: Path, articles: list[Path] = (), data: Path | None = None) -> Path:
    """Sample data, campaign prose and images, plus the given articles (and data overrides)."""
    return make_content(folder, articles, parts=("data", "campaigns", "images/campaigns"), data=data)


def check(content: Path) -> tuple[int, str]:
    """`invoke check`'s entry point, in process."""
    proc = check_content(content, settings="pelicanconf.py")
    return proc.returncode, proc.stdout


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    """One check over every hostile article at once (every problem in one run)."""
    content = hostile_content(tmp_path_factory.mktemp("hostile"), sorted((HOSTILE / "articles").glob("*.md")))
    return content


def test_every_hostile_article_is_reported_in_one_run(hostile_report):
    code, out = check(hostile_report)
    assert code == 1
    assert set(EXPECTED) <= {p.name for p in (HOSTILE / "articles").iterdir()}
    for name, fragments in EXPECTED.items():
        lines = [line for line in out.splitlines() if f"/{name}:" in line or line.startswith(f"{name}:")
                 or f"{name}:" in line.split(" ")[0]]
        assert lines, f"{name} not reported:\n{out}"
        for fragment in fragments:
            assert any(fragment in line for line in lines), f"{name}: «{fragment}» missing in\n" + "\n".join(lines)
    assert "KẾT QUẢ: CÓ LỖI" in out
    # Private values are named by kind and owner, never shown.
    assert "0912" not in out and "example.vn" not in out.replace("@example.vn", "") and "hoanguyen" not in out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_article_alone(name, tmp_path):
    articles = [HOSTILE / "articles" / name]
    if name == "long_title_clash_b.md":
        articles.append(HOSTILE / "articles" / "long_title_clash_a.md")
    code, out = check(hostile_content(tmp_path, articles))
    assert code == 1, out
    for fragment in EXPECTED[name]:
        assert fragment in out


@pytest.mark.parametrize("folder, expected", [
    ("data_with_yaml_aliases", ["quotas.yml:2: [lỗi] không dùng neo YAML «&a»",
                                "tệp dữ liệu không dùng &neo và *bí danh"]),
    ("data_with_impossible_yaml_date", ["campaigns.yml:15: [lỗi] ngày «2025-02-30» không tồn tại",
                                        "sửa thành một ngày có thật"]),
])
def test_hostile_data_files(folder, expected, tmp_path):
    code, out = check(hostile_content(tmp_path, data=HOSTILE / folder))
    assert code == 1
    for fragment in expected:
        assert fragment in out, out


def test_failed_pelican_build_is_clean_and_keeps_the_last_output(tmp_path):
    """The standard `pelican content -s publishconf.py` call: each problem once,
    no traceback, exit 1, the last good output untouched, no staging left."""
    content = hostile_content(tmp_path, sorted((HOSTILE / "articles").glob("*.md")), data=HOSTILE / "data_with_yaml_aliases")
    out = tmp_path / "output"
    out.mkdir()
    (out / "index.html").write_text("bản cũ", encoding="utf-8")
    proc = run_pelican(out, content=content, check=False)
    text = proc.stdout + proc.stderr
    assert proc.returncode == 1
    assert "Traceback" not in text and "ContractError" not in text
    assert "Nội dung không hợp lệ, bản dựng dừng lại (trang cũ không bị thay đổi)" in text
    for name in EXPECTED:
        assert f"{name}:" in text
    assert "quotas.yml:2: [lỗi] không dùng neo YAML" in text
    # Each problem once (warnings are part of the report, not logged again).
    problem_lines = [line for line in text.splitlines() if "[lỗi]" in line or "[cảnh báo]" in line]
    assert len(problem_lines) == len(set(problem_lines))
    assert (out / "index.html").read_text(encoding="utf-8") == "bản cũ"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


def test_private_value_in_output_fails_the_build(tmp_path):
    """A value that no article check sees (here a unit name in units.yml) is
    caught by the scan of every written file, search index included."""
    content = hostile_content(tmp_path, [ROOT / "tests" / "fixtures" / "adversarial_site" / "articles" / "baseline_valid_article.md"])
    units = content / "data" / "units.yml"
    text = units.read_text(encoding="utf-8")
    assert "name: Liên đoàn Lao động huyện Tam Đường\n" in text
    units.write_text(text.replace("name: Liên đoàn Lao động huyện Tam Đường\n",
                                  "name: Liên đoàn Lao động huyện Tam Đường (Zalo +84 912 345 602)\n"), encoding="utf-8")
    out = tmp_path / "output"
    proc = run_pelican(out, content=content, check=False)
    text = proc.stdout + proc.stderr
    assert proc.returncode == 1
    assert "Traceback" not in text
    assert "Bản dựng chứa thông tin riêng tư của cộng tác viên" in text
    assert "don-vi/tam-duong/index.html: [lỗi] có số điện thoại riêng tư của «Nguyễn Thị Hoa»" in text
    # the page was scanned as it was rendered: its .gz copy (the same bytes) is not reported again
    assert "don-vi/tam-duong/index.html.gz" not in text
    assert any(".pf_fragment: [lỗi] có số điện thoại" in line for line in text.splitlines())
    assert "912 345 602" not in text
    assert not out.exists() and not (tmp_path / "output.dang-dung").exists()


# --- The sample and adversarial builds ---------------------------------------

def test_sample_output_has_no_private_value(site):
    import yaml

    roster = yaml.safe_load((ROOT / "content" / "data" / "contributors.yml").read_text(encoding="utf-8"))
    private = PrivateValues.from_roster(roster)
    assert len(private) >= 3 * len(roster) - 3
    assert scan_tree(site, private) == []


def test_every_written_time_has_the_fixed_offset(site):
    import re

    stamps = set()
    for path in [*site.glob("feeds/**/*.xml"), site / "index.html", *site.glob("tin-tuc/2025/01/*/index.html")]:
        stamps.update(re.findall(r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?([+-]\d\d:\d\d|Z)", path.read_text(encoding="utf-8")))
    assert stamps == {"+07:00"}


def test_article_without_category_is_not_filed_under_its_folder(site):
    assert not (site / "chuyen-muc" / "01").exists()
    assert not any(p.name.isdigit() for p in (site / "chuyen-muc").iterdir())


# --- Pure rules ---------------------------------------------------------------

def test_forbidden_characters():
    assert forbidden_characters("Công đoàn") == []
    assert forbidden_characters("a\u202eb\u200bc\u2066") == ["U+202E", "U+200B", "U+2066"]
    assert forbidden_characters("x\x00y") == ["U+0000"]


def test_markup_detection_allows_plain_comparisons():
    assert not has_markup("Lương tăng 5% < 7% & hơn thế")
    assert not has_markup('Chị Hoa nói: "Tết ấm"')
    for value in ("<b>x</b>", "a <img src=x>", "<!-- x -->", "x &lt; y", "&#60;script", "</p"):
        assert has_markup(value), value


def test_slug_cap_cuts_at_a_word():
    slug = "-".join(["cong-doan"] * 20)
    capped = cap_slug(slug)
    assert len(capped) <= 80 and not capped.endswith("-") and slug.startswith(capped)
    assert capped.split("-")[-1] in ("cong", "doan")
    assert cap_slug("ngan") == "ngan"


def test_private_values_are_found_however_typed():
    private = PrivateValues.from_roster([{"name": "Hoa", "phone": "0912 345 602", "email": "Hoa@Example.vn",
                                          "facebook": "https://facebook.com/hoa.fake"}])
    assert "0912" not in repr(private)
    text = "\n".join([
        "gọi 0912345602", "gọi 0912.345.602", "gọi +84 912 345 602", "gọi 84-912-345-602",
        "thư: hoa@example.VN", "fb: m.facebook.com/hoa.fake", "fb: https://www.facebook.com/hoa.fake/",
        "tiền: 912.345.602 đồng", "mã 10912345602", "thư: xhoa@example.vn.other", "fb: facebook.com/hoa.fakeness",
    ])
    found = private.find_in_text(text)
    assert [f.line for f in found] == [1, 2, 3, 4, 5, 6, 7]
    assert {f.kind for f in found} == {"phone", "email", "facebook"}
    assert private.find_in_bytes("gọi 0912 345 602".encode()) == [("phone", "Hoa")]
    assert private.find_in_bytes("0912\u00a0345\u00a0602".encode()) == [("phone", "Hoa")]
    # percent-encoded (decoded on the bytes, then read as UTF-8): the same as the text reading
    for typed in ("tel:0912%20345%20602", "mailto:hoa%40example.vn", "u=https%3A%2F%2Ffacebook.com%2Fhoa.fake",
                  "Gọi%C2%A00912%C2%A0345%C2%A0602 ngày Tết", "%E1%BA%A1 0912345602 %ZZ %4"):
        assert private.find_in_bytes(typed.encode()) == private.find(typed), typed
        assert private.find_in_bytes(typed.encode()), typed


def test_private_values_typed_across_markup_are_found_as_readers_see_them():
    """A value split by Markdown or HTML (emphasis, tags, links, character
    references, escapes, a soft hyphen) shows whole on the page: it is found,
    on its own line; ordinary markup and other numbers are not flagged."""
    from portal.privacy import plain_lines

    private = PrivateValues.from_roster([{"name": "Hoa", "phone": "0912 345 602", "email": "nguyen_hoa@example.vn",
                                          "facebook": "https://facebook.com/hoa.fake"}])
    typed = [
        "gọi 0912 **345** 602", "gọi 0912*345*602", "gọi 0912 <b>345</b> 602", "gọi [0912](tel:1) 345 602",
        "gọi 0912&nbsp;345&#32;602", "gọi 0912\u00ad345\u200b602", "thư: nguyen_hoa@<i>example.vn</i>",
        "thư: _nguyen_hoa@example.vn_", "thư: nguyen\\_hoa@example.vn", "fb: facebook.com/<b>hoa.fake</b>",
        "thư: nguyen_hoa&#64;example.vn",
    ]
    harmless = ["**Tết** Sum vầy 2026", "<b>0912</b> 345", "mã [số 0912](/x) 345", "a&#10;b", "__init__ và *ý*"]
    text = "\n".join([*typed, *harmless])
    found = private.find_in_text(text, first_line=10)
    assert [f.line for f in found] == list(range(10, 10 + len(typed)))
    assert {f.kind for f in found} == {"phone", "email", "facebook"}
    assert all("\n" not in view for line in text.splitlines() for view in plain_lines(line))
    assert plain_lines("không có định dạng 0912") == ()


def test_facebook_links_are_found_where_the_whole_scan_finds_them():
    """Only the places where the lowered text reads a Facebook host are tried:
    the same matches as the case-insensitive scan of the whole text, whatever
    the case (the KELVIN SIGN reads as "k"), the overlaps or the noise."""
    import random
    from urllib.parse import unquote_to_bytes

    from portal import privacy

    private = PrivateValues.from_roster([{"name": "Hoa", "facebook": "https://facebook.com/hoa.fake"}])
    pieces = ["facebook.com/hoa.fake", "FaceBook.COM/hoa.fake", "faceboo\u212a.com/hoa.fake", "fb.me/hoa.fake",
              "FB.com:8080//hoa.fake", "fb%2Ecom/hoa.fake", "fb .com/x", "face book", "fb.", ".com/", "ﬀb.com/a",
              "m.facebook.com.", "%66b.me/hoa.fake", "Tết ", "<a href='", "'>", "0912", " ", "İ", "fb.com/fb.me/",
              "\u00a0", "facebook.com/facebook.com/x"]
    rng = random.Random(5)
    for _ in range(4000):
        typed = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        text = unquote_to_bytes(typed.encode()).decode("utf-8", errors="replace")
        assert [m.span() for m in privacy._facebook_matches(text)] == \
            [m.span() for m in privacy._FACEBOOK.finditer(text)], typed
    assert private.find_in_bytes("faceboo\u212a.com/hoa.fake".encode()) == [("facebook", "Hoa")]
    assert private.find_in_bytes("İ xem %66b.me/hoa.fake".encode()) == [("facebook", "Hoa")]


def test_the_page_scan_shortcuts_find_what_the_whole_reading_finds():
    """``find_in_bytes`` skips the phone pass when no roster number is among
    the page's digits and finds Facebook hosts in the bytes it was given: on
    pages of any script (full-width, Arabic-Indic and Myanmar digits, the
    KELVIN SIGN, invalid UTF-8, escapes) it finds what reading the whole
    decoded text finds, for a small roster and for one too large to shortcut."""
    import random
    import unicodedata
    from urllib.parse import unquote_to_bytes

    from portal import privacy

    # the byte ranges taken as digit-free hold no decimal digit but ASCII's
    spans = [(0x80, 0x63F), (0x2000, 0x2FFF), (0x1E00, 0x1FFF)]
    assert not [hex(c) for a, b in spans for c in range(a, b + 1) if unicodedata.category(chr(c)) == "Nd"]
    assert min(c for c in range(0x80, 0x110000) if unicodedata.category(chr(c)) == "Nd") == 0x660

    small = PrivateValues.from_roster([{"name": "Hoa", "phone": "0912 345 602", "email": "hoa@example.vn",
                                        "facebook": "https://facebook.com/hoa.fake"}])
    large = PrivateValues.from_roster([{"name": f"N{i}", "phone": f"0987 {i:03d} 111"} for i in range(80)]
                                      + [{"name": "Hoa", "phone": "0912 345 602"}])
    pieces = [piece.encode() for piece in (
        "0912 345 602", "0912\u00a0345\u2013602", "+84 912.345.602", "０９１２３４５６０２", "٠٩١٢٣٤٥٦٠٢",
        "\u1040\u1049\u1041\u1042345602", "0912", "345", "602", "0987 042 111", "Tết ", "ạ", "–", "\u212a",
        "faceboo\u212a.com/hoa.fake", "facebook.com/hoa.fake", "fb.me/x", "facebook.com/sharer.php?u=1",
        "hoa@example.vn", "%30%39", "😀", " ", "2026-01-15", "<a href='", "'>")] + [b"\xff", b"\xe1\x80", b"\xc3"]
    rng = random.Random(11)
    for private in (small, large):
        for _ in range(3000):
            data = b"".join(rng.choice(pieces) for _ in range(rng.randint(1, 7)))
            text = unquote_to_bytes(data).decode("utf-8", errors="replace")
            whole = list(dict.fromkeys(private._find(text)))
            assert private.find_in_bytes(data) == whole, data
    assert small.find_in_bytes("Tết 0912 345 602".encode()) == [("phone", "Hoa")]
    assert large.find_in_bytes("Tết 0912 345 602".encode()) == [("phone", "Hoa")]
    assert small.find_in_bytes("Tết ０９１２ ３４５ ６０２".encode()) == [("phone", "Hoa")]
    assert small.find_in_bytes("ạ \xff fb.me/hoa.fake".encode("utf-8", "surrogateescape")) == \
        [("facebook", "Hoa")]
    assert not privacy._plain_bytes("٣".encode()) and privacy._plain_bytes("Tết – ạ 2026".encode())
    # a roster number pasted in full-width digits is the same number
    pasted = PrivateValues.from_roster([{"name": "Hoa", "phone": "０９１２ ３４５ ６０２"}])
    assert pasted.find_in_bytes("gọi 0912.345.602".encode()) == [("phone", "Hoa")]
    assert [f.line for f in pasted.find_in_text("a\ngọi +84 912 345 602")] == [2]


def test_unsafe_markup_names_each_line():
    body = "\n".join([
        "Đoạn đầu.",                                       # 1
        "<p onclick=\"x()\">bấm</p>",                      # 2
        "`<script>` trong mã là chữ",                     # 3
        "[xem](javascript:alert(1))",                      # 4
        "```",                                             # 5
        "<script>alert(1)</script>",                       # 6 (code block: shown as text)
        "```",                                             # 7
        "<iframe src=\"https://evil.example\"></iframe>",  # 8
        "<a href=\"https://laodong.vn\">ok</a> <img src=\"/images/a.jpg\" alt=\"a\">",  # 9
    ])
    found = [(r.line, r.what) for r in unsafe_markup(body)]
    assert [line for line, _ in found] == [2, 4, 8]
    assert "onclick" in found[0][1] and "javascript:" in found[1][1] and "<iframe>" in found[2][1]


def test_clean_html_keeps_markdown_and_drops_active_content():
    html = ('<p class="x" onclick="y">a <a href="javascript:alert(1)">b</a> <a href="/tin-tuc/">c</a>'
            '<img src="x" onerror="alert(1)" alt="d"></p><script>alert(1)</script><style>*{}</style>'
            '<table><tr><td align="right">1</td></tr></table><svg onload="alert(1)"></svg>'
            '<iframe src="//evil"></iframe><form action="//evil"><input></form>')
    out = clean_html(html)
    for bad in ("onclick", "onerror", "javascript:", "<script", "<style", "<svg", "<iframe", "<form", "<input"):
        assert bad not in out
    for good in ('<a href="/tin-tuc/">c</a>', 'alt="d"', 'align="right"', 'class="x"'):
        assert good in out


def test_the_built_once_sanitisers_equal_nh3_clean_with_the_same_allowlists():
    """clean_html and clean_inline use nh3.Cleaner objects built once: the
    same output as nh3.clean given the allowlists on every call."""
    import random

    import nh3

    from portal import safety

    def by_call(html, tags, attributes):
        return nh3.clean(html, tags=set(tags), clean_content_tags=set(safety.DROP_WITH_CONTENT),
                         attributes=attributes, url_schemes=set(safety.URL_SCHEMES), link_rel=None,
                         strip_comments=True)

    inline_attributes = {k: set(v) & {"href", "title", "datetime", "class", "lang"}
                         for k, v in safety.ATTRIBUTES.items() if k in safety.INLINE_TAGS | {"*"}}
    pieces = ['<p class="x" onclick="y">', "</p>", '<a href="javascript:alert(1)">', '<a href="/tin-tuc/">', "</a>",
              '<img src="x" onerror="alert(1)" alt="Ảnh">', "<script>alert(1)</script>", "<!-- ghi chú -->",
              '<table><tr><td align="right">1</td></tr></table>', "<svg onload=alert(1)>", "<b>đậm</b>",
              '<iframe src="//evil"></iframe>', "Tết Sum vầy – Xuân chia sẻ", "&amp; &lt;", "<", ">", '"', "<br>",
              '<span lang="vi" style="color:red">chữ</span>', "<math><mi>x</mi></math>", "<div><ul><li>một"]
    rng = random.Random(7)
    for _ in range(300):
        html = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        assert safety.clean_html(html) == by_call(html, safety.TAGS, {k: set(v) for k, v in safety.ATTRIBUTES.items()})
        assert safety.clean_inline(html) == by_call(html, safety.INLINE_TAGS, inline_attributes)


def test_symlinked_articles_are_refused_and_never_read(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("Title: Bí mật\nDate: 2025-01-15\nAuthors: X\nUnit: tam-duong\n\nbí mật\n",
                                       encoding="utf-8")
    content = hostile_content(tmp_path)
    (content / "articles" / "2025" / "01" / "secret.md").symlink_to(outside / "secret.md")
    (content / "articles" / "2025" / "linked").symlink_to(outside, target_is_directory=True)
    code, out = check(content)
    assert code == 1
    assert "content/articles/2025/01/secret.md: [lỗi] là liên kết tượng trưng (symlink)" in out
    assert "content/articles/2025/linked: [lỗi] là liên kết tượng trưng (symlink)" in out
    assert "Đã kiểm tra 0 bài" in out  # neither link was read as an article


def test_invisible_characters_in_data_files(tmp_path):
    content = hostile_content(tmp_path)
    units = content / "data" / "units.yml"
    text = units.read_text(encoding="utf-8")
    units.write_text(text.replace("name: Liên đoàn Lao động huyện Tam Đường\n",
                                  "name: Liên đoàn Lao động huyện \u202eTam Đường\n"), encoding="utf-8")
    code, out = check(content)
    assert code == 1
    assert "units.yml:26: [lỗi] giá trị «Liên đoàn Lao động huyện ⟨U+202E⟩Tam Đường» có ký tự vô hình" in out


def test_empty_data_file_is_reported(tmp_path):
    content = hostile_content(tmp_path)
    (content / "data" / "units.yml").write_text("", encoding="utf-8")
    code, out = check(content)
    assert code == 1
    assert "content/data/units.yml: [lỗi] tệp dữ liệu rỗng → thêm ít nhất đơn vị gốc" in out


def test_markdown_nested_too_deep_is_named_not_dropped(tmp_path):
    """Markdown that blows the converter's recursion (lists nested 400 levels)
    ends with the file named and the reason, no traceback."""
    content = hostile_content(tmp_path, [HOSTILE / "unreadable" / "lists_nested_400_levels.md"])
    proc = run_pelican(tmp_path / "output", content=content, check=False)
    text = proc.stdout + proc.stderr
    assert proc.returncode == 1
    assert "Traceback" not in text
    # caught by the validator at the first line too deep (the reader would name it too)
    assert "lists_nested_400_levels.md:47: [lỗi] nội dung lồng nhau quá sâu (trích dẫn hoặc danh sách hơn 20 cấp)" in text


def test_the_phone_pattern_finds_what_the_plain_alternation_finds():
    """portal.privacy._PHONE is written for speed (a class, then lookbehinds);
    on random runs of digits, separators, '+' and full-width digits it gives
    the very matches of the pattern it stands for."""
    import random
    import re

    from portal import privacy

    plain = re.compile(rf"(?:\+?[8８][4４]|[0０]){privacy._SEP}(\d(?:{privacy._SEP}\d){{7,11}})(?!\d)")
    alphabet = list("0123456789084+  .-()/x") + ["\u00a0", "０", "８", "４", "\u2013", "ngày ", "\n"]
    rng = random.Random(2026)
    matched = 0
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))
        expected = [(m.start(), m.end(), m.group(1)) for m in plain.finditer(text)]
        assert [(m.start(), m.end(), m.group(1)) for m in privacy._PHONE.finditer(text)] == expected, text
        matched += len(expected)
    assert matched > 300  # the runs do hold phone-like numbers


def test_red_team_private_value_spellings():
    private = PrivateValues.from_roster([{"name": "N", "phone": "0912 345 601", "email": "vu.hong.nhung@example.vn",
                                          "facebook": "https://facebook.com/vuhongnhung.fake01"}])
    for text in ("gọi chị Nhung,0912 345 601", "(+84) 912 345 601", "０９１２３４５６０１", "0912 - 345 - 601",
                 "tel:0912%20345%20601", "mailto:vu.hong.nhung%40example.vn",
                 "https://facebook.com:443/vuhongnhung.fake01", "https://facebook.com./vuhongnhung.fake01",
                 "https://facebook.com/%76uhongnhung.fake01", "https://www.facebook.com//vuhongnhung.fake01"):
        assert private.find(text), text
    for text in ("tiền 1.912.345.601 đồng", "mã 10912345601", "năm 2024: 0,912 345 601", "ngày 09/12/2025 10:30"):
        assert not private.find(text), text


@pytest.mark.parametrize("scenario, expected", [
    ("yaml_list_as_key", "units.yml:1: [lỗi] khóa phải là chữ hoặc số, không được là danh sách hay bảng → mỗi khóa là một từ"),
    ("yaml_huge_number", "quotas.yml:3: [lỗi] số «99999999999999999999…» quá lớn → chỉ tiêu là số nguyên"),
    ("roster_phone_without_quotes", "contributors.yml:5: [lỗi] trường «phone»: «Vũ Hồng Nhung»: phone phải là chữ"),
])
def test_red_team_data_files(scenario, expected, tmp_path):
    content = hostile_content(tmp_path)
    data = content / "data"
    if scenario == "yaml_list_as_key":
        (data / "units.yml").write_text("- ? [a, b]\n  : x\n  id: lai-chau\n  name: X\n", encoding="utf-8")
    elif scenario == "yaml_huge_number":
        (data / "quotas.yml").write_text("2025:\n  tam-duong:\n    articles: " + "9" * 5000 + "\n", encoding="utf-8")
    else:
        text = (data / "contributors.yml").read_text(encoding="utf-8")
        assert 'phone: "0912 345 601"' in text
        (data / "contributors.yml").write_text(text.replace('phone: "0912 345 601"', "phone: 0345671234"), encoding="utf-8")
    code, out = check(content)
    assert code == 1 and "Traceback" not in out
    assert expected in out, out


def test_red_team_articles(tmp_path):
    content = hostile_content(tmp_path)
    folder = content / "articles" / "2025" / "01"
    head = "Date: 2025-01-15 08:00\nAuthors: Nguyễn Thị Hoa\nUnit: tam-duong\n"
    (folder / "long_title.md").write_text("Title: " + "Tết " * 100 + "\n" + head + "\nx\n", encoding="utf-8")
    (folder / "deep_quotes.md").write_text("Title: Trích dẫn sâu\n" + head + "\nMở đầu.\n\n" + ">" * 5000 + " x\n",
                                           encoding="utf-8")
    (folder / "line_separator.md").write_text("Title: Dòng lạ\n" + head + "Summary: a\u2028Slug: gioi-thieu\n\nx\n",
                                              encoding="utf-8")
    os.mkfifo(folder / "pipe.md")
    code, out = check(content)
    assert code == 1
    assert "long_title.md:1: [lỗi] trường «Title»: tiêu đề dài 399 ký tự, quá 250 ký tự cho phép" in out
    assert "deep_quotes.md:8: [lỗi] nội dung lồng nhau quá sâu" in out
    assert "line_separator.md:5: [lỗi] trường «Summary»: có ký tự vô hình hoặc ký tự đảo chiều chữ (U+2028)" in out
    assert "pipe.md: [lỗi] không phải tệp thường" in out


def test_forbidden_characters_shortcut_misses_none():
    """``forbidden_characters`` answers at once for printable text: every
    character it names is non-printable, so the shortcut hides none."""
    import unicodedata

    from portal.text import BIDI, INVISIBLE

    named = [c for c in map(chr, range(0x110000))
             if c in BIDI or c in INVISIBLE or (unicodedata.category(c) == "Cc" and c != "\t")]
    assert len(named) > 80 and not any(c.isprintable() for c in named)
    for ch in named:
        assert forbidden_characters(f"Tết{ch}Sum vầy") == [f"U+{ord(ch):04X}"]
    assert forbidden_characters("Tết Sum vầy – Xuân chia sẻ\t2026") == []
    assert unsafe_markup("Chỉ có chữ (và ngoặc) [như thế] này.") == []
    assert [r.line for r in unsafe_markup("Đoạn.\n\n[bấm](javascript:alert(1))")] == [3]

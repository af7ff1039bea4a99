"""Pure Vietnamese helpers: NFC, slugs, collation, dates (no system locale)."""

import datetime as dt
import unicodedata

from portal.dates import TIMEZONE, iso, number, vn_date, vn_datetime, vn_long_date
from portal.text import fold, name_key, nfc, slugify, sort_key


def test_slug_transliterates_d_and_drops_marks():
    assert slugify("Công đoàn Tam Đường") == "cong-doan-tam-duong"
    assert slugify("Tết Sum vầy – Xuân chia sẻ") == "tet-sum-vay-xuan-chia-se"
    assert slugify("ĐẠI HỘI Đoàn viên") == "dai-hoi-doan-vien"


def test_slug_is_the_same_for_composed_and_decomposed_input():
    text = "Chợ Tết Công đoàn"
    assert slugify(unicodedata.normalize("NFD", text)) == slugify(text) == "cho-tet-cong-doan"


def test_fold_equates_case_spacing_and_normal_forms():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hoa")
    assert name_key("Nguyễn  Thị Hoa ") == name_key(decomposed) == name_key("nguyễn thị hoa")
    assert fold("TẾT SUM VẦY") == fold(unicodedata.normalize("NFD", "Tết Sum vầy"))
    assert nfc(decomposed) == "Nguyễn Thị Hoa"


def test_vietnamese_alphabetical_order():
    names = ["Đỗ Thị Hằng", "Dương Văn An", "Ánh", "Anh", "Ăn", "Âu", "Bình", "Ơn", "Ông", "Oanh", "Ưng", "Uyên"]
    ordered = sorted(names, key=sort_key)
    assert ordered == ["Anh", "Ánh", "Ăn", "Âu", "Bình", "Dương Văn An", "Đỗ Thị Hằng",
                       "Oanh", "Ông", "Ơn", "Uyên", "Ưng"]


def test_tones_order_ngang_huyen_hoi_nga_sac_nang():
    words = ["má", "mạ", "mả", "ma", "mã", "mà"]
    assert sorted(words, key=sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_units_sort_district_names():
    names = ["Liên đoàn Lao động huyện Than Uyên", "Liên đoàn Lao động huyện Tam Đường",
             "Liên đoàn Lao động huyện Tân Uyên"]
    assert sorted(names, key=sort_key) == [
        "Liên đoàn Lao động huyện Tam Đường",
        "Liên đoàn Lao động huyện Tân Uyên",
        "Liên đoàn Lao động huyện Than Uyên",
    ]


def test_dates_in_vietnamese_without_locale():
    when = dt.datetime(2024, 1, 20, 8, 30, tzinfo=TIMEZONE)
    assert vn_datetime(when) == "Thứ Bảy, 20/01/2024 08:30"
    assert vn_date(when) == "20/01/2024"
    assert vn_long_date(when) == "ngày 20 tháng 1 năm 2024"
    assert vn_datetime(dt.datetime(2025, 2, 2, 7, 5, tzinfo=TIMEZONE)) == "Chủ Nhật, 02/02/2025 07:05"
    assert iso(when) == "2024-01-20T08:30:00+07:00"


def test_utc_datetimes_are_shown_in_vietnam_time():
    when = dt.datetime(2024, 1, 20, 23, 30, tzinfo=dt.timezone.utc)
    assert vn_datetime(when) == "Chủ Nhật, 21/01/2024 06:30"


def test_number_format():
    assert number(1234) == "1.234"
    assert number(12.5, 1) == "12,5"


def _markdown_options():
    from pelican.settings import DEFAULT_CONFIG

    return DEFAULT_CONFIG["MARKDOWN"]


def test_reading_helper_converts_each_body_once_and_the_same_as_the_reader(monkeypatch):
    """plugins/vietnamese/ahead.py: bodies are claimed by whichever process
    reaches them first; what the child converted is the reader's own HTML
    (a body starting like a header stays a body); a body the child cannot
    convert comes back as None, for the reader to convert and report itself."""
    from plugins.vietnamese import ahead

    options = _markdown_options()
    bodies = {f"k{n}": f"Đoạn **{n}** về Tết Sum vầy.\n\nTitle: không phải tiêu đề {n}\n" for n in range(200)}
    bodies["deep"] = "hỏng"
    here = ahead.markdown_for_bodies(options)
    convert = ahead.convert_body

    def failing(md, body):
        if body == "hỏng":
            raise RecursionError("maximum recursion depth exceeded")
        return convert(md, body)

    monkeypatch.setattr(ahead, "convert_body", failing)  # in the forked child too
    helper = ahead.Ahead(bodies, options)  # (start() also asks can_fork(): other tests' threads may say no)
    try:
        mine = [key for key in sorted(bodies) if key != "deep" and helper.mine(key)]
        theirs = [key for key in sorted(bodies) if key not in mine]
        assert mine and theirs  # both processes took part
        for key in theirs:
            got = helper.take(key)
            if key == "deep":
                assert got is None
            else:
                assert got == convert(here, bodies[key]) and "Title:" in got
        assert helper.mine("not-a-body")  # a body it was not given: the reader's
    finally:
        helper.close()
    assert ahead.start(bodies, options, least=10_000) is None and ahead.start(bodies, options, least=0) is None


def test_reading_helper_that_dies_leaves_every_body_to_the_reader():
    from plugins.vietnamese import ahead

    bodies = {f"k{n}": "Một đoạn.\n" * 50 for n in range(3000)}
    helper = ahead.Ahead(bodies, _markdown_options())
    try:
        helper._process.kill()
        helper._process.join()
        for key in bodies:
            if not helper.mine(key):
                helper.take(key)  # what it sent before dying, then None: never a hang
        assert helper.take("k0") is None
    finally:
        helper.close()


def test_reader_hands_pelican_the_validated_dates_as_dateutil_would_parse_them():
    """The reader does not parse Date/Modified again: from the facts, the same
    naive SafeDatetime Pelican's own conversion gives (it adds the zone)."""
    import copy
    from types import SimpleNamespace

    from pelican.readers import MarkdownReader
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import SafeDatetime

    from plugins.vietnamese.reader import NFCMarkdownReader
    from portal.article import parse_datetime

    settings = copy.deepcopy(DEFAULT_CONFIG)
    ours, pelicans = NFCMarkdownReader(settings), MarkdownReader(settings)
    for raw in ("2025-01-20 08:30", "2024-02-29", "2026-12-31 23:59"):
        ours._facts = SimpleNamespace(date=parse_datetime(raw), modified=parse_datetime(raw))
        for name in ("date", "modified"):
            got, want = ours.process_metadata(name, raw), pelicans.process_metadata(name, raw)
            assert got == want and type(got) is SafeDatetime and got.tzinfo is None, (raw, name)
    ours._facts = None  # a page or campaign prose (no facts): Pelican's own conversion
    assert ours.process_metadata("date", "2025-01-20 08:30") == pelicans.process_metadata("date", "2025-01-20 08:30")

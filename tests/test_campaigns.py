"""Campaigns: matching, editions, landing pages, highlights, badges.

Expectations are computed here, independently of the plugin, from the
Markdown headers and campaigns.yml (own header parser, own NFC + casefold
matching, own slugs), then compared with the built HTML.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from conftest import ROOT, TEST_BUILD_DATE, check_content, make_content, read_html, run_pelican
from conftest import read_header as header

CONTENT = ROOT / "content"
BUILD_DAY = dt.date.fromisoformat(TEST_BUILD_DATE)


# --- independent model of the content -----------------------------------------

def key(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())


def ascii_slug(value: str) -> str:
    value = unicodedata.normalize("NFC", value).replace("đ", "d").replace("Đ", "D")
    value = "".join(c for c in unicodedata.normalize("NFD", value) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")




@dataclass
class Expected:
    url: str
    title: str
    when: dt.datetime
    unit: str | None
    source: str | None
    type: str
    authors: list[str]
    campaigns: set[str] = field(default_factory=set)


def load_campaigns(content: Path = CONTENT) -> list[dict]:
    return yaml.safe_load((content / "data" / "campaigns.yml").read_text(encoding="utf-8"))


def campaign_keys(campaigns: list[dict]) -> dict[str, str]:
    keys = {}
    for c in campaigns:
        for k in [c["id"], c["name"], *(c.get("aliases") or [])]:
            keys[key(str(k))] = c["id"]
    return keys


def published_articles(content: Path = CONTENT, today: dt.date = BUILD_DAY) -> list[Expected]:
    keys = campaign_keys(load_campaigns(content))
    out = []
    for path in sorted((content / "articles").rglob("*.md")):
        h = header(path)
        if h.get("status", "published").lower() != "published":
            continue
        fmt = "%Y-%m-%d %H:%M" if " " in h["date"] else "%Y-%m-%d"
        when = dt.datetime.strptime(h["date"], fmt)
        if when.date() > today:
            continue  # scheduled
        slug = h.get("slug") or ascii_slug(h["title"])
        art = Expected(f"tin-tuc/{when:%Y}/{when:%m}/{slug}/", h["title"], when, h.get("unit"), h.get("source"),
                       (h.get("type") or "tin").lower(), [a.strip() for a in h["authors"].split(",") if a.strip()])
        for value in h.get("campaign", "").split(","):
            if value.strip():
                art.campaigns.add(keys[key(value)])
        out.append(art)
    return out


def window(edition: dict) -> tuple[dt.date, dt.date]:
    return edition["start"], edition["end"]


def tagged(campaign_id: str, edition: dict | None = None, articles=None) -> list[Expected]:
    articles = published_articles() if articles is None else articles
    out = [a for a in articles if campaign_id in a.campaigns]
    if edition is not None:
        start, end = window(edition)
        out = [a for a in out if start <= a.when.date() <= end]
    return out


def main_article_links(site: Path, base: str) -> list[str]:
    """Article URLs linked from <main> on a landing page and all its pagination pages, in order."""
    pages = [site / base / "index.html"]
    pages += sorted((site / base / "trang").glob("*/index.html"), key=lambda p: int(p.parent.name))
    links = []
    for page in pages:
        main = read_html(page).find("main")
        for a in main.find_all("a", href=True):
            path = a["href"].split("://", 1)[-1].split("/", 1)[-1]
            if path.startswith("tin-tuc/") and path not in links:  # a card links its title and its image
                links.append(path)
    return links


# --- unit tests on the pure model ---------------------------------------------

def parse(raw):
    from portal.data.campaigns import parse_campaigns
    from portal.problems import Problems

    problems = Problems()
    return parse_campaigns(raw, "content/data/campaigns.yml", problems), problems


SAMPLE = load_campaigns()


def test_nfd_upper_case_alias_and_id_match_the_same_campaign():
    index, problems = parse(SAMPLE)
    assert not problems.errors
    for value in ["TẾT SUM VẦY", unicodedata.normalize("NFD", "Tết Sum vầy"), "tet-sum-vay", "Xuân chia sẻ",
                  "  tết   sum vầy – xuân chia sẻ ", unicodedata.normalize("NFD", "XUÂN CHIA SẺ")]:
        assert index.match(value).id == "tet-sum-vay", value
    assert index.match("CHỢ TẾT CÔNG ĐOÀN").id == "cho-tet-cong-doan"
    assert index.match("Tet sum vay") is None  # no accent stripping: only NFC + case folding


def test_campaigns_whose_slugs_collide_never_merge():
    raw = [{"id": "cho-tet", "name": "Chợ Tết", "message": "a", "editions": []},
           {"id": "cho-tet-vung-cao", "name": "Chờ Tết", "message": "b", "editions": []}]
    index, problems = parse(raw)
    assert not problems.errors
    assert index.match("chợ tết").id == "cho-tet"
    assert index.match("CHỜ TẾT").id == "cho-tet-vung-cao"
    assert set(index.suggest("cho tet")) == {"cho-tet", "cho-tet-vung-cao"}


def test_a_name_used_by_two_campaigns_is_an_error():
    raw = [{"id": "a", "name": "Tết Sum vầy", "message": "x", "editions": []},
           {"id": "b", "name": "Khác", "aliases": ["TẾT SUM VẦY"], "message": "y", "editions": []}]
    _, problems = parse(raw)
    assert [p.format() for p in problems.errors] == [
        "content/data/campaigns.yml: [lỗi] trường «aliases»: «TẾT SUM VẦY» của chiến dịch «b» trùng với "
        "id/tên/bí danh của «a» → mỗi id, tên hoặc bí danh chỉ được dùng cho một chiến dịch"]


def test_campaign_data_warnings_name_the_problem_and_the_fix():
    raw = [{"id": "tet", "name": "Tết, Xuân", "message": "x",
            "editions": [{"year": 2025, "start": dt.date(2026, 1, 1), "end": dt.date(2026, 2, 1)}]}]
    _, problems = parse(raw)
    assert not problems.errors
    assert [p.format() for p in problems.warnings] == [
        "content/data/campaigns.yml: [cảnh báo] trường «editions.year»: chiến dịch «tet»: đợt 2025 diễn ra "
        "01/01/2026–01/02/2026, không rơi vào năm 2025 → năm của đợt dùng trong đường dẫn chien-dich/<id>/<năm>/; "
        "kiểm tra lại năm hoặc ngày",
        "content/data/campaigns.yml: [cảnh báo] trường «name»: chiến dịch «tet»: «Tết, Xuân» có dấu phẩy nên không thể "
        "ghi trong «Campaign:» (các giá trị ở đó cách nhau bởi dấu phẩy) → bỏ dấu phẩy hoặc dùng id/bí danh khác",
    ]


def test_suggestions_are_the_closest_ids():
    index, _ = parse(SAMPLE)
    assert index.suggest("Tet sum vay")[0] == "tet-sum-vay"
    assert index.suggest("cho tet cong doan")[0] == "cho-tet-cong-doan"
    assert index.suggest("thang cong nhan 2025")[0] == "thang-cong-nhan"
    assert len(index.suggest("zzz")) == 3  # nothing close: still the three closest ids


def test_window_boundaries_are_inclusive_local_dates():
    from portal.data.campaigns import resolve_values
    from portal.dates import TIMEZONE

    index, _ = parse(SAMPLE)
    local = lambda s: dt.datetime.fromisoformat(s).replace(tzinfo=TIMEZONE)  # noqa: E731
    year = lambda refs: [(c.id, e.year if e else None) for c, e in refs]  # noqa: E731
    assert year(resolve_values(index, "thang-cong-nhan", local("2025-05-01 00:00"))) == [("thang-cong-nhan", 2025)]
    assert year(resolve_values(index, "thang-cong-nhan", local("2025-05-31 23:59"))) == [("thang-cong-nhan", 2025)]
    assert year(resolve_values(index, "thang-cong-nhan", local("2025-04-30 23:59"))) == [("thang-cong-nhan", None)]
    assert year(resolve_values(index, "thang-cong-nhan", local("2025-06-01 00:00"))) == [("thang-cong-nhan", None)]
    # 23:30 in Vietnam is 16:30 UTC the same day; 00:30 on 1 June in Vietnam is still 31 May in UTC.
    utc = dt.timezone.utc
    assert year(resolve_values(index, "thang-cong-nhan", dt.datetime(2025, 5, 31, 17, 30, tzinfo=utc))) == [("thang-cong-nhan", None)]
    assert year(resolve_values(index, "thang-cong-nhan", dt.datetime(2025, 4, 30, 17, 30, tzinfo=utc))) == [("thang-cong-nhan", 2025)]
    # Tết 2027 edition starts in December 2026.
    assert year(resolve_values(index, "TẾT SUM VẦY, tet-sum-vay, Chợ Tết", local("2026-12-15 07:00"))) == [
        ("tet-sum-vay", 2027), ("cho-tet-cong-doan", None)]


def test_status_and_home_highlights_follow_the_build_date():
    from plugins.campaigns.listing import highlights
    from plugins.campaigns.urls import CampaignUrls
    from plugins.campaigns.settings import DEFAULTS

    index, _ = parse(SAMPLE)
    urls = CampaignUrls(DEFAULTS)
    found = {h.campaign.id: (h.status, h.edition.year, h.days) for h in highlights(index, BUILD_DAY, 30, urls)}
    assert found == {"tet-sum-vay": ("upcoming", 2027, 24)}  # Bên nhau là Tết starts in 41 days
    found = {h.campaign.id: h.status for h in highlights(index, dt.date(2026, 1, 25), 30, urls)}
    assert found == {"tet-sum-vay": "running", "cho-tet-cong-doan": "running", "ben-nhau-la-tet": "running"}
    assert index.get("tet-sum-vay").status(dt.date(2026, 2, 28)) == "running"
    assert index.get("tet-sum-vay").status(dt.date(2026, 3, 1)) == "upcoming"
    assert index.get("cho-tet-cong-doan").status(dt.date(2026, 2, 15)) == "past"


def test_statistics_count_units_and_contributors_from_counted_articles_only():
    from plugins.campaigns.stats import compute_stats

    unit = lambda i, n: SimpleNamespace(id=i, name=n)  # noqa: E731
    a, b = unit("a", "Ban A"), unit("b", "Ban B")
    art = lambda u, authors, t="tin", counted=True, rep=False: SimpleNamespace(  # noqa: E731
        unit_ref=u, authors=authors, type=t, is_counted=counted, is_republished=rep)
    nfd = unicodedata.normalize("NFD", "LÒ VĂN THẮNG")
    stats = compute_stats([
        art(a, ["Lò Văn Thắng", "Nguyễn Thị Hoa"]),
        art(a, [nfd], "bai"),
        art(b, ["Thắng Lò"]),                                   # roster alias of Lò Văn Thắng
        art(None, ["Phóng viên báo"], "bai", counted=False, rep=True),
    ], canonical=lambda n: "Lò Văn Thắng" if n == "Thắng Lò" else n, type_labels={"tin": "Tin", "bai": "Bài viết"})
    assert (stats.articles, stats.republished, stats.counted) == (4, 1, 3)
    assert stats.contributors == 2
    assert [(r.unit.id, r.articles, r.contributors) for r in stats.units] == [("a", 2, 2), ("b", 1, 1)]
    assert [(t.label, t.articles) for t in stats.by_type] == [("Tin", 2), ("Bài viết", 2)]


# --- the sample site ------------------------------------------------------------

def test_every_campaign_has_a_landing_page_listing_exactly_its_published_articles(site):
    articles = published_articles()
    for campaign in SAMPLE:
        cid = campaign["id"]
        assert (site / "chien-dich" / cid / "index.html").is_file(), cid
        expected = tagged(cid, articles=articles)
        links = main_article_links(site, f"chien-dich/{cid}")
        assert sorted(links) == sorted(a.url for a in expected), cid
        pages = 1 + len(list((site / "chien-dich" / cid / "trang").glob("*/index.html")))
        assert pages == max(1, -(-len(expected) // 12)), cid  # CAMPAIGNS_PAGINATION = 12
        when = {a.url: a.when for a in expected}
        assert [when[u] for u in links] == sorted((when[u] for u in links), reverse=True), cid  # newest first


def test_every_edition_page_lists_exactly_the_articles_in_its_window(site):
    articles = published_articles()
    for campaign in SAMPLE:
        for edition in campaign["editions"]:
            base = f"chien-dich/{campaign['id']}/{edition['year']}"
            assert (site / base / "index.html").is_file(), base
            expected = tagged(campaign["id"], edition, articles)
            assert sorted(main_article_links(site, base)) == sorted(a.url for a in expected), base


def test_sample_edge_cases_nfd_upper_case_alias_boundaries_and_outside(site):
    by_file = {}
    for path in (CONTENT / "articles").rglob("*.md"):
        by_file[path] = header(path)
    raw = {p: p.read_text(encoding="utf-8") for p in by_file}
    nfd = [p for p, text in raw.items() if any(
        line.startswith("Campaign:") and unicodedata.normalize("NFC", line) != line for line in text.splitlines())]
    upper = [p for p, h in by_file.items() if h.get("campaign", "").isupper()]
    assert nfd and upper, "the sample should contain an NFD and an upper-case Campaign value"
    landing = {c["id"]: set(main_article_links(site, f"chien-dich/{c['id']}")) for c in SAMPLE}
    keys = campaign_keys(SAMPLE)
    for path in nfd + upper:
        h = by_file[path]
        cid = keys[key(h["campaign"])]
        assert any(u.endswith(f"/{h.get('slug') or ascii_slug(h['title'])}/") for u in landing[cid]), path
    # First day 07:00 and last day 22:45 of Tháng Công nhân 2025 are in the 2025 edition.
    edition = set(main_article_links(site, "chien-dich/thang-cong-nhan/2025"))
    days = {a.when for a in tagged("thang-cong-nhan") if a.url in edition}
    assert dt.datetime(2025, 5, 1, 7, 0) in days and dt.datetime(2025, 5, 31, 22, 45) in days
    # An article outside every window is on the landing page but on no edition page.
    for campaign in SAMPLE:
        outside = [a for a in tagged(campaign["id"])
                   if not any(e["start"] <= a.when.date() <= e["end"] for e in campaign["editions"])]
        editions = set()
        for e in campaign["editions"]:
            editions |= set(main_article_links(site, f"chien-dich/{campaign['id']}/{e['year']}"))
        for a in outside:
            assert a.url in landing[campaign["id"]] and a.url not in editions


def test_scheduled_and_draft_articles_are_not_listed(site):
    listed = set()
    for campaign in SAMPLE:
        listed |= set(main_article_links(site, f"chien-dich/{campaign['id']}"))
    for path in (CONTENT / "articles").rglob("*.md"):
        h = header(path)
        if "campaign" not in h:
            continue
        slug = h.get("slug") or ascii_slug(h["title"])
        when = h["date"][:10]
        if h.get("status", "published").lower() != "published" or when > TEST_BUILD_DATE:
            assert not any(u.endswith(f"/{slug}/") for u in listed), path


def test_landing_page_shows_name_slogan_status_editions_statistics_and_feeds(site):
    soup = read_html(site / "chien-dich/tet-sum-vay/index.html")
    main = soup.find("main")
    campaign = next(c for c in SAMPLE if c["id"] == "tet-sum-vay")
    assert main.find("h1").get_text(strip=True) == campaign["name"]
    # The slogan without the name it repeats («Tết Sum vầy – Xuân chia sẻ: không để …»).
    message = campaign["message"].removeprefix(campaign["name"]).lstrip(" :–")
    assert main.select_one(".campaign-message").get_text(strip=True) == message[:1].upper() + message[1:]
    status = " ".join(main.select_one(".campaign-status").get_text(" ", strip=True).split())
    assert status.startswith("Sắp diễn ra") and "15/12/2026" in status and "28/02/2027" in status
    assert [li.get_text(" ", strip=True).split(":")[0].strip() for li in main.select(".campaign-editions li")] == [
        f"Đợt {e['year']}" for e in campaign["editions"]]
    expected = tagged("tet-sum-vay")
    counted = [a for a in expected if a.unit and not a.source]
    stat = {dd["data-stat"]: dd.get_text(strip=True) for dd in main.select("dd[data-stat]")}
    assert stat["articles"] == str(len(expected))
    assert stat["units"] == str(len({a.unit for a in counted}))
    roster = yaml.safe_load((CONTENT / "data/contributors.yml").read_text(encoding="utf-8"))
    canon = {}
    for person in roster:
        for n in [person["name"], *(person.get("aliases") or [])]:
            canon[key(n)] = key(person["name"])
    people = {canon.get(key(n), key(n)) for a in counted for n in a.authors}
    assert stat["contributors"] == str(len(people))
    rows = {tr["data-unit"]: int(tr.find_all("td")[1].get_text()) for tr in main.select(".campaign-units tr[data-unit]")}
    assert rows == {u: sum(1 for a in counted if a.unit == u) for u in {a.unit for a in counted}}
    counts = list(rows.values())
    assert counts == sorted(counts, reverse=True)
    types = {tr["data-type"]: int(tr.td.get_text()) for tr in main.select(".campaign-types tr[data-type]")}
    assert types == {t: sum(1 for a in expected if a.type == t) for t in {a.type for a in expected}}
    assert main.select_one("#cach-tinh")  # the counting footnote
    img = main.select_one(".campaign-image img")
    assert img["alt"] == campaign["name"] and int(img["width"]) > 0 and int(img["height"]) > 0
    feeds = [a["href"] for a in main.select(".feeds a")]
    assert feeds == ["https://congdoanlaichau.example.vn/feeds/chien-dich/tet-sum-vay.rss.xml",
                     "https://congdoanlaichau.example.vn/feeds/chien-dich/tet-sum-vay.atom.xml"]
    alternates = {link["href"] for link in soup.head.find_all("link", rel="alternate")}
    assert set(feeds) <= alternates
    edition = read_html(site / "chien-dich/tet-sum-vay/2025/index.html")
    assert "feeds/chien-dich/tet-sum-vay/2025.rss.xml" in str(edition.select_one(".feeds"))
    assert "Đã kết thúc" in edition.select_one(".campaign-status").get_text()


def test_feed_links_point_at_written_feeds(site):
    pages = [site / "chien-dich" / c["id"] / "index.html" for c in SAMPLE]
    pages += [site / "chien-dich" / c["id"] / str(e["year"]) / "index.html" for c in SAMPLE for e in c["editions"]]
    for page in pages:
        main = read_html(page).find("main")
        for a in main.select(".feeds a"):
            assert (site / a["href"].split("example.vn/", 1)[1]).is_file(), (page, a["href"])


def test_campaign_index_groups_running_upcoming_past(site):
    main = read_html(site / "chien-dich/index.html").find("main")
    groups = [(s["data-status"], [li["data-campaign"] for li in s.select("li.campaign-card")])
              for s in main.select("section.campaign-group")]
    today = BUILD_DAY
    expected = {"running": [], "upcoming": [], "past": []}
    for c in SAMPLE:
        eds = c["editions"]
        if any(e["start"] <= today <= e["end"] for e in eds):
            expected["running"].append(c["id"])
        elif any(e["start"] > today for e in eds):
            expected["upcoming"].append(c["id"])
        else:
            expected["past"].append(c["id"])
    assert [g for g, _ in groups] == [s for s in ("running", "upcoming", "past") if expected[s]]
    assert {g: set(ids) for g, ids in groups} == {s: set(ids) for s, ids in expected.items() if ids}
    upcoming = dict(groups)["upcoming"]
    starts = [min(e["start"] for e in c["editions"] if e["start"] > today) for cid in upcoming
              for c in SAMPLE if c["id"] == cid]
    assert starts == sorted(starts)
    card = main.select_one('li[data-campaign="tet-sum-vay"]')
    assert "15/12/2026" in card.select_one(".campaign-status").get_text()
    assert f"{len(tagged('tet-sum-vay'))}" == card.select_one(".campaign-count strong").get_text()


def test_home_page_highlights_upcoming_campaign_on_the_test_build_date(site):
    strip = read_html(site / "index.html").select_one(".campaign-strip")
    assert strip is not None
    items = {li["data-campaign"]: li["data-status"] for li in strip.select("li.campaign-highlight")}
    assert items == {"tet-sum-vay": "upcoming"}
    assert "15/12/2026" in strip.get_text()


def test_home_page_highlights_running_campaigns_on_a_fixed_date(tmp_path):
    out = tmp_path / "output"
    run_pelican(out, extra={"PORTAL_BUILD_DATE": "2026-01-25"})
    strip = read_html(out / "index.html").select_one(".campaign-strip")
    items = {li["data-campaign"]: li["data-status"] for li in strip.select("li.campaign-highlight")}
    assert items == {"tet-sum-vay": "running", "cho-tet-cong-doan": "running", "ben-nhau-la-tet": "running"}
    main = read_html(out / "chien-dich/index.html").find("main")
    assert main.select("section.campaign-group")[0]["data-status"] == "running"
    landing = read_html(out / "chien-dich/cho-tet-cong-doan/index.html").find("main")
    assert landing.select_one(".campaign-status").get_text(" ", strip=True).startswith("Đang diễn ra")
    # On that day only what was published by 25/01/2026 is listed.
    expected = tagged("tet-sum-vay", articles=published_articles(today=dt.date(2026, 1, 25)))
    assert sorted(main_article_links(out, "chien-dich/tet-sum-vay")) == sorted(a.url for a in expected)


def test_article_pages_show_campaign_badges_linking_to_landing_pages(site):
    seen = 0
    for a in published_articles():
        if not a.campaigns:
            continue
        soup = read_html(site / a.url / "index.html")
        badges = {li["data-campaign"]: li.a["href"] for li in soup.select(".campaign-badges li")}
        assert badges == {cid: f"https://congdoanlaichau.example.vn/chien-dich/{cid}/" for cid in a.campaigns}, a.url
        seen += 1
    assert seen


def test_landing_article_lists_sit_in_main_and_nowhere_else(site):
    for page in (site / "chien-dich").rglob("index.html"):
        soup = read_html(page)
        for a in soup.find_all("a", href=re.compile(r"/tin-tuc/")):
            assert a.find_parent(["main", "aside", "nav"]) is not None, (page, a["href"])


# --- tiny sites built for one scenario ----------------------------------------------

def tiny_content(tmp_path: Path, articles: dict[str, str], extra_campaigns: str = "") -> Path:
    """The sample data files and campaign images plus the given articles (paths
    relative to articles/) and campaigns appended to campaigns.yml."""
    from PIL import Image

    content = make_content(tmp_path, articles)
    for campaign in load_campaigns():
        image = content / campaign.get("image", "") if campaign.get("image") else None
        if image and not image.exists():
            image.parent.mkdir(parents=True, exist_ok=True)
            Image.new("RGB", (8, 4)).save(image)
    if extra_campaigns:
        with (content / "data" / "campaigns.yml").open("a", encoding="utf-8") as f:
            f.write("\n" + extra_campaigns)
    return content


def article(title: str, date: str, campaign: str, unit: str = "tam-duong") -> str:
    return f"Title: {title}\nDate: {date}\nAuthors: Nguyễn Thị Hoa\nUnit: {unit}\nCampaign: {campaign}\n\nNội dung.\n"


cli_check = check_content  # `invoke check`'s entry point, in process


def test_unknown_campaign_value_is_an_error_naming_the_closest_ids(tmp_path):
    content = tiny_content(tmp_path, {
        "2025/01/khong-dau.md": article("Bài không dấu", "2025-01-10 08:00", "Tet sum vay"),
        "2025/01/go-nham.md": article("Bài gõ nhầm", "2025-01-11 08:00", "tet-sum-vay, Chợ Tết Công đòan"),
    })
    proc = cli_check(content)
    assert proc.returncode == 1, proc.stdout
    assert ("articles/2025/01/khong-dau.md:5: [lỗi] trường «Campaign»: chiến dịch «Tet sum vay» không có trong "
            "content/data/campaigns.yml → dùng id, tên hoặc bí danh của chiến dịch; có phải ý bạn là: tet-sum-vay") in proc.stdout
    assert ("articles/2025/01/go-nham.md:5: [lỗi] trường «Campaign»: chiến dịch «Chợ Tết Công đòan» không có trong "
            "content/data/campaigns.yml → dùng id, tên hoặc bí danh của chiến dịch; có phải ý bạn là: cho-tet-cong-doan") in proc.stdout
    assert "Tổng cộng: 2 lỗi" in proc.stdout
    build = run_pelican(tmp_path / "output", content=content, check=False)
    assert build.returncode != 0
    assert "Tet sum vay" in build.stdout + build.stderr


def test_tiny_site_matching_boundaries_and_colliding_slugs(tmp_path):
    extra = """
- id: phien-cho-tet
  name: Phiên chợ Tết
  message: Phiên chợ Tết thử nghiệm
  editions:
    - {year: 2025, start: 2025-01-01, end: 2025-01-31}
- id: phien-cho-tet-2
  name: Phiên chờ Tết
  message: Những người chờ Tết
  editions:
    - {year: 2025, start: 2025-01-01, end: 2025-01-31}
"""
    nfd = unicodedata.normalize("NFD", "Tết Sum vầy")
    content = tiny_content(tmp_path, {
        "2026/01/ngay-dau.md": article("Ngày đầu đợt", "2026-01-01 00:05", "TẾT SUM VẦY"),
        "2026/02/ngay-cuoi.md": article("Ngày cuối đợt", "2026-02-28 23:50", nfd),
        "2026/03/sau-dot.md": article("Sau đợt một ngày", "2026-03-01 00:10", "tet-sum-vay"),
        "2025/01/cho.md": article("Bài về phiên chợ", "2025-01-15 08:00", "phiên chợ tết"),
        "2025/01/cho-2.md": article("Bài về người chờ", "2025-01-16 08:00", "PHIÊN CHỜ TẾT"),
    }, extra)
    proc = cli_check(content)
    assert proc.returncode == 0, proc.stdout
    assert ("articles/2026/03/sau-dot.md:5: [cảnh báo] trường «Campaign»: ngày đăng 01/03/2026 nằm ngoài mọi đợt "
            "của chiến dịch «tet-sum-vay»") in proc.stdout
    out = tmp_path / "output"
    run_pelican(out, content=content)
    url = lambda y, m, s: f"tin-tuc/{y}/{m}/{s}/"  # noqa: E731
    first, last, after = url(2026, "01", "ngay-dau-dot"), url(2026, "02", "ngay-cuoi-dot"), url(2026, "03", "sau-dot-mot-ngay")
    assert main_article_links(out, "chien-dich/tet-sum-vay") == [after, last, first]
    assert sorted(main_article_links(out, "chien-dich/tet-sum-vay/2026")) == sorted([first, last])
    # "Phiên chợ Tết" and "Phiên chờ Tết" share the slug phien-cho-tet: still two campaigns.
    assert main_article_links(out, "chien-dich/phien-cho-tet") == [url(2025, "01", "bai-ve-phien-cho")]
    assert main_article_links(out, "chien-dich/phien-cho-tet-2") == [url(2025, "01", "bai-ve-nguoi-cho")]
    notes = [p.get_text(strip=True) for p in read_html(out / "chien-dich/tet-sum-vay/index.html").select("main .campaign-edition-note")]
    assert notes == ["Ngoài các đợt", "Đợt 2026", "Đợt 2026"]


def test_landing_prose_comes_from_markdown_and_is_not_a_page(tmp_path):
    content = tiny_content(tmp_path, {"2025/01/a.md": article("Bài A", "2025-01-10 08:00", "tet-sum-vay")})
    prose = content / "campaigns"
    prose.mkdir()
    (prose / "tet-sum-vay.md").write_text(unicodedata.normalize("NFD", "Chương trình **chăm lo Tết** cho đoàn viên.\n"),
                                          encoding="utf-8")
    (prose / "khong-co.md").write_text("Lạc chỗ.\n", encoding="utf-8")
    proc = cli_check(content)
    assert "campaigns/khong-co.md: [cảnh báo] không có chiến dịch nào có id «khong-co»" in proc.stdout
    out = tmp_path / "output"
    run_pelican(out, content=content)
    main = read_html(out / "chien-dich/tet-sum-vay/index.html").find("main")
    assert str(main.select_one(".campaign-prose strong")) == "<strong>chăm lo Tết</strong>"
    assert not list(out.rglob("*khong-co*")) and not (out / "tet-sum-vay").exists()


def test_missing_campaign_image_is_an_error(tmp_path):
    content = tiny_content(tmp_path, {"2025/01/a.md": article("Bài A", "2025-01-10 08:00", "tet-sum-vay")})
    image = next(c["image"] for c in load_campaigns() if c["id"] == "tet-sum-vay")
    (content / image).unlink()
    proc = cli_check(content)
    assert proc.returncode == 1
    assert (f"[lỗi] trường «image»: chiến dịch «tet-sum-vay»: không tìm thấy ảnh «{image}» trong content/") in proc.stdout

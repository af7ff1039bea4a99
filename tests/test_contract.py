"""The content contract: every validation rule has a fixture and its Vietnamese message.

Fixtures live in tests/fixtures/invalid_articles/ (one article per rule, named
after the scenario). Each is checked alone with `invoke check`'s entry point
(in process), then all together with the real `python -m plugins.contract.cli`
to prove every problem is reported in one run and the command exits 1.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import check_cli, check_content, make_content, run_pelican

FIXTURES = Path(__file__).parent / "fixtures"

EXPECTED = {
    "article_without_title.md": ["trường «Title»: thiếu tiêu đề", "thêm dòng «Title: Tiêu đề bài viết»"],
    "article_with_bad_date.md": ["trường «Date»: ngày «10/01/2025» không hợp lệ",
                                 "viết theo dạng YYYY-MM-DD hoặc YYYY-MM-DD HH:MM"],
    "article_with_impossible_date.md": ["trường «Date»: ngày «2025-02-30 08:00» không hợp lệ"],
    "article_with_unknown_unit.md": ["trường «Unit»: đơn vị «tam-duonq» không có trong content/data/units.yml",
                                     "có phải ý bạn là: tam-duong"],
    "article_with_unknown_campaign.md": ["trường «Campaign»: chiến dịch «tet-sum-vai» không có trong content/data/campaigns.yml",
                                         "có phải ý bạn là: tet-sum-vay"],
    "article_without_authors.md": ["trường «Authors»: thiếu tác giả"],
    "article_without_unit_or_source.md": ["trường «Unit»: thiếu đơn vị đưa tin"],
    "article_with_unknown_type.md": ["trường «Type»: loại bài «phongsu» không hợp lệ",
                                     "dùng một trong: tin, bai, phong-su, anh, video, infographic"],
    "article_with_unknown_status.md": ["trường «Status»: trạng thái «publish» không hợp lệ",
                                       "dùng một trong: published, draft, hidden"],
    "article_with_bad_slug.md": ["trường «Slug»: slug «Công đoàn Tam Đường» không hợp lệ",
                                 "ví dụ «cong-doan-tam-duong»"],
    "article_with_malformed_header_line.md": [":3: [lỗi] dòng tiêu đề không đúng dạng «Khóa: giá trị»: «Tác giả: Nguyễn Thị Hoa»"],
    "article_with_modified_before_date.md": ["trường «Modified»: ngày sửa trước ngày đăng"],
    "article_video_without_url.md": ["trường «Video»: bài loại video nhưng thiếu «Video»"],
    "article_with_image_without_alt.md": ["trường «Image»: ảnh đại diện thiếu mô tả thay thế"],
    "article_with_source_url_not_http.md": ["trường «Source_url»: địa chỉ «laodong.vn/bai-viet» không hợp lệ"],
    "article_with_duplicate_field.md": [":3: [lỗi] trường «Date»: trường bị khai báo hai lần"],
}


VALID = """Title: Công đoàn Tam Đường thăm công nhân chè
Date: 2025-01-12 08:00
Authors: Nguyễn Thị Hoa
Unit: tam-duong
Campaign: tet-sum-vay

Bài hợp lệ.
"""


check = check_content  # `invoke check`'s entry point, in process (content trees from conftest.make_content)


def fixture_text(name: str) -> str:
    return (FIXTURES / "invalid_articles" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_rule_reports_file_field_and_fix_in_vietnamese(tmp_path, name):
    content = make_content(tmp_path, {"hop-le.md": VALID, name: fixture_text(name)})
    proc = check(content)
    assert proc.returncode == 1, proc.stdout
    assert f"articles/2025/01/{name}" in proc.stdout
    for piece in EXPECTED[name]:
        assert piece in proc.stdout, f"missing {piece!r} in:\n{proc.stdout}"
    assert "hop-le.md" not in proc.stdout
    assert "KẾT QUẢ: CÓ LỖI" in proc.stdout


def test_every_problem_is_reported_in_one_run(tmp_path):
    content = make_content(tmp_path, {name: fixture_text(name) for name in EXPECTED})
    proc = check_cli(content)  # the real command: its exit status and output
    assert proc.returncode == 1
    for pieces in EXPECTED.values():
        for piece in pieces:
            assert piece in proc.stdout
    errors = sum(1 for line in proc.stdout.splitlines() if "[lỗi]" in line)
    assert errors >= len(EXPECTED)
    assert f"Tổng cộng: {errors} lỗi" in proc.stdout


def test_two_articles_with_the_same_output_path_are_an_error(tmp_path):
    folder = FIXTURES / "two_articles_same_path"
    content = make_content(tmp_path, {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.md")})
    proc = check(content)
    assert proc.returncode == 1
    assert "trùng đường dẫn đầu ra «tin-tuc/2025/01/trao-qua-tet-cho-cong-nhan/index.html»" in proc.stdout
    assert "a.md" in proc.stdout and "b.md" in proc.stdout


def test_unknown_field_and_date_outside_campaign_window_are_warnings(tmp_path):
    text = VALID.replace("Date: 2025-01-12 08:00", "Date: 2025-06-12 08:00").replace(
        "Campaign: tet-sum-vay", "Campaign: tet-sum-vay\nCatgory: Hoạt động công đoàn")
    proc = check(make_content(tmp_path, {"canh-bao.md": text}))
    assert proc.returncode == 0, proc.stdout
    assert "[cảnh báo] trường «Catgory»: trường lạ → có phải ý bạn là «Category»?" in proc.stdout
    assert "nằm ngoài mọi đợt của chiến dịch «tet-sum-vay»" in proc.stdout
    assert "KẾT QUẢ: HỢP LỆ" in proc.stdout


def test_sample_content_is_valid():
    proc = check_cli()  # the real command, with the settings' own content folder
    assert proc.returncode == 0, proc.stdout
    assert "[lỗi]" not in proc.stdout


def test_failed_build_names_the_file_and_keeps_the_last_good_output(tmp_path):
    content = make_content(tmp_path, {"hop-le.md": VALID})
    out = tmp_path / "output"
    run_pelican(out, content=content)
    home = (out / "index.html").read_bytes()
    page = out / "tin-tuc/2025/01/cong-doan-tam-duong-tham-cong-nhan-che/index.html"
    assert page.is_file()

    bad = VALID.replace("Unit: tam-duong", "Unit: khong-co-don-vi-nay").replace("thăm công nhân chè", "bài lỗi")
    (content / "articles/2025/01/bai-loi.md").write_text(bad, encoding="utf-8")
    proc = run_pelican(out, content=content, check=False)
    assert proc.returncode != 0
    log = proc.stdout + proc.stderr
    assert "bai-loi.md" in log and "khong-co-don-vi-nay" in log
    assert (out / "index.html").read_bytes() == home
    assert page.is_file()


def test_scheduled_and_draft_articles_are_not_published(tmp_path):
    future = VALID.replace("Date: 2025-01-12 08:00", "Date: 2026-11-22 06:00").replace("thăm công nhân chè", "hẹn giờ đăng")
    draft = VALID.replace("Title: Công đoàn Tam Đường thăm công nhân chè", "Title: Bản nháp\nStatus: draft")
    today = VALID.replace("Date: 2025-01-12 08:00", "Date: 2026-11-21 23:30").replace("thăm công nhân chè", "đăng cuối ngày")
    content = make_content(tmp_path, {"hen-gio.md": future, "nhap.md": draft, "hom-nay.md": today})
    out = tmp_path / "output"
    run_pelican(out, content=content)
    written = {p.parent.name for p in out.glob("tin-tuc/*/*/*/index.html")}
    assert written == {"cong-doan-tam-duong-dang-cuoi-ngay"}
    assert not list(out.rglob("*nhap*")) and not list(out.rglob("*hen-gio*"))


def test_invoke_new_scaffolds_a_valid_article(tmp_path):
    content = make_content(tmp_path, {})
    from portal.scaffold import ScaffoldError, scaffold_article

    path = scaffold_article(content, title="Đoàn viên Sìn Hồ đón Tết sớm", unit="sin-ho",
                            campaign="TẾT SUM VẦY", authors="Nguyễn Thị Hoa", date="2025-01-15 09:00")
    assert path == content / "articles/2025/01/doan-vien-sin-ho-don-tet-som.md"
    text = path.read_text(encoding="utf-8")
    assert "Campaign: tet-sum-vay" in text and "Unit: sin-ho" in text
    assert check(content).returncode == 0
    with pytest.raises(ScaffoldError, match="Đơn vị «sin-hoo» không có trong units.yml; có phải ý bạn là: sin-ho"):
        scaffold_article(content, title="Bài khác", unit="sin-hoo")


CAMPAIGN_ERRORS = [
    "content/data/campaigns.yml:7: [lỗi] trường «id»: id «tet-sum-vay» bị trùng → mỗi chiến dịch cần một id riêng",
    "content/data/campaigns.yml:11: [lỗi] trường «id»: chiến dịch «Chợ Tết»: id phải là chữ thường không dấu, số và gạch nối",
    "content/data/campaigns.yml:15: [lỗi] trường «message»: chiến dịch «thang-cong-nhan»: thiếu thông điệp (khẩu hiệu) của chiến dịch",
    "chiến dịch «thang-cong-nhan», đợt 2025: ngày kết thúc 2025-05-01 trước ngày bắt đầu 2025-05-31 → sửa lại ngày",
    "chiến dịch «thang-cong-nhan»: đợt năm 2026 bị khai báo hai lần",
    "«TẾT SUM VẦY – XUÂN CHIA SẺ» của chiến dịch «cho-tet-cong-doan» trùng với id/tên/bí danh của «tet-sum-vay»",
    "chiến dịch «cho-tet-cong-doan», đợt 2024: ngày bắt đầu/kết thúc phải có dạng YYYY-MM-DD",
    "chiến dịch «ky-niem»: thiếu danh sách đợt (editions)",
]


def test_every_campaigns_yml_problem_is_reported_with_its_line(tmp_path):
    content = make_content(tmp_path, {})
    shutil.copy(FIXTURES / "campaigns_with_every_error" / "campaigns.yml", content / "data" / "campaigns.yml")
    proc = check(content)
    assert proc.returncode == 1
    for piece in CAMPAIGN_ERRORS:
        assert piece in proc.stdout, f"missing {piece!r} in:\n{proc.stdout}"


def test_yaml_syntax_error_names_file_and_line_and_other_files_are_still_checked(tmp_path):
    content = make_content(tmp_path, {"khong-don-vi.md": VALID.replace("Unit: tam-duong", "Unit: tam-duonq")})
    shutil.copy(FIXTURES / "data_with_yaml_syntax_error" / "units.yml", content / "data" / "units.yml")
    proc = check(content)
    assert proc.returncode == 1
    assert "content/data/units.yml:3: [lỗi] lỗi cú pháp YAML" in proc.stdout
    assert "sửa cú pháp YAML (thụt lề bằng dấu cách, «khóa: giá trị»)" in proc.stdout
    assert "content/articles/2025/01/khong-don-vi.md" in proc.stdout  # articles are still checked


def test_missing_data_file_is_reported(tmp_path):
    content = make_content(tmp_path, {})
    (content / "data" / "contributors.yml").unlink()
    proc = check(content)
    assert proc.returncode == 1
    assert "content/data/contributors.yml: [lỗi] không tìm thấy tệp dữ liệu → tạo tệp contributors.yml theo mẫu ở mục «Tệp dữ liệu» trong README.md" in proc.stdout


def test_page_without_title_is_an_error(tmp_path):
    content = make_content(tmp_path, {"hop-le.md": VALID})
    (content / "pages").mkdir()
    (content / "pages" / "lien-he.md").write_text("Slug: lien-he\n\nGọi đường dây nóng.\n", encoding="utf-8")
    proc = check(content)
    assert proc.returncode == 1
    assert "content/pages/lien-he.md:1: [lỗi] trường «Title»: trang thiếu tiêu đề" in proc.stdout


_SPLIT_SCRIPT = r"""
import sys
from pelican.settings import read_settings
from portal.settings import merge_all
import portal.load as load

settings = merge_all(read_settings(sys.argv[1], override={"PATH": sys.argv[2], "PORTAL_BUILD_DATE": "2025-03-01"}))

def view(rec, portal):
    plain = {k: v for k, v in vars(rec).items() if k not in ("unit_ref", "campaigns", "header")}
    plain["unit_ref"] = rec.unit_ref is (portal.units[rec.unit] if rec.unit else None) and rec.unit_ref is not None
    plain["campaigns"] = [(c.id, c is portal.campaigns.get(c.id), None if e is None else
                           (e.year, any(e is x for x in c.editions))) for c, e in rec.campaigns]
    plain["header"] = (rec.header.fields, rec.header.body)
    return plain

import portal.parallel as parallel
load.SPLIT_FROM = 2
assert parallel.can_fork()  # a fresh interpreter: no other thread
answers = []
result = parallel.Forked.result
parallel.Forked.result = lambda self: answers.append(result(self)) or answers[-1]
split = load.check_all(settings)
parallel.Forked.result = result
assert len(answers) == 1 and answers[0] is not None  # the child's half was used, not done again here
load.SPLIT_FROM = 10 ** 9
serial = load.check_all(settings)
assert [p.format() for p in split[2].items] == [p.format() for p in serial[2].items]
assert [view(r, split[0]) for r in split[1]] == [view(r, serial[0]) for r in serial[1]]
assert any(r.unit_ref is not None for r in split[1]) and any(r.campaigns for r in split[1])
assert split[2].errors
print("ok", len(split[1]))
"""


def test_articles_validated_in_two_processes_equal_one_process(tmp_path):
    """From SPLIT_FROM articles on, a forked child validates the second half:
    the same facts (linked to this process's units and campaigns) and the
    same problems in the same order as one process. In a fresh interpreter:
    a test worker may run other threads, and then nothing is forked."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    files = {name: fixture_text(name) for name in EXPECTED}
    files.update({f"hop-le-{i}.md": VALID.replace("Title: ", f"Title: Bài {i} ") for i in range(6)})
    content = make_content(tmp_path, files)
    proc = subprocess.run([sys.executable, "-c", _SPLIT_SCRIPT, str(ROOT / "publishconf.py"), str(content)],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          timeout=300)
    assert proc.returncode == 0 and proc.stdout.startswith("ok"), proc.stderr[-3000:]


_FORKED_SCRIPT = r"""
import os, signal
from portal.parallel import Forked

def double(x):
    return [x, x]

def fail():
    raise ValueError("hỏng")

def die():
    os.kill(os.getpid(), signal.SIGKILL)

assert Forked(double, "Tết").result() == ["Tết", "Tết"]
assert Forked(fail).result() is None      # the caller then does the work itself
assert Forked(die).result() is None
print("ok")
"""


def test_forked_work_comes_back_or_is_left_to_the_caller(tmp_path):
    """portal.parallel.Forked: a result comes back; an exception or a killed
    child gives None, so the caller does that part itself and nothing is lost."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    proc = subprocess.run([sys.executable, "-c", _FORKED_SCRIPT], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-2000:]

"""The federation's identity file (content/data/identity.yml): validation,
sample/missing values reported for `invoke check` and `invoke publish`."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import ROOT
from portal.identity import FIELDS, Identity, identity_problems, is_sample, load_identity

REAL = {
    "name": "Liên đoàn Lao động tỉnh Lai Châu",
    "address": "Số 18 đường Trần Phú, phường Tân Phong, tỉnh Lai Châu",
    "hotline": "0213 3876 543",
    "email": "bantuyengiao@ldld-laichau.vn",
    "licence": "Giấy phép số 12/GP-TTĐT do Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu cấp ngày 03/3/2025",
    "responsible": "Lò Thị Mai – Phó Chủ tịch LĐLĐ tỉnh",
    "facebook": "https://www.facebook.com/congdoanlaichau",
    "zalo": "https://zalo.me/2384756192837465123",
}


def write(tmp_path: Path, text: str | None) -> dict:
    data = tmp_path / "content" / "data"
    data.mkdir(parents=True)
    if text is not None:
        (data / "identity.yml").write_text(text, encoding="utf-8")
    return {"PATH": str(tmp_path / "content"), "CONTRACT_DATA_DIR": "data"}


def as_yaml(values: dict) -> str:
    return "".join(f'{k}: "{v}"\n' for k, v in values.items())


def test_real_values_give_no_problem(tmp_path):
    settings = write(tmp_path, as_yaml(REAL))
    assert identity_problems(settings) == []
    identity, errors, warnings = load_identity(settings)
    assert not errors.items and not warnings.items
    assert identity.hotline == "0213 3876 543" and identity.tel == "02133876543"


def test_the_sample_file_is_reported_field_by_field():
    problems = identity_problems({"PATH": str(ROOT / "content"), "CONTRACT_DATA_DIR": "data"})
    # Every field but the name is a sample value in the shipped sample site.
    assert len(problems) == len(FIELDS) - 1
    hotline = next(p for p in problems if "«hotline»" in p)
    assert "content/data/identity.yml" in hotline and "1900 0000" in hotline and "giá trị mẫu" in hotline
    assert "→" in hotline  # says what to do
    identity, errors, _ = load_identity({"PATH": str(ROOT / "content"), "CONTRACT_DATA_DIR": "data"})
    assert not errors.items and identity.name == "Liên đoàn Lao động tỉnh Lai Châu"


def test_placeholder_hotline_alone_is_refused(tmp_path):
    settings = write(tmp_path, as_yaml({**REAL, "hotline": "1900 0000"}))
    problems = identity_problems(settings)
    assert len(problems) == 1 and "«hotline»" in problems[0] and "đường dây nóng" in problems[0]


def test_missing_fields_and_missing_file(tmp_path):
    values = {k: v for k, v in REAL.items() if k not in ("licence", "zalo")}
    problems = identity_problems(write(tmp_path / "a", as_yaml(values)))
    assert len(problems) == 2
    assert any("«licence»" in p and "thiếu dòng giấy phép" in p for p in problems)
    assert any("«zalo»" in p and "thiếu Zalo OA" in p for p in problems)
    missing = identity_problems(write(tmp_path / "b", None))
    assert len(missing) == 1 and "identity.yml" in missing[0] and "không có tệp" in missing[0]


def test_invalid_values_are_errors_all_at_once(tmp_path):
    bad = {**REAL, "hotline": "gọi ban biên tập", "email": "bientap(at)ldld", "facebook": "http://facebook.com/x",
           "zalo": "https://evil.example/zalo", "name": "<b>LĐLĐ</b>"}
    settings = write(tmp_path, as_yaml(bad) + "fanpage: https://www.facebook.com/x\n")
    identity, errors, _ = load_identity(settings)
    fields_in_error = {p.field for p in errors.items}
    assert fields_in_error == {"hotline", "email", "facebook", "zalo", "name", "fanpage"}
    assert identity == Identity(address=REAL["address"], licence=REAL["licence"], responsible=REAL["responsible"])
    assert len(identity_problems(settings)) >= 6


def test_yaml_syntax_error_is_named(tmp_path):
    problems = identity_problems(write(tmp_path, "hotline: [\n"))
    assert len(problems) == 1 and "identity.yml" in problems[0]


@pytest.mark.parametrize("key,value", [
    ("hotline", "0213 000 0000"), ("hotline", "1111 1111"), ("email", "a@example.com"), ("email", "b@ldld.test"),
    ("address", "số 1 đường ABC (địa chỉ minh họa)"), ("facebook", "https://www.facebook.com/example"),
    ("responsible", "Nguyễn Văn ..."),
])
def test_sample_patterns(key, value):
    assert is_sample(key, value)


@pytest.mark.parametrize("key", list(REAL))
def test_real_values_are_not_samples(key):
    assert not is_sample(key, REAL[key])


def test_invoke_check_warns_for_sample_identity_and_an_invalid_one_fails(tmp_path):
    from helpers import check_cli, make_content

    content = make_content(tmp_path / "sample")
    proc = check_cli(content)
    assert proc.returncode == 0, proc.stdout
    assert "identity.yml:7: [cảnh báo] trường «hotline»: đường dây nóng «1900 0000» vẫn là giá trị mẫu" in proc.stdout
    assert "KẾT QUẢ: HỢP LỆ." in proc.stdout
    broken = make_content(tmp_path / "broken")
    (broken / "data" / "identity.yml").write_text(as_yaml({**REAL, "email": "khong-phai-email"}), encoding="utf-8")
    proc = check_cli(broken)
    assert proc.returncode == 1
    assert "[lỗi] trường «email»: thư điện tử «khong-phai-email» không phải địa chỉ thư điện tử" in proc.stdout

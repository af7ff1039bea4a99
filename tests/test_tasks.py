"""The invoke tasks editors and deployers run: check and publish."""

from __future__ import annotations

import shutil

import pytest

from conftest import run_invoke as invoke


def test_invoke_check_passes_on_the_sample_and_reports_counts():
    proc = invoke("check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "KẾT QUẢ: HỢP LỆ." in proc.stdout
    assert "Đã kiểm tra" in proc.stdout


def test_invoke_lists_every_documented_task():
    listing = invoke("--list").stdout
    for name in ("build", "rebuild", "serve", "livereload", "check", "new", "test", "benchmark", "publish",
                 "gates", "rollback", "pending"):
        assert f"  {name}" in listing


def test_publish_without_a_target_explains_what_to_set(tmp_path):
    proc = invoke("publish", env={"PORTAL_PUBLISH_TARGET": "", "PORTAL_OUTPUT": str(tmp_path / "out")})
    assert proc.returncode == 1
    assert "PORTAL_PUBLISH_TARGET" in proc.stderr + proc.stdout


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed (bootstrap installs it)")
def test_publish_builds_the_production_site_gates_it_and_switches_current(tmp_path):
    target = tmp_path / "www"
    proc = invoke("publish", "--target", str(target), env={"PORTAL_OUTPUT": str(tmp_path / "out")})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "✓ Liên kết và ảnh nội bộ: đạt" in proc.stdout
    assert "==> Đang phục vụ releases/" in proc.stdout
    home = (target / "current" / "index.html").read_text(encoding="utf-8")
    assert 'lang="vi"' in home
    assert "https://congdoanlaichau.example.vn/" in home  # publishconf's SITEURL
    assert (target / "current").is_symlink() and len(list((target / "releases").iterdir())) == 1
    current = target / "current"
    assert (current / "sitemap.xml").is_file() and (current / "feeds" / "tat-ca.rss.xml").is_file()
    assert (current / "index.html.gz").is_file() and (current / "index.html.br").is_file()

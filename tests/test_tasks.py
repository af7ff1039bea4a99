"""The invoke tasks editors and deployers run: check and publish."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SITEURL, run_invoke as invoke


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


def test_livereload_records_page_digests_from_its_first_run(monkeypatch):
    """Its runs follow one another in one folder: the first, cold one computes
    the page digests a cold build otherwise leaves out (RENDER_COLD_DIGESTS)."""
    import tasks

    ran = []
    monkeypatch.setattr(tasks, "_sh", ran.append)
    tasks.livereload.body(None)
    args = ran[0]
    assert "--autoreload" in args and args[args.index("-e") + 1] == "RENDER_COLD_DIGESTS=true"


def test_publish_without_a_target_explains_what_to_set(tmp_path):
    proc = invoke("publish", env={"PORTAL_PUBLISH_TARGET": "", "PORTAL_OUTPUT": str(tmp_path / "out")})
    assert proc.returncode == 1
    assert "PORTAL_PUBLISH_TARGET" in proc.stderr + proc.stdout


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed (bootstrap installs it)")
def test_publish_gates_the_production_build_and_switches_current(site, tmp_path):
    """The session's production build (publishconf.py) published as is (--no-build)."""
    target = tmp_path / "www"
    proc = invoke("publish", "--no-build", "--allow-sample", "--target", str(target),
                  env={"PORTAL_OUTPUT": str(site), "PORTAL_SITEURL": SITEURL})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    for gate in ("Liên kết và ảnh nội bộ", "HTML hợp lệ (Nu validator, mỗi loại trang một trang)",
                 "Nguồn tin RSS/Atom đọc được", "Không lộ dữ liệu riêng tư của cộng tác viên"):
        assert f"✓ {gate}: đạt" in proc.stdout, proc.stdout
    assert "==> Đang phục vụ releases/" in proc.stdout
    current = target / "current"
    assert current.is_symlink() and len(list((target / "releases").iterdir())) == 1
    assert (current / "index.html").read_bytes() == (site / "index.html").read_bytes()
    assert (current / "sitemap.xml.gz").is_file() and (current / "index.html.br").is_file()



def test_invoke_bench_compares_every_build_with_vanilla_pelican(tmp_path):
    """``invoke bench`` end to end on a small corpus: vanilla Pelican and the
    project's cold, warm and one-edit builds, each with its ratios (wall,
    memory, CPU), and how the project handled the run."""
    import re

    left = tmp_path / "bench" / "trash-1"  # what an interrupted run set aside
    left.mkdir(parents=True)
    (left / "cu.html").write_text("bản cũ", encoding="utf-8")
    (tmp_path / "bench" / ".invoke-bench").write_text("invoke bench\n", encoding="utf-8")
    proc = invoke("bench", "--articles", "30", "--keep", str(tmp_path / "bench"))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    out = proc.stdout
    assert "Benchmark: 30 articles" in out
    number = r"\s+([\d.]+)s\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)MB\s+([\d.]+)\s+([\d.]+)s\s+([\d.]+)\s+([\d.]+)MB"
    rows = {label: re.search(re.escape(label) + number, out) for label in
            ("vanilla Pelican (no plugins)", "project, cold", "project, warm (nothing changed)",
             "project, one body edited", "project, cold again")}
    assert all(rows.values()), out
    assert rows["vanilla Pelican (no plugins)"].group(2) == "1.00"
    # the cold comparison from the faster of each pair of runs (vanilla and the
    # project each built cold twice, alternately)
    vanilla_again = float(re.search(r"vanilla again, after the others\s+([\d.]+)s", out).group(1))
    best = re.search(r"Cold, the faster of two runs each: project ([\d.]+)s, vanilla ([\d.]+)s: ([\d.]+) × vanilla", out)
    assert best, out
    colds = [float(rows[label].group(1)) for label in ("project, cold", "project, cold again")]
    vanillas = [float(rows["vanilla Pelican (no plugins)"].group(1)), vanilla_again]
    assert float(best.group(1)) == min(colds) and float(best.group(2)) == min(vanillas)
    low, high = (min(colds) - 0.05) / (min(vanillas) + 0.05), (min(colds) + 0.05) / (min(vanillas) - 0.05)
    assert low - 0.005 <= float(best.group(3)) <= high + 0.005  # from the unrounded times
    assert "full pipeline" in out and "nothing to do" in out and "patched (body-only edit)" in out
    assert float(rows["project, cold"].group(6)) > 0
    # the memory of all the build's processes together (PSS summed, sampled
    # from the start: the workers' shared pages counted once), a figure for each
    for label, row in rows.items():
        assert 0 < float(row.group(8)) < 4000, (label, out)
    # the corpus is contract-valid and every build's output is kept where asked
    assert (tmp_path / "bench" / "out" / "index.html").is_file()
    assert (tmp_path / "bench" / "vanilla-out" / "index.html").is_file()
    assert (tmp_path / "bench" / "out-2" / "index.html").is_file()
    assert not list((tmp_path / "bench").glob("trash-*"))  # deleted once every build was measured


def test_invoke_bench_refuses_bad_counts_and_a_folder_it_did_not_make(tmp_path):
    """A wrong ``--articles`` is a message, not a traceback; ``--keep`` never
    takes a folder with someone else's files (it replaces its own folders
    there: ``corpus``, ``out``, ``cache``…)."""
    for value, said in (("0", "cần ít nhất 1 bài"), ("-3", "cần ít nhất 1 bài"), ("mười", "cần một số nguyên")):
        proc = invoke("bench", "--articles", value)
        assert proc.returncode != 0 and said in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    mine = tmp_path / "home"
    (mine / "out").mkdir(parents=True)
    (mine / "out" / "thu.txt").write_text("của tôi", encoding="utf-8")
    proc = invoke("bench", "--articles", "3", "--keep", str(mine))
    assert proc.returncode != 0 and "không do `invoke bench` tạo" in proc.stderr, proc.stderr
    assert (mine / "out" / "thu.txt").read_text(encoding="utf-8") == "của tôi"
    assert sorted(p.name for p in mine.iterdir()) == ["out"]


def test_invoke_bench_refuses_a_run_the_disk_cannot_hold(tmp_path):
    """A count whose corpus and outputs would not fit is refused before
    anything is written, with what it needs and what is free."""
    proc = invoke("bench", "--articles", "1000000000", env={"TMPDIR": str(tmp_path)})
    assert proc.returncode != 0 and "Traceback" not in proc.stderr, proc.stderr
    assert "1000000000 bài cần khoảng" in proc.stderr and "GB trống" in proc.stderr and "chỉ còn" in proc.stderr
    assert list(tmp_path.iterdir()) == []  # its temporary folder removed again


def test_a_stopped_bench_kills_its_build_and_removes_its_folder(tmp_path):
    """SIGTERM (a CI timeout, a closed terminal) in the middle of a build: the
    build and its workers are killed and the run's temporary folder, with
    the corpus and outputs, is removed; the exit code says it was stopped."""
    proc = subprocess.Popen([sys.executable, "scripts/bench.py", "--articles", "40"], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ, TMPDIR=str(tmp_path)))
    try:
        line = proc.stdout.readline()  # "Corpus: …": vanilla's build starts next
        assert line.startswith("Corpus: 40 bài"), line + proc.stderr.read()
        time.sleep(1.0)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM and "Đã dừng (SIGTERM)" in err and "Traceback" not in err, err
    assert "đã xoá thư mục tạm" in err
    time.sleep(0.5)
    assert list(tmp_path.iterdir()) == []
    still = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(tmp_path).encode() in (entry / "cmdline").read_bytes():
                still.append(entry.name)
        except OSError:
            continue
    assert not still, still

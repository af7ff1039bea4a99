"""Editor and developer tasks: ``invoke --list``.

build / rebuild / serve / livereload / check / new / test / benchmark / publish.
Every build writes into a staging folder and swaps it in only on success
(plugins/atomic_output), so a failed build never damages the last good site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

ROOT = Path(__file__).resolve().parent

CONFIG = {
    "output": os.environ.get("PORTAL_OUTPUT", "output"),
    "host": os.environ.get("PORTAL_HOST", "127.0.0.1"),
    "port": int(os.environ.get("PORTAL_PORT", "8000")),
    # rsync destination for `invoke publish`, e.g. user@host:/var/www/portal/
    "publish_target": os.environ.get("PORTAL_PUBLISH_TARGET", ""),
}


def _sh(args: list[str], failure: str | None = None, env: dict | None = None) -> None:
    """Run a command with the terminal as its stdout/stderr.

    (Invoke's ``c.run`` decodes output chunk by chunk and can split a
    Vietnamese character in two; a plain subprocess passes bytes through.)
    """
    code = subprocess.run(args, cwd=ROOT, env=dict(os.environ, **(env or {}))).returncode
    if code != 0:
        raise Exit(failure or f"Lệnh thất bại (mã {code}): {' '.join(args)}", code=code)


def _pelican(settings="pelicanconf.py", *extra: str) -> None:
    """One Pelican run: it validates everything first (plugins/contract, at
    `initialized`) and stops, with every problem listed, before writing."""
    _sh([sys.executable, "-m", "pelican", "content", "-s", settings, "-o", CONFIG["output"], *extra],
        "Bản dựng dừng lại (xem các lỗi ở trên); trang cũ giữ nguyên.")


def _check(settings="pelicanconf.py") -> None:
    _sh([sys.executable, "-m", "plugins.contract.cli", "-s", settings],
        "Nội dung có lỗi: bản dựng không chạy, trang cũ giữ nguyên.")


@task
def check(c, settings="pelicanconf.py"):
    """Kiểm tra mọi bài viết và tệp dữ liệu; báo tất cả lỗi một lần (exit 1 nếu có lỗi)."""
    _check(settings)


@task
def build(c, settings="pelicanconf.py"):
    """Kiểm tra rồi dựng trang vào thư mục output/ (bản cũ chỉ bị thay khi dựng xong)."""
    _pelican(settings)


@task
def rebuild(c, settings="pelicanconf.py"):
    """Xoá output/ và bộ nhớ đệm ảnh rồi dựng lại từ đầu."""
    shutil.rmtree(ROOT / CONFIG["output"], ignore_errors=True)
    shutil.rmtree(ROOT / ".cache", ignore_errors=True)
    build(c, settings)


@task
def serve(c, settings="pelicanconf.py"):
    """Dựng trang mẫu rồi phục vụ tại http://127.0.0.1:8000 (Ctrl+C để dừng)."""
    build(c, settings)
    _sh([sys.executable, "-m", "pelican", "--listen", "-b", CONFIG["host"], "-p", str(CONFIG["port"]),
         "-s", settings, "-o", CONFIG["output"], "content"])


@task
def livereload(c, settings="pelicanconf.py"):
    """Dựng lại mỗi khi lưu tệp và phục vụ tại http://127.0.0.1:8000 (nội dung lỗi thì báo và giữ bản cũ)."""
    _sh([sys.executable, "-m", "pelican", "--autoreload", "--listen", "-b", CONFIG["host"],
         "-p", str(CONFIG["port"]), "-s", settings, "-o", CONFIG["output"], "content"])


@task
def new(c, title, unit, campaign="", authors="", type="tin", date=""):
    """Tạo bài mới đúng quy ước: invoke new --title "..." --unit tam-duong [--campaign tet-sum-vay]."""
    from portal.scaffold import ScaffoldError, scaffold_article

    try:
        path = scaffold_article(ROOT / "content", title=title, unit=unit, campaign=campaign,
                                authors=authors, type_=type, date=date or None)
    except ScaffoldError as exc:
        raise Exit(str(exc), code=1)
    print(f"Đã tạo {path.relative_to(ROOT)} (Status: draft) — viết nội dung, đổi «Status: published» khi duyệt, rồi chạy «invoke check».")


@task
def test(c, k="", x=False):
    """Chạy toàn bộ kiểm thử (pytest). Không có kiểm thử nào cũng là thất bại."""
    _sh([sys.executable, "-m", "pytest", *(["-k", k] if k else []), *(["-x"] if x else [])])


@task
def benchmark(c):
    """Đo và in số liệu: thời gian dựng (lạnh/ấm), số trang, dung lượng trang và ảnh."""
    _sh([sys.executable, "scripts/benchmark.py"])


@task
def bench(c, articles=10_000, keep=""):
    """So sánh với Pelican gốc trên N bài tổng hợp: dựng lạnh, ấm, sau khi sửa một bài (in số liệu)."""
    _sh([sys.executable, "scripts/bench.py", "--articles", str(articles), *(["--keep", keep] if keep else [])])


@task
def publish(c, target=""):
    """Dựng bản phát hành (publishconf.py) rồi rsync lên máy chủ (PORTAL_PUBLISH_TARGET)."""
    target = target or CONFIG["publish_target"]
    if not target:
        raise Exit("Chưa cấu hình nơi đăng: đặt PORTAL_PUBLISH_TARGET=user@host:/duong/dan/ "
                   "hoặc chạy «invoke publish --target ...».", code=1)
    build(c, "publishconf.py")
    _sh(["rsync", "-az", "--delete", f"{CONFIG['output']}/", target])

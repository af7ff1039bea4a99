"""Editor and developer tasks: ``invoke --list``.

build / rebuild / serve / livereload / check / new / test / benchmark /
publish / gates / rollback / pending.
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
    # where `invoke publish` keeps releases: /var/www/congdoan or user@host:/var/www/congdoan
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
    # runs follow in the same folder: the first (cold) one records page digests too
    _sh([sys.executable, "-m", "pelican", "--autoreload", "--listen", "-b", CONFIG["host"],
         "-p", str(CONFIG["port"]), "-s", settings, "-o", CONFIG["output"], "-e", "RENDER_COLD_DIGESTS=true",
         "content"])


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
def test(c, k="", x=False, serial=False):
    """Chạy toàn bộ kiểm thử (pytest, mỗi nhân CPU một tiến trình). Không có kiểm thử nào cũng là thất bại."""
    # pytest-xdist: one worker per core (tests are spread as they finish); --serial for one process
    parallel = [] if serial else ["-n", "auto", "--dist", "worksteal"]
    _sh([sys.executable, "-m", "pytest", *parallel, *(["-k", k] if k else []), *(["-x"] if x else [])])


@task
def benchmark(c):
    """Đo và in số liệu: thời gian dựng (lạnh/ấm), số trang, dung lượng trang và ảnh."""
    _sh([sys.executable, "scripts/benchmark.py"])


@task
def bench(c, articles="10000", keep=""):
    """So sánh với Pelican gốc trên N bài tổng hợp: dựng lạnh, ấm, sau khi sửa một bài (in số liệu)."""
    _sh([sys.executable, "scripts/bench.py", "--articles", str(articles), *(["--keep", keep] if keep else [])])


# --- publishing: gates, atomic releases, rollback, schedule (portal/gates.py, portal/release.py) ---

def _production_settings(settings: str) -> dict:
    from plugins.contract.cli import load_settings

    return load_settings(str(ROOT / settings))


def _run_gates(output: Path, settings: str, only: str = "", allow_sample: bool = False) -> int:
    """Every gate of portal.gates.GATES over ``output``; prints the report, returns the exit code."""
    from portal import gates as g

    if not (output / "index.html").is_file():
        raise Exit(f"Không có bản dựng trong {output} (thiếu index.html): chạy «invoke build --settings "
                   f"publishconf.py» trước.", code=1)
    try:
        selected = g.select(only)
    except ValueError as exc:
        raise Exit(f"Lỗi: {exc}", code=2)
    conf = _production_settings(settings)
    ctx = g.GateContext(output=output, siteurl=conf.get("SITEURL", ""), settings=conf, allow_sample=allow_sample)
    print(f"==> Kiểm tra trước khi đăng: {output}")
    results = g.run_gates(ctx, selected)
    return g.exit_code(results)


def _refuse_sample_identity(allow_sample: bool) -> None:
    from portal import gates as g

    conf = _production_settings("publishconf.py")
    problems = g.check_identity(g.GateContext(output=Path("."), siteurl=conf.get("SITEURL", ""), settings=conf,
                                              allow_sample=allow_sample))
    if problems:
        print("✗ Thông tin cơ quan chưa sẵn sàng:")
        for line in problems:
            print(f"    {line}")
        raise Exit("KHÔNG ĐĂNG: không tải gì lên; trang đang chạy giữ nguyên.", code=15)


def _target(target: str):
    from portal.release import ReleaseError, Target

    try:
        return Target.parse(target or CONFIG["publish_target"])
    except ReleaseError as exc:
        raise Exit(str(exc), code=1)


@task(help={"output": "thư mục bản dựng (mặc định output/)", "only": "chỉ chạy các cổng này: links,html,feeds,privacy,identity",
            "settings": "tệp cấu hình của bản dựng (mặc định publishconf.py)",
            "allow_sample": "như «invoke publish --allow-sample»"})
def gates(c, output="", only="", settings="publishconf.py", allow_sample=False):
    """Chạy các cổng kiểm tra trên bản dựng: liên kết/ảnh, HTML, nguồn tin, dữ liệu riêng tư (exit ≠ 0 nếu trượt)."""
    code = _run_gates(Path(output or ROOT / CONFIG["output"]).resolve(), settings, only, allow_sample)
    if code:
        raise Exit("KẾT QUẢ: KHÔNG ĐẠT — sửa các lỗi trên, dựng lại rồi chạy lại «invoke gates».", code=code)
    print("KẾT QUẢ: ĐẠT mọi cổng kiểm tra.")


@task(help={"target": "thư mục trên máy chủ: /var/www/congdoan hoặc user@host:/var/www/congdoan "
                      "(mặc định PORTAL_PUBLISH_TARGET)",
            "keep": "số bản phát hành giữ lại (mặc định 5)",
            "dry_run": "chỉ cho biết sẽ thay đổi gì, không tải lên",
            "no_build": "đăng bản dựng có sẵn trong output/ (không dựng lại)",
            "allow_sample": "cho phép đăng trang mẫu (danh tính mẫu trong cấu hình)"})
def publish(c, target="", keep=0, dry_run=False, no_build=False, allow_sample=False):
    """Dựng (publishconf.py), chạy các cổng kiểm tra, tải lên một bản phát hành mới rồi chuyển «current» sang nó."""
    from portal.release import DEFAULT_KEEP, ReleaseError, plan_publish, publish as upload

    where = _target(target)
    keep = int(keep or os.environ.get("PORTAL_KEEP_RELEASES") or DEFAULT_KEEP)
    output = (ROOT / CONFIG["output"]).resolve()
    _refuse_sample_identity(allow_sample)  # before a minute of building: the gate would refuse anyway
    if not no_build:
        build(c, "publishconf.py")
    code = _run_gates(output, "publishconf.py", allow_sample=allow_sample)
    if code:
        raise Exit(f"KHÔNG ĐĂNG: bản dựng chưa qua các cổng kiểm tra ở trên; trang đang chạy trên {where} giữ nguyên.",
                   code=code)
    try:
        if dry_run:
            print(plan_publish(output, where, keep).describe())
            print("(--dry-run: chưa tải lên, chưa chuyển gì.)")
            return
        upload(output, where, keep)
    except ReleaseError as exc:
        raise Exit(str(exc), code=1)


@task(help={"target": "như «invoke publish» (mặc định PORTAL_PUBLISH_TARGET)",
            "to": "tên bản phát hành muốn quay về (mặc định: bản ngay trước bản đang chạy)",
            "dry_run": "chỉ cho biết sẽ chuyển sang bản nào"})
def rollback(c, target="", to="", dry_run=False):
    """Quay lại bản phát hành trước (chuyển «current» trong một bước)."""
    from portal.release import ReleaseError, rollback as switch_back

    try:
        switch_back(_target(target), to or None, dry_run=dry_run)
    except ReleaseError as exc:
        raise Exit(str(exc), code=1)


@task(help={"settings": "tệp cấu hình (mặc định pelicanconf.py)", "date": "coi hôm nay là ngày này (YYYY-MM-DD)"})
def pending(c, settings="pelicanconf.py", date=""):
    """Liệt kê bài hẹn giờ (ngày đăng trong tương lai) và ngày chúng lên trang."""
    from plugins.contract.cli import load_settings
    from portal.load import check_all

    conf = load_settings(str(ROOT / settings), {"PORTAL_BUILD_DATE": date} if date else {})
    portal, records, problems = check_all(conf, root=ROOT)
    waiting = sorted((r for r in records if r.scheduled), key=lambda r: (r.date, r.rel))
    today = portal.build_date.strftime("%d/%m/%Y")
    if not waiting:
        print(f"Không có bài hẹn giờ (tính đến ngày {today}).")
    else:
        print(f"{len(waiting)} bài hẹn giờ (tính đến ngày {today}); mỗi bài lên trang ở lần dựng "
              "hằng ngày (00:05) của ngày đăng:")
        for rec in waiting:
            print(f"  {rec.date:%d/%m/%Y %H:%M}  {rec.title}  ({rec.rel})")
    if problems.errors:
        print(f"Lưu ý: nội dung đang có {len(problems.errors)} lỗi — bản dựng sẽ dừng cho tới khi sửa "
              "(chạy «invoke check»).")

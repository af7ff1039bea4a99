"""Atomic releases on the web server: upload, switch, keep N, roll back.

The layout of a publish target (a local folder or ``user@host:/folder``)::

    TARGET/releases/20261201-000512/   one finished build each, never changed
    TARGET/current -> releases/20261201-000512   what nginx serves

A publish uploads the build into ``releases/.<id>.partial`` (rsync, unchanged
files hard-linked to the live release so an upload costs only what changed),
renames it to ``releases/<id>``, then points ``current`` at it in one
``rename(2)``: a new symlink under a temporary name is moved over
``current`` (``mv -T``), so a reader sees the old release or the new one,
never a missing or half-copied page. The oldest releases beyond ``keep``
are removed afterwards (never the live one). ``rollback`` switches
``current`` back to the release before it, the same way.

Every step on the target is a short POSIX shell script run by ``sh -c``
locally or through ``ssh`` for a remote target: one code path for both.
The scripts are built by pure functions (tested); :class:`Target` runs them.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from portal.dates import TIMEZONE

RELEASES = "releases"
CURRENT = "current"
DEFAULT_KEEP = 5
# A release folder: YYYYMMDD-HHMMSS in Vietnam time, "-N" when two land in one second.
RELEASE_NAME = re.compile(r"^\d{8}-\d{6}(?:-\d+)?$")
# rsync: compare by content (a fresh build rewrites every file's time), keep
# links as links, never keep times (so identical files are hard-linked to the
# live release by --link-dest), make files readable by the web server.
RSYNC_FLAGS = ["-rlc", "--delete", "--chmod=D755,F644"]


class ReleaseError(Exception):
    """A publish or rollback step failed; the message is for the operator (Vietnamese)."""


def release_name(now: dt.datetime | None = None) -> str:
    now = (now or dt.datetime.now(TIMEZONE)).astimezone(TIMEZONE)
    return now.strftime("%Y%m%d-%H%M%S")


def release_sort_key(name: str) -> tuple[str, int]:
    parts = name.split("-")
    return "-".join(parts[:2]), int(parts[2]) if len(parts) > 2 else 0


def sorted_releases(names) -> list[str]:
    """Release folder names, oldest first (other entries are ignored)."""
    return sorted((n for n in names if RELEASE_NAME.match(n)), key=release_sort_key)


def unique_name(wanted: str, existing) -> str:
    existing = set(existing)
    name, counter = wanted, 1
    while name in existing:
        counter += 1
        name = f"{wanted}-{counter}"
    return name


def to_prune(releases: list[str], current: str | None, keep: int) -> list[str]:
    """The releases to delete so that ``keep`` remain: the oldest first, never ``current``."""
    ordered = sorted_releases(releases)
    keep = max(keep, 1)
    survivors = set(ordered[-keep:])
    if current:
        survivors.add(current)
    return [name for name in ordered if name not in survivors]


def previous_release(releases: list[str], current: str | None) -> str | None:
    """The newest release older than ``current`` (None when there is none)."""
    ordered = sorted_releases(releases)
    if current not in ordered:
        return ordered[-1] if ordered and current is None else None
    index = ordered.index(current)
    return ordered[index - 1] if index > 0 else None


# --- shell scripts run on the target ------------------------------------------

def _q(value: str) -> str:
    return shlex.quote(value)


def state_script(base: str) -> str:
    """Prints ``current=<name>`` then one ``release=<name>`` line per folder."""
    b = _q(base)
    return (f"cd {b} 2>/dev/null || exit 0\n"
            f"if [ -L {CURRENT} ]; then printf 'current=%s\\n' \"$(readlink {CURRENT})\"; fi\n"
            f"if [ -d {RELEASES} ]; then for d in {RELEASES}/*/; do [ -d \"$d\" ] || continue; "
            f"d=${{d%/}}; printf 'release=%s\\n' \"${{d##*/}}\"; done; fi\n")


def prepare_script(base: str, partial: str) -> str:
    b = _q(base)
    return f"set -e\nmkdir -p {b}/{RELEASES}\nrm -rf {b}/{RELEASES}/{_q(partial)}\n"


def switch_script(base: str, name: str, *, partial: str | None = None, prune: list[str] = ()) -> str:
    """Make ``releases/<partial>`` the release ``name`` (when given) and point
    ``current`` at it in one rename; then remove ``prune``. Holds an exclusive
    lock on ``TARGET/.publish.lock`` (flock) so two publishes never interleave."""
    b = _q(base)
    rel = f"{RELEASES}/{name}"
    lines = [
        "set -e",
        f"cd {b}",
        "exec 9>.publish.lock",
        "if command -v flock >/dev/null 2>&1; then flock -w 120 9; fi",
    ]
    if partial:
        lines.append(f"mv -T {_q(RELEASES + '/' + partial)} {_q(rel)}")
    lines += [
        f"test -d {_q(rel)}",
        # The new link under a temporary name, then one rename(2) over `current`.
        f"ln -sfn {_q(rel)} .{CURRENT}.$$",
        f"mv -T .{CURRENT}.$$ {CURRENT}",
    ]
    for old in prune:
        lines.append(f"rm -rf {_q(RELEASES + '/' + old)}")
    return "\n".join(lines) + "\n"


# --- running them --------------------------------------------------------------

REMOTE = re.compile(r"^(?P<host>[^/:]+):(?P<path>.+)$")


@dataclass
class State:
    current: str | None = None          # release name `current` points at
    releases: list[str] = field(default_factory=list)   # oldest first


@dataclass
class Target:
    """Where releases live: ``/var/www/congdoan`` or ``deploy@web1:/var/www/congdoan``."""

    spec: str
    host: str | None = None
    path: str = ""

    @classmethod
    def parse(cls, spec: str) -> "Target":
        spec = spec.strip()
        if not spec:
            raise ReleaseError("Chưa có nơi đăng: đặt PORTAL_PUBLISH_TARGET=/var/www/congdoan "
                               "(hoặc user@host:/var/www/congdoan), hoặc chạy với --target ...")
        match = REMOTE.match(spec)
        if match:
            path = match["path"].rstrip("/") or "/"
            return cls(spec, match["host"], path)
        path = str(Path(spec).expanduser().resolve())
        return cls(spec, None, path)

    def __str__(self) -> str:
        return f"{self.host}:{self.path}" if self.host else self.path

    def rsync_dest(self, rel: str) -> str:
        full = f"{self.path}/{rel}/"
        return f"{self.host}:{full}" if self.host else full

    def sh(self, script: str) -> subprocess.CompletedProcess:
        args = ["ssh", "-o", "BatchMode=yes", self.host, "sh -c " + _q(script)] if self.host else ["sh", "-c", script]
        return subprocess.run(args, capture_output=True, encoding="utf-8", errors="replace")

    def run(self, script: str, what: str) -> str:
        proc = self.sh(script)
        if proc.returncode != 0:
            raise ReleaseError(f"{what} thất bại trên {self} (mã {proc.returncode}): "
                               f"{(proc.stderr or proc.stdout).strip()[-800:]}")
        return proc.stdout

    def state(self) -> State:
        out = self.run(state_script(self.path), "Đọc danh sách bản phát hành")
        state = State()
        names = []
        for line in out.splitlines():
            key, _, value = line.partition("=")
            if key == "current":
                state.current = value.rstrip("/").rsplit("/", 1)[-1] or None
            elif key == "release":
                names.append(value)
        state.releases = sorted_releases(names)
        return state


@dataclass
class Plan:
    """What a publish will do (``--dry-run`` prints it and stops)."""

    target: Target
    name: str
    previous: str | None
    prune: list[str]
    changes: list[str] = field(default_factory=list)   # rsync --itemize-changes lines

    def counts(self) -> dict[str, int]:
        new = sum(1 for line in self.changes if line.startswith(">f+++"))
        deleted = sum(1 for line in self.changes if line.startswith("*deleting"))
        changed = sum(1 for line in self.changes if line.startswith(">f") and not line.startswith(">f+++"))
        return {"new": new, "changed": changed, "deleted": deleted}

    def describe(self) -> str:
        c = self.counts()
        lines = [
            f"Nơi đăng: {self.target}",
            f"Bản phát hành mới: {RELEASES}/{self.name}"
            + (f" (thay {self.previous})" if self.previous else " (bản đầu tiên)"),
            f"Thay đổi so với bản đang chạy: {c['new']} tệp mới, {c['changed']} tệp sửa, {c['deleted']} tệp xoá.",
        ]
        shown = [line for line in self.changes if not line.startswith((".d", "cd"))]
        for line in shown[:40]:
            lines.append(f"  {line}")
        if len(shown) > 40:
            lines.append(f"  … và {len(shown) - 40} thay đổi khác")
        if self.prune:
            lines.append("Sẽ xoá các bản cũ: " + ", ".join(self.prune))
        return "\n".join(lines)


def _rsync(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(["rsync", *args], capture_output=True, encoding="utf-8", errors="replace")


def plan_publish(build: Path, target: Target, keep: int = DEFAULT_KEEP, *,
                 now: dt.datetime | None = None, diff: bool = True) -> Plan:
    """What publishing ``build`` would change (nothing is written)."""
    state = target.state()
    name = unique_name(release_name(now), state.releases)
    after = [*state.releases, name]
    plan = Plan(target, name, state.current, to_prune(after, name, keep))
    if diff:
        compare = f"{RELEASES}/{state.current}" if state.current else None
        if compare:
            proc = _rsync(["-n", "--itemize-changes", *RSYNC_FLAGS, f"{build}/", target.rsync_dest(compare)])
            if proc.returncode != 0:
                raise ReleaseError(f"So sánh với bản đang chạy thất bại: {proc.stderr.strip()[-800:]}")
            plan.changes = [line for line in proc.stdout.splitlines() if line.strip()]
        else:
            plan.changes = [f">f+++++++++ {p.relative_to(build).as_posix()}"
                            for p in sorted(build.rglob("*")) if p.is_file()]
    return plan


def publish(build: Path, target: Target, keep: int = DEFAULT_KEEP, *, now: dt.datetime | None = None,
            log=print) -> str:
    """Upload ``build`` as a new release and switch ``current`` to it; returns its name."""
    build = Path(build)
    if not (build / "index.html").is_file():
        raise ReleaseError(f"Không có bản dựng hoàn chỉnh trong {build} (thiếu index.html): "
                           "chạy «invoke build --settings publishconf.py» trước.")
    plan = plan_publish(build, target, keep, now=now, diff=False)
    partial = f".{plan.name}.partial"
    target.run(prepare_script(target.path, partial), "Chuẩn bị thư mục bản phát hành")
    link_dest = ([f"--link-dest=../{plan.previous}"] if plan.previous else [])
    log(f"==> Tải bản dựng lên {target} ({RELEASES}/{plan.name})")
    proc = _rsync([*RSYNC_FLAGS, *link_dest, f"{build}/", target.rsync_dest(f"{RELEASES}/{partial}")])
    if proc.returncode != 0:
        target.sh(f"rm -rf {_q(target.path + '/' + RELEASES + '/' + partial)}")
        raise ReleaseError(f"Tải lên thất bại (rsync mã {proc.returncode}); bản đang chạy giữ nguyên: "
                           f"{proc.stderr.strip()[-800:]}")
    target.run(switch_script(target.path, plan.name, partial=partial, prune=plan.prune),
               "Chuyển «current» sang bản mới")
    log(f"==> Đang phục vụ {RELEASES}/{plan.name}" + (f" (trước đó: {plan.previous})" if plan.previous else ""))
    if plan.prune:
        log("==> Đã xoá bản cũ: " + ", ".join(plan.prune))
    return plan.name


def rollback(target: Target, to: str | None = None, *, dry_run: bool = False, log=print) -> str:
    """Point ``current`` at ``to`` or at the release before the live one; returns its name."""
    state = target.state()
    if to:
        if to not in state.releases:
            raise ReleaseError(f"Không có bản phát hành «{to}» trên {target}; các bản có: "
                               + (", ".join(state.releases) or "(chưa có)"))
        wanted = to
    else:
        wanted = previous_release(state.releases, state.current)
        if wanted is None:
            raise ReleaseError(f"Không có bản nào cũ hơn bản đang chạy ({state.current or 'chưa có'}) "
                               f"trên {target} để quay lại.")
    if dry_run:
        log(f"Sẽ chuyển «current» từ {state.current} sang {wanted} (chưa làm gì: --dry-run).")
        return wanted
    target.run(switch_script(target.path, wanted), "Quay lại bản trước")
    log(f"==> Đã quay lại {RELEASES}/{wanted} (trước đó: {state.current}).")
    return wanted

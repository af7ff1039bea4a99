"""Problems found in content and data, and the exception that carries them.

Every message is in Vietnamese (editors read it) and names the file, the
field, what is wrong and what to do.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

ERROR = "lỗi"
# settings key, per run: resolved path -> (message, hint) of a file the reader could not convert
READ_FAILURES = "PORTAL_READ_FAILURES"
WARNING = "cảnh báo"


@dataclass(frozen=True)
class Problem:
    path: str
    field: str | None
    message: str
    hint: str = ""
    line: int | None = None
    severity: str = ERROR

    def format(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"trường «{self.field}»: " if self.field else ""
        text = f"{where}: [{self.severity}] {what}{self.message}"
        if self.hint:
            text += f" → {self.hint}"
        return text


@dataclass
class Problems:
    """Collector: validation never stops at the first problem."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path, field, message, hint="", line=None) -> None:
        self.items.append(Problem(str(path), field, message, hint, line, ERROR))

    def warn(self, path, field, message, hint="", line=None) -> None:
        self.items.append(Problem(str(path), field, message, hint, line, WARNING))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == WARNING]

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)

    def report(self) -> str:
        lines = [p.format() for p in sorted(self.items, key=_order)]
        lines.append(
            f"Tổng cộng: {len(self.errors)} lỗi, {len(self.warnings)} cảnh báo."
        )
        return "\n".join(lines)


def _order(p: Problem):
    return (p.severity != ERROR, p.path, p.line or 0)


class PortalError(ValueError):
    """Base of every error the build reports to editors as a message, never a traceback."""


class ContractError(PortalError):
    """Content or data break the content contract; carries every problem."""

    def __init__(self, problems: Problems):
        self.problems = problems
        super().__init__(
            "Nội dung không hợp lệ, bản dựng dừng lại (trang cũ không bị thay đổi):\n"
            + problems.report()
        )


class DataError(ContractError):
    """A data file under content/data/ is invalid."""


class ArticleError(ContractError):
    """One or more articles are invalid."""


class PrivateDataError(PortalError):
    """A private roster value (phone, e-mail, Facebook) was found in the built site."""

    def __init__(self, leaks: list[tuple[str, str, str]]):
        self.leaks = leaks
        shown = leaks[:50]
        lines = [f"{path}: [lỗi] có {kind} riêng tư của «{owner}»" for path, kind, owner in shown]
        if len(leaks) > len(shown):
            lines.append(f"… và {len(leaks) - len(shown)} chỗ khác.")
        super().__init__(
            "Bản dựng chứa thông tin riêng tư của cộng tác viên, không được đăng (trang cũ không bị thay đổi):\n"
            + "\n".join(lines)
            + "\n→ tìm và xoá thông tin này trong bài, trang hoặc tệp dữ liệu đã tạo ra trang đó "
              "(số điện thoại, e-mail, Facebook trong contributors.yml chỉ để ban biên tập liên hệ)."
        )


def log_warning(logger, problem: Problem) -> None:
    """Log an editor's warning as written. Pelican's console handler is Rich's,
    whose highlighter would colour the numbers and paths inside the message
    (and took half the time of logging them: 0.5 s for 500 warnings)."""
    logger.warning(problem.format(), extra={"highlighter": _plain_highlighter()})


@functools.lru_cache(maxsize=1)
def _plain_highlighter():
    from rich.highlighter import NullHighlighter  # Pelican's console is Rich's

    return NullHighlighter()

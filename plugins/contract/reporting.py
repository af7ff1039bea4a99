"""How a failed build reads in the terminal: the editor's message, once, no traceback.

Pelican's command line logs any exception from a build with its traceback
(``logger.critical(..., exc_info=True)``) through a Rich console that wraps
long lines, paths included, at 80 columns when output is not a terminal. A
filter on Pelican's own logger prints our errors (``PortalError``: every
problem with file, line, field and hint, in Vietnamese) as plain lines, one
problem a line, and drops the record; any other exception is shown as one
line with a hint, its traceback only with ``--debug``.
"""

from __future__ import annotations

import logging
import sys

from portal.problems import PortalError

_INSTALLED = "_portal_clean_failures"


class CleanFailures(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.CRITICAL or not record.exc_info:
            return True
        exc = record.exc_info[1]
        if isinstance(exc, PortalError):
            sys.stderr.write(f"{exc}\n")
            sys.stderr.flush()
            return False
        if logging.getLogger().getEffectiveLevel() <= logging.DEBUG:
            return True  # developers asked for the traceback
        sys.stderr.write(
            f"Lỗi khi dựng trang ({type(exc).__name__}): {exc}\n"
            "→ bản dựng dừng lại, trang cũ giữ nguyên; chạy «invoke check» để kiểm tra nội dung, "
            "hoặc chạy lại với «--debug» để xem chi tiết kỹ thuật.\n")
        sys.stderr.flush()
        return False


def install() -> None:
    """Install the filter once per process (``register()`` may run again in livereload)."""
    pelican_logger = logging.getLogger("pelican")
    if not any(getattr(f, _INSTALLED, False) for f in pelican_logger.filters):
        flt = CleanFailures()
        setattr(flt, _INSTALLED, True)
        pelican_logger.addFilter(flt)

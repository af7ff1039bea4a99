"""Signal handlers of the uptodate plugin (thin: the work is in ``state``)."""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

from pelican.log import console

from portal.dates import TIMEZONE
from portal.settings import merge_all
from portal.snapshot import tree_state
from portal.timing import add

from .state import changed, input_parts, read_record, record_file, settings_digest, write_record

logger = logging.getLogger(__name__)

SKIPPED = "_UPTODATE_SKIPPED"  # per run: True when the run found nothing to do


def wrap_run(pelican) -> None:
    """``initialized``: check before each ``run()`` (once per Pelican object)."""
    merge_all(pelican.settings)
    if getattr(pelican, "_uptodate_run", None) is not None:
        return
    pelican._uptodate_run = pelican.run
    pelican.run = lambda: run_unless_uptodate(pelican)


def run_unless_uptodate(pelican):
    settings = pelican.settings
    run = pelican._uptodate_run
    settings[SKIPPED] = False
    if not settings.get("UPTODATE_ENABLED", True):
        return run()
    started = time.perf_counter()
    # atomic_output points output_path at a staging folder while a run goes on
    output = Path(getattr(pelican, "_final_output_path", pelican.output_path))
    if not hasattr(pelican, "_uptodate_settings"):
        pelican._uptodate_settings = settings_digest(settings)
    inputs = input_parts(settings, pelican.theme, pelican._uptodate_settings)
    record_path = record_file(settings, output)
    record = read_record(record_path)
    differ = changed(record, inputs)
    if not differ:
        state, count = tree_state(output)
        if count and state == record.get("output"):
            add(settings, "up-to-date check", time.perf_counter() - started)
            settings[SKIPPED] = True
            console.print(f"Không có gì thay đổi từ lần dựng lúc {record.get('built', '?')}: giữ nguyên "
                          f"{output} ({count} tệp; kiểm tra trong {time.perf_counter() - started:.1f} s).")
            return None
        differ = ["output (đã bị sửa hoặc xoá ngoài lần dựng)"]
    logger.debug("Dựng: thay đổi ở %s", ", ".join(differ))
    add(settings, "up-to-date check", time.perf_counter() - started)
    result = run()
    if any(value is None for value in inputs.values()):
        logger.debug("Không ghi bản ghi: có thiết lập không có dấu vân tay ổn định")
        return result
    write_record(record_path, output, inputs, tree_state(output)[0],
                 dt.datetime.now(TIMEZONE).strftime("%H:%M:%S %d/%m/%Y"))
    return result

"""Signal handlers of the uptodate plugin (thin: the work is in ``state`` and ``patching``)."""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

from pelican.log import console

from portal.dates import TIMEZONE
from portal.patch import PatchRefused
from portal.settings import merge_all
from portal.snapshot import tree_entries, tree_state
from portal.timing import add

from .patching import patch_build
from .state import (ARTICLES, NOTES, article_entry, changed, input_parts, read_record, record_file,
                    settings_digest, write_record)

logger = logging.getLogger(__name__)

SKIPPED = "_UPTODATE_SKIPPED"  # per run: "skipped", "patched" or "" (a full build)


def wrap_run(pelican) -> None:
    """``initialized``: check before each ``run()`` (once per Pelican object)."""
    merge_all(pelican.settings)
    if getattr(pelican, "_uptodate_run", None) is not None:
        return
    pelican._uptodate_run = pelican.run
    pelican.run = lambda: run_unless_uptodate(pelican)


def collect_articles(generator) -> None:
    """``article_generator_finalized``: what a later patch compares, per article with a page."""
    settings = generator.settings
    found = settings.setdefault(ARTICLES, {})
    content_dir = Path(settings["PATH"])
    for article in [*generator.articles, *generator.translations, *getattr(generator, "hidden_articles", ()),
                    *getattr(generator, "hidden_translations", ())]:
        entry = article_entry(article, content_dir)
        if entry is not None:
            found[entry[0]] = entry[1]


def run_unless_uptodate(pelican):
    settings = pelican.settings
    run = pelican._uptodate_run
    settings[SKIPPED] = ""
    settings[ARTICLES] = {}
    settings[NOTES] = {}
    if not settings.get("UPTODATE_ENABLED", True):
        return run()
    started = time.perf_counter()
    # atomic_output points output_path at a staging folder while a run goes on
    output = Path(getattr(pelican, "_final_output_path", pelican.output_path))
    if not hasattr(pelican, "_uptodate_settings"):
        pelican._uptodate_settings = settings_digest(settings)
    content = tree_entries(Path(settings["PATH"]))
    inputs = input_parts(settings, pelican.theme, pelican._uptodate_settings, content)
    record_path = record_file(settings, output)
    record = read_record(record_path)
    differ = changed(record, inputs)
    output_state = tree_state(output)
    intact = bool(record) and output_state[1] > 0 and output_state[0] == record.get("output")
    if not differ and intact:
        add(settings, "up-to-date check", time.perf_counter() - started)
        settings[SKIPPED] = "skipped"
        console.print(f"Không có gì thay đổi từ lần dựng lúc {record.get('built', '?')}: giữ nguyên "
                      f"{output} ({output_state[1]} tệp; kiểm tra trong {time.perf_counter() - started:.1f} s).")
        return None
    if differ == ["content"] and intact and settings.get("UPTODATE_PATCH_MAX", 0) and content is not None:
        try:
            articles = patch_build(settings, output, record, content, record_path.with_suffix(".work"))
        except PatchRefused as exc:
            logger.info("Dựng toàn bộ: %s", exc)
        else:
            _save(record_path, output, inputs, content, articles, record.get("notes") or {})
            add(settings, "patch (body-only edit)", time.perf_counter() - started)
            settings[SKIPPED] = "patched"
            console.print(f"Sửa nhanh: chỉ phần thân bài thay đổi, đã cập nhật trang, luồng tin và chỉ mục tìm "
                          f"kiếm trong {time.perf_counter() - started:.1f} s.")
            return None
    if not intact and record:
        differ = [*differ, "output (đã bị sửa hoặc xoá ngoài lần dựng)"]
    logger.debug("Dựng: thay đổi ở %s", ", ".join(differ))
    add(settings, "up-to-date check", time.perf_counter() - started)
    result = run()
    if any(value is None for value in inputs.values()):
        logger.debug("Không ghi bản ghi: có thiết lập không có dấu vân tay ổn định")
        return result
    _save(record_path, output, inputs, content, settings.get(ARTICLES) or {}, settings.get(NOTES) or {})
    return result


def _save(record_path: Path, output: Path, inputs: dict, content, articles: dict, notes: dict) -> None:
    write_record(record_path, output, inputs, tree_state(output)[0],
                 dt.datetime.now(TIMEZONE).strftime("%H:%M:%S %d/%m/%Y"),
                 content=content, articles=articles, notes=notes)

"""Signal handlers of the uptodate plugin (thin: the work is in ``state`` and ``patching``)."""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

from pelican.log import console

from portal.dates import TIMEZONE
from portal.patch import PatchRefused
from portal.problems import WARNING, Problem, log_warning
from portal.settings import merge_all
from portal.snapshot import tree_entries, tree_state
from portal.timing import add

from .patching import patch_build
from .state import (ARTICLES, NOTES, article_entry, changed, input_parts, moved_pages, read_record, record_file,
                    settings_digest, write_record)

logger = logging.getLogger(__name__)

SKIPPED = "_UPTODATE_SKIPPED"  # per run: "skipped", "patched" or "" (a full build)
LIVE_ARTICLES = "_UPTODATE_LIVE_ARTICLES"  # per run: the live build's articles (source → URL…), if known


def wrap_run(pelican) -> None:
    """``initialized``: check before each ``run()`` (once per Pelican object)."""
    merge_all(pelican.settings)
    if getattr(pelican, "_uptodate_run", None) is not None:
        return
    pelican._uptodate_run = pelican.run
    pelican.run = lambda: run_unless_uptodate(pelican)


def collect_articles(generator) -> None:
    """``article_generator_finalized``: what a later patch compares, per article
    with a page; a warning for each article whose page moves to another URL
    than the live build's (a title edit changes the slug made from it)."""
    settings = generator.settings
    found = settings.setdefault(ARTICLES, {})
    content_dir = Path(settings["PATH"])
    headers = {}
    for article in [*generator.articles, *generator.translations, *getattr(generator, "hidden_articles", ()),
                    *getattr(generator, "hidden_translations", ())]:
        entry = article_entry(article, content_dir)
        if entry is not None:
            found[entry[0]] = entry[1]
            headers[entry[0]] = getattr(getattr(article, "facts", None), "header", None)
    for rel, old, new in moved_pages(settings.get(LIVE_ARTICLES) or {}, found):
        log_warning(logger, moved_warning(content_dir, rel, old, new, headers.get(rel)))


def moved_warning(content_dir: Path, rel: str, old: str, new: str, header) -> Problem:
    """The editor's warning for an article whose URL changed (``moved_pages``)."""
    shown = f"{content_dir.name}/{rel}"
    old_slug, new_slug = old.rstrip("/").rsplit("/", 1)[-1], new.rstrip("/").rsplit("/", 1)[-1]
    names = getattr(header, "names", {}) or {}
    if old_slug != new_slug:
        key = "slug" if "slug" in names else "title"
        hint = (f"liên kết cũ đã chia sẻ (Facebook, Zalo, báo khác) sẽ không mở được; muốn giữ địa chỉ cũ, "
                f"thêm (hoặc sửa) dòng «Slug: {old_slug}» ở phần đầu bài")
    else:
        key = "date"
        hint = "ngày đăng đổi nên thư mục năm/tháng của địa chỉ đổi; liên kết cũ đã chia sẻ sẽ không mở được"
    line = header.line(key) if header is not None and hasattr(header, "line") else None
    return Problem(shown, names.get(key, key.capitalize()), f"địa chỉ của bài đổi từ «{old}» thành «{new}»",
                   hint, line, WARNING)


def run_unless_uptodate(pelican):
    settings = pelican.settings
    run = pelican._uptodate_run
    settings[SKIPPED] = ""
    settings[ARTICLES] = {}
    settings[NOTES] = {}
    settings[LIVE_ARTICLES] = {}
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
    # the URL of each article in the live build, when the record describes it
    settings[LIVE_ARTICLES] = (record or {}).get("articles") or {} if intact else {}
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

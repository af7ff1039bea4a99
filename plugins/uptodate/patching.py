"""Patch a body-only edit into the live output instead of building everything.

The conditions (``portal.patch``): only article sources changed since the
last successful build, at most ``UPTODATE_PATCH_MAX`` of them, each one an
article whose page that build wrote, with the same header and a plain body
before and after (no image, media, local link). Then the edited articles
alone are built in a scratch folder with the real pipeline (same settings,
same plugins), their bodies are taken from the scratch pages (between
``BODY_START`` and ``BODY_END``) into the live pages, their feed entries
likewise; when the lead changed, also the sapo and the description of the
page and the summary in every live page that lists the article (a card, the
home page's lead story), each from a scratch page showing the same kind;
and the plugins listening to ``PATCH_SIGNAL`` add the rest (search index,
scan, compressed copies).
Anything else raises ``PatchRefused`` and the caller builds everything.
"""

from __future__ import annotations

import copy
import logging
import os
import re
import shutil
from pathlib import Path

from blinker import signal
from markupsafe import escape

from portal.header import parse_header
from portal.paths import guard_write
from portal.patch import (PATCH_SIGNAL, Patch, PatchRefused, body_span, header_digest, is_plain, replace_summaries,
                          splice_lead, summary_spans)
from portal.paths import output_files

from .state import ARTICLES, NOTES

logger = logging.getLogger(__name__)

SCRATCH_OVERRIDES = {
    "UPTODATE_ENABLED": False,      # the scratch build itself never skips or patches
    "RENDER_WORKERS": 1,
    "RENDER_INCREMENTAL": False,
    "PRECOMPRESS_ENABLED": False,
    "SEARCH_ENABLED": False,
    "FINGERPRINT_ENABLED": False,
}


def pristine(settings: dict) -> dict:
    """A copy of the settings as configured (containers copied: a run adds to some)."""
    out = {}
    for key, value in settings.items():
        if key.startswith("_") or key == "PORTAL":
            continue
        out[key] = copy.deepcopy(value) if isinstance(value, (dict, list)) else value
    return out


def edited_articles(record: dict, content: dict[str, str], limit: int) -> list[str]:
    """The article sources that changed, or PatchRefused."""
    old = record.get("content") or {}
    articles = record.get("articles") or {}
    changed = sorted(k for k in set(old) | set(content) if old.get(k) != content.get(k))
    if not changed:
        raise PatchRefused("không tìm thấy tệp nào thay đổi")
    others = [k for k in changed if k not in articles or k not in content]
    if others:
        raise PatchRefused(f"thay đổi không chỉ ở thân bài: {', '.join(others[:3])}")
    if len(changed) > limit:
        raise PatchRefused(f"{len(changed)} bài thay đổi (sửa nhanh tối đa {limit})")
    return changed


def check_sources(content_dir: Path, record: dict, edited: list[str], content: dict[str, str]) -> None:
    """Same header, plain bodies: else PatchRefused."""
    content_state = lambda rel: content.get(rel, "")  # noqa: E731
    for rel in edited:
        entry = record["articles"][rel]
        if not content_state(rel).startswith("f "):
            raise PatchRefused(f"{rel}: không phải tệp thường")   # never read through a symlink
        try:
            text = (content_dir / rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PatchRefused(f"{rel}: không đọc được ({exc})") from None
        header = parse_header(text)
        if header_digest(header.fields) != entry["header"]:
            raise PatchRefused(f"{rel}: phần đầu bài thay đổi")
        if not (entry["plain"] and is_plain(header.body)):
            raise PatchRefused(f"{rel}: thân bài có ảnh, video hoặc liên kết nội bộ")


def scratch_content(content_dir: Path, content: dict[str, str], record: dict, edited: list[str],
                    target: Path) -> None:
    """``target``: the content folder with only the edited articles (files hard-linked)."""
    articles = record["articles"]
    for rel, state in content.items():
        if not state.startswith("f ") or (rel in articles and rel not in edited):
            continue
        source, copy_to = content_dir / rel, target / rel
        copy_to.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, copy_to)
        except OSError:
            shutil.copy2(source, copy_to)


def run_scratch(settings: dict, content: Path, output: Path, work: Path) -> dict:
    """Build the scratch site with the real pipeline; its settings after the run."""
    from pelican import Pelican

    scratch = pristine(settings)
    scratch.update(SCRATCH_OVERRIDES)
    scratch.update({"PATH": str(content), "OUTPUT_PATH": str(output), "RENDER_CACHE_DIR": str(work / "render"),
                    "DELETE_OUTPUT_DIRECTORY": False})
    from pelican.log import console

    # Pelican's own "Done: Processed 1 article…" would mislead; the scratch
    # build's warnings about the edited articles are shown as in any build.
    shown = console.print

    def print_but_the_summary(*objects, **kwargs):
        if objects and isinstance(objects[0], str) and objects[0].startswith("Done: Processed"):
            return None
        return shown(*objects, **kwargs)

    console.print = print_but_the_summary
    try:
        pelican = Pelican(scratch)
        pelican.run()
    except Exception as exc:  # the full build reports it properly
        raise PatchRefused(f"dựng thử không thành công ({type(exc).__name__}: {exc})") from None
    finally:
        console.print = shown
    return pelican.settings


def splice(live_page: str, scratch_page: str, name: str) -> str:
    live_span, scratch_span = body_span(live_page), body_span(scratch_page)
    if live_span is None or scratch_span is None:
        raise PatchRefused(f"{name}: không tìm thấy phần thân bài trong trang")
    old_body = live_page[live_span[0]:live_span[1]]
    new_body = scratch_page[scratch_span[0]:scratch_span[1]]
    for body in (old_body, new_body):
        if re.search(r"<(img|picture|video|iframe)\b", body):
            raise PatchRefused(f"{name}: thân bài có ảnh hoặc video")
    return live_page[:live_span[0]] + new_body + live_page[live_span[1]:]


def _html_pages(root: Path):
    """``(name, path)`` of every HTML page under ``root`` but Pagefind's files."""
    for name, entry in output_files(root):
        if name.endswith(".html") and not name.startswith("pagefind"):
            yield name, Path(entry.path)


def patch_listings(live: Path, scratch: Path, lead_edits: dict[str, str], files: dict[str, bytes]) -> list[str]:
    """Every live page that shows the summary of an article whose lead was
    edited (``lead_edits``: its address → its page) gets the new one, of the
    same kind (a card, the home page's lead story), from the scratch build's
    pages; PatchRefused when a kind the live site shows is not there."""
    summaries: dict[str, dict[str, str]] = {url: {} for url in lead_edits}
    for name, path in _html_pages(scratch):
        page = path.read_text(encoding="utf-8")
        for url in lead_edits:
            for kind, start, end in summary_spans(page, url):
                found = summaries[url].setdefault(kind, page[start:end])
                if found != page[start:end]:
                    raise PatchRefused(f"{name}: hai phần tóm tắt kiểu «{kind}» khác nhau")
    keys = [str(escape(url)).encode("utf-8") for url in lead_edits]  # as the pages write it
    patched = []
    for name, path in _html_pages(live):
        if name in lead_edits.values():
            continue  # the article's own page: spliced whole (splice_lead)
        data = files.get(name) or path.read_bytes()
        if not any(key in data for key in keys):
            continue
        page = original = data.decode("utf-8")
        for url in lead_edits:
            page = replace_summaries(page, url, summaries[url], name)
        if page != original:
            files[name] = page.encode("utf-8")
            patched.append(name)
    return patched


_ENTRY = {"rss": (b"<item>", b"</item>"), "atom": (b"<entry>", b"</entry>")}
_CONTENT = {"rss": re.compile(rb"<content:encoded>.*?</content:encoded>|<description>.*?</description>", re.S),
            "atom": re.compile(rb"<content[ >].*?</content>|<summary[ >].*?</summary>", re.S)}


def _entries(data: bytes, kind: str) -> dict[bytes, tuple[int, int]]:
    """Entry link → (start, end) of each entry of a feed document."""
    start_tag, end_tag = _ENTRY[kind]
    found, at = {}, 0
    link = re.compile(rb"<link>([^<]*)</link>" if kind == "rss" else rb'<link href="([^"]*)" rel="alternate"')
    while True:
        start = data.find(start_tag, at)
        if start < 0:
            return found
        end = data.find(end_tag, start)
        if end < 0:
            return found
        end += len(end_tag)
        match = link.search(data, start, end)
        if match:
            found[match.group(1)] = (start, end)
        at = end


def patch_feeds(live: Path, scratch: Path, urls: dict[str, str], files: dict[str, bytes]) -> list[str]:
    """Every live feed listing an edited article gets that entry (its content
    and summary: the lead may have changed) from the scratch build's feed."""
    patched = []
    for path in sorted(scratch.rglob("*.xml")):
        rel = path.relative_to(scratch).as_posix()
        target = live / rel
        if not target.is_file():
            continue
        new = path.read_bytes()
        kind = "atom" if b"<feed" in new[:500] else "rss" if b"<rss" in new[:500] else None
        if kind is None:
            continue
        data = files.get(rel) or target.read_bytes()
        live_entries = _entries(data, kind)
        scratch_entries = _entries(new, kind)
        changed = False
        for url in urls.values():
            key = url.encode("utf-8")
            if key not in live_entries:
                continue
            if key not in scratch_entries:
                raise PatchRefused(f"{rel}: không có mục của bài trong bản dựng thử")
            old_start, old_end = live_entries[key]
            new_start, new_end = scratch_entries[key]
            old_entry, new_entry = data[old_start:old_end], new[new_start:new_end]
            if _CONTENT[kind].sub(b"", old_entry) != _CONTENT[kind].sub(b"", new_entry):
                raise PatchRefused(f"{rel}: mục của bài khác ngoài phần nội dung")
            data = data[:old_start] + new_entry + data[old_end:]
            live_entries = _entries(data, kind)
            changed = True
        if changed:
            files[rel] = data
            patched.append(rel)
    return patched


def apply(patch: Patch) -> None:
    """Write the patch into the live output: every file and folder is
    complete before it replaces the old one (``os.replace``)."""
    live = patch.live
    for name, data in sorted(patch.files.items()):
        target = guard_write(live / name, live)   # inside the output, no symlink on the way
        if not target.parent.is_dir():
            raise PatchRefused(f"{name}: không ghi được")
        temporary = target.with_name(f".{target.name}.sua-nhanh")
        temporary.write_bytes(data)
        os.replace(temporary, target)
    for name in patch.removed:
        guard_write(live / name, live).unlink(missing_ok=True)
    for name, folder in sorted(patch.folders.items()):
        target = guard_write(live / name, live)
        old = target.with_name(f".{target.name}.cu")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            os.replace(target, old)
        shutil.move(str(folder), str(target))
        shutil.rmtree(old, ignore_errors=True)


def patch_build(settings: dict, live: Path, record: dict, content: dict[str, str], work: Path) -> dict:
    """Patch the live output for the edited articles; the record's new
    ``articles``. Raises PatchRefused (nothing written) when it cannot."""
    content_dir = Path(settings["PATH"])
    edited = edited_articles(record, content, int(settings["UPTODATE_PATCH_MAX"]))
    check_sources(content_dir, record, edited, content)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        scratch_dir = work / "content"
        scratch_content(content_dir, content, record, edited, scratch_dir)
        scratch_out = work / "output"
        done = run_scratch(settings, scratch_dir, scratch_out, work)
        found = done.get(ARTICLES) or {}
        pages, urls, lead_edits = [], {}, {}
        patch = Patch(settings=settings, live=live, work=work, pages=pages, notes=record.get("notes") or {},
                      portal=done.get("PORTAL"))
        for rel in edited:
            old, new = record["articles"][rel], found.get(rel)
            if new is None or new["page"] != old["page"] or new["header"] != old["header"]:
                raise PatchRefused(f"{rel}: bản dựng thử không có trang của bài")
            name = old["page"]
            try:
                live_page = (live / name).read_text(encoding="utf-8")
                scratch_page = (scratch_out / name).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                raise PatchRefused(f"{name}: không đọc được trang") from None
            page = splice(live_page, scratch_page, name)
            url = f"{settings['SITEURL']}/{old['url']}"
            if new["lead"] != old["lead"]:
                page = splice_lead(page, scratch_page, name)
                lead_edits[url] = name
            patch.files[name] = page.encode("utf-8")
            pages.append(name)
            urls[rel] = url
        listings = patch_listings(live, scratch_out, lead_edits, patch.files) if lead_edits else []
        feeds = patch_feeds(live, scratch_out, urls, patch.files)
        signal(PATCH_SIGNAL).send(patch)
        apply(patch)
        logger.info("Sửa nhanh: %s; luồng tin: %s; tóm tắt trên %d trang danh sách", ", ".join(pages),
                    ", ".join(feeds) or "không", len(listings))
        articles = dict(record["articles"])
        articles.update({rel: found[rel] for rel in edited})
        return articles
    finally:
        shutil.rmtree(work, ignore_errors=True)

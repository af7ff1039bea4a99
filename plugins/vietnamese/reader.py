"""The Markdown reader: the header parsed once, the body NFC and sanitised.

For an article, the header was already parsed (with line numbers) by the
validator at ``initialized``: the reader takes those values from the
article's :class:`portal.article.ArticleFacts` (``PORTAL.records``) and hands
the facts on as ``metadata["facts"]``. Pages and campaign prose are parsed by
the same ``portal.header.parse_header``: one header parser for the project.

Editors type with Unikey/VNI in composed or decomposed forms; the parser
normalises to NFC. The body and ``Summary`` (the fields Markdown turns into
HTML) go through the nh3 allowlist of ``portal.safety`` here, so every plugin
downstream (images, feeds, search, descriptions) only ever sees sanitised
HTML.
"""

from __future__ import annotations

import logging
from pathlib import Path

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime, pelican_open

from portal.fingerprint import code_digest
from portal.header import parse_header
from portal.memo import Memo, key_of
from portal.paths import source_key
from portal.problems import READ_FAILURES
from portal.safety import clean_html
from portal.timing import timed

from . import ahead


logger = logging.getLogger(__name__)

MEMO = "_VIETNAMESE_MEMO"  # per run: Markdown bodies already converted (portal.memo)
AHEAD = "_VIETNAMESE_AHEAD"  # per run: the helper converting bodies alongside (ahead.py), or None


def memo_of(settings) -> Memo:
    """This run's memo of converted bodies (``<content>/../.cache/markdown.sqlite3``)."""
    memo = settings.get(MEMO)
    if memo is None:
        memo = settings[MEMO] = Memo(Path(settings["PATH"]).parent / ".cache" / "markdown.sqlite3")
    return memo


def close_memo(settings) -> None:
    memo = settings.pop(MEMO, None)
    if memo is not None:
        memo.close()


def body_key(settings, body: str) -> str:
    """The memo key of a body: the body, the Markdown options, the code."""
    return key_of(body, repr(sorted(settings["MARKDOWN"].items(), key=lambda kv: kv[0])), code_digest())


def start_helper(settings, bodies) -> None:
    """Convert ``bodies`` not in the memo in a forked helper while Pelican
    reads (``ahead.py``), from ``VIETNAMESE_HELPER_FROM`` of them on."""
    stop_helper(settings)
    memo = memo_of(settings)
    pending = {}
    for body in bodies:
        pending.setdefault(body_key(settings, body), body)
    for key in memo.known(pending):
        del pending[key]
    settings[AHEAD] = ahead.start(pending, settings["MARKDOWN"], settings.get("VIETNAMESE_HELPER_FROM", 0))


def stop_helper(settings) -> None:
    helper = settings.pop(AHEAD, None)
    if helper is not None:
        helper.close()
        logger.debug("Markdown: %d bài do tiến trình phụ chuyển", helper.taken)


def _unreadable(settings, source_path, message: str, hint: str) -> ValueError:
    """Remember why a file could not be read (Pelican then drops it and the
    contract plugin reports it with this reason), and the exception to raise."""
    settings.setdefault(READ_FAILURES, {})[source_key(source_path)] = (message, hint)
    return ValueError(f"{message} → {hint}")


class NFCMarkdownReader(MarkdownReader):
    @timed("read (Markdown)")
    def read(self, source_path):
        self._source_path = source_path
        if getattr(self, "_md", None) is None:  # one converter per reader (building one loads every extension)
            self._md = Markdown(**self.settings["MARKDOWN"])
        elif "meta" not in self._md.preprocessors:  # Pelican's _parse_metadata unhooks it from the last file
            self._md.preprocessors.register(self._meta_preprocessor, "meta", 27)
        self._meta_preprocessor = self._md.preprocessors["meta"]
        self._md.reset()
        portal = self.settings.get("PORTAL")
        facts = portal.records.get(source_key(source_path)) if portal is not None else None
        self._facts = facts
        if facts is not None:
            header = facts.header
        else:
            with pelican_open(source_path) as text:
                header = parse_header(text)
        # Pelican's own conversion of values (dates, tags, authors; Summary as
        # Markdown). It also unhooks the `meta` extension, so the body below is
        # never mistaken for a header.
        try:
            metadata = self._parse_metadata({key: [value] for key, value in header.fields.items()})
            content = self._convert(header.body)
        except RecursionError as exc:
            raise _unreadable(self.settings, source_path, "nội dung lồng nhau quá sâu (danh sách, trích dẫn hoặc "
                              "thẻ HTML lồng hàng trăm cấp)", "giảm số cấp lồng nhau của danh sách/trích dẫn") from exc
        except (ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:
            raise _unreadable(self.settings, source_path, f"không chuyển được nội dung Markdown ({exc})",
                              "kiểm tra đoạn Markdown/HTML vừa thêm vào bài") from exc
        if isinstance(metadata.get("summary"), str):
            metadata["summary"] = clean_html(metadata["summary"])
        if facts is not None:
            metadata["facts"] = facts
        return content, metadata

    def process_metadata(self, name, value):
        """Pelican's conversion of one header value, but for the dates the
        validator already parsed: the same naive value ``dateutil`` would
        give (Pelican adds the time zone), without parsing again."""
        parsed = getattr(getattr(self, "_facts", None), name, None) if name in ("date", "modified") else None
        if parsed is not None:
            return SafeDatetime(parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute, parsed.second)
        return super().process_metadata(name, value)

    def _convert(self, body: str) -> str:
        """Markdown → sanitised HTML; remembered across builds by its inputs;
        a body the helper of this run claimed is taken from it."""
        memo = memo_of(self.settings)
        key = body_key(self.settings, body)
        content = memo.get(key)
        if content is None:
            helper = self.settings.get(AHEAD)
            if helper is not None and not helper.mine(key):
                content = helper.take(key)
            if content is None:
                content = ahead.convert_body(self._md, body)
            memo.put(key, content)
        return content

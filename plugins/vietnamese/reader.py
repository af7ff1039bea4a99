"""A Markdown reader that normalises the whole source to NFC before parsing
and sanitises the HTML it produces.

Editors type with Unikey/VNI in composed or decomposed forms; normalising the
source text once means every metadata value and the body are NFC. The body
and ``Summary`` (the fields Markdown turns into HTML) go through the nh3
allowlist of ``portal.safety`` here, so every plugin downstream (images,
feeds, search, descriptions) only ever sees sanitised HTML.
"""

from __future__ import annotations

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from portal.safety import clean_html

from portal.text import nfc


class NFCMarkdownReader(MarkdownReader):
    def read(self, source_path):
        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])
        with pelican_open(source_path) as text:
            content = clean_html(self._md.convert(nfc(text)))
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        if isinstance(metadata.get("summary"), str):
            metadata["summary"] = clean_html(metadata["summary"])
        return content, metadata

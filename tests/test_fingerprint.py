"""plugins/fingerprint: the content-named URL of a theme file in templates."""

from __future__ import annotations

import hashlib
import os
from types import SimpleNamespace as NS

import pytest

from plugins.fingerprint.handlers import FingerprintError, add_global


def _static_url(tmp_path, enabled=True):
    (tmp_path / "static" / "css").mkdir(parents=True)
    generator = NS(settings={"THEME": str(tmp_path), "THEME_STATIC_DIR": "theme", "FINGERPRINT_ENABLED": enabled,
                             "FINGERPRINT_SUFFIXES": [".css", ".js"]}, env=NS(globals={}))
    add_global(generator)
    return generator.env.globals["static_url"]


def test_static_url_names_a_file_by_its_content_and_follows_an_edit(tmp_path):
    """Every page asks for the same few files: the name is remembered for the
    run, but a file edited meanwhile (livereload) gets its new name."""
    static_url = _static_url(tmp_path)
    css = tmp_path / "static" / "css" / "site.css"
    css.write_bytes(b"body{color:#b3191c}")
    first = static_url("/css/site.css")
    assert first == f"theme/css/site-{hashlib.sha256(css.read_bytes()).hexdigest()[:10]}.css"
    assert static_url("css/site.css") == first
    css.write_bytes(b"body{color:#1a1a1a;margin:0}")
    os.utime(css, ns=(css.stat().st_atime_ns, css.stat().st_mtime_ns + 10**9))
    assert static_url("css/site.css") == f"theme/css/site-{hashlib.sha256(css.read_bytes()).hexdigest()[:10]}.css"
    with pytest.raises(FingerprintError, match="không có tệp"):
        static_url("css/khong-co.css")
    (tmp_path / "static" / "css" / "thu-muc.css").mkdir()
    with pytest.raises(FingerprintError, match="không có tệp"):
        static_url("css/thu-muc.css")
    assert static_url("images/logo.svg") == "theme/images/logo.svg"  # not a fingerprinted suffix


def test_static_url_is_the_plain_path_when_fingerprints_are_off(tmp_path):
    assert _static_url(tmp_path, enabled=False)("css/site.css") == "theme/css/site.css"

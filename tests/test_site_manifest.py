"""The sample site is the same file for file and byte for byte (text files)
as the committed fingerprint: refactorings change nothing by accident.

After an intended change to the output, refresh the fingerprint in the same
commit: ``.venv/bin/python scripts/site_manifest.py --build --write``.
"""

from __future__ import annotations

import importlib.util

from conftest import ROOT


def _tool():
    spec = importlib.util.spec_from_file_location("site_manifest", ROOT / "scripts" / "site_manifest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_site_matches_its_fingerprint(site):
    tool = _tool()
    expected = tool.MANIFEST.read_text(encoding="utf-8").splitlines()
    actual = tool.manifest(site)
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    assert not missing and not extra, (
        "The sample site differs from tests/fixtures/sample_site_manifest.txt.\n"
        f"Only in the fingerprint ({len(missing)}): {missing[:20]}\n"
        f"Only in this build ({len(extra)}): {extra[:20]}\n"
        "If the change is intended: .venv/bin/python scripts/site_manifest.py --build --write")

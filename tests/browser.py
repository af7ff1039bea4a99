"""Helpers for browser tests: a local static server, Debian's Chromium, nginx.

The session fixtures that use them (``chromium``, ``served_site``) are in
conftest.py: one browser and one served copy of the sample per session.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import socket
import threading
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def serve(directory: Path, port: int):
    """Serve ``directory`` on http://127.0.0.1:port until the block ends."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


# --- nginx with deploy/nginx.conf (tests/test_security_output.py) -----------

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEPLOY_CONF = Path(__file__).resolve().parents[1] / "deploy" / "nginx.conf"
# What tests change in deploy/nginx.conf (everything else is used byte for byte).
DEPLOY_ROOT = "root /var/www/congdoan/current;"
DEPLOY_SYMLINKS_FROM = "from=/var/www/congdoan/current;"
DEPLOY_CERT = "ssl_certificate /etc/letsencrypt/live/congdoanlaichau.example.vn/fullchain.pem;"
DEPLOY_KEY = "ssl_certificate_key /etc/letsencrypt/live/congdoanlaichau.example.vn/privkey.pem;"


# Debian's libnginx-mod-http-brotli-static, for `brotli_static` in deploy/nginx.conf.
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def nginx_available() -> bool:
    return Path(NGINX).exists() and shutil.which("openssl") is not None


def rehost(source: Path, target: Path, old_origin: str, new_origin: str) -> Path:
    """A copy of a built site whose absolute URLs point at ``new_origin``.

    The session builds use the production SITEURL; a browser on 127.0.0.1
    must load the same pages from the local server. Binary files are
    hard-linked, text files rewritten (only the origin string changes).
    """
    import gzip
    import os

    texts = {".html", ".xml", ".css", ".js", ".json", ".txt", ".csv"}
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.rglob("*")):
        dest = target / path.relative_to(source)
        if path.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
        elif path.suffix in texts:
            dest.write_bytes(path.read_bytes().replace(old_origin.encode(), new_origin.encode()))
        elif path.suffix == ".gz" and Path(path.stem).suffix in texts:
            # pre-compressed copy (plugins/precompress): compress the rewritten text again
            text = gzip.decompress(path.read_bytes()).replace(old_origin.encode(), new_origin.encode())
            dest.write_bytes(gzip.compress(text, mtime=0))
        elif path.suffix == ".br" and Path(path.stem).suffix in texts:
            import brotli

            text = brotli.decompress(path.read_bytes()).replace(old_origin.encode(), new_origin.encode())
            dest.write_bytes(brotli.compress(text, quality=5))
        else:
            os.link(path, dest)
    return target


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A throw-away certificate for 127.0.0.1 (openssl), for nginx's TLS server."""
    import subprocess

    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def deploy_conf_for(root: Path, https_port: int, http_port: int, cert: Path, key: Path) -> str:
    """deploy/nginx.conf with only the site root, the listen addresses and the
    certificate paths changed (IPv6 listens dropped: the test box may have none)."""
    import re

    text = DEPLOY_CONF.read_text(encoding="utf-8")
    replacements = [
        (re.escape(DEPLOY_ROOT), f"root {root};"),
        (re.escape(DEPLOY_SYMLINKS_FROM), f"from={root};"),
        (re.escape(DEPLOY_CERT), f"ssl_certificate {cert};"),
        (re.escape(DEPLOY_KEY), f"ssl_certificate_key {key};"),
        (r"(?m)^\s*listen \[::\]:\d+[^;]*;\n", ""),
        (r"(?m)^(\s*)listen 443\b", rf"\g<1>listen 127.0.0.1:{https_port}"),
        (r"(?m)^(\s*)listen 80\b", rf"\g<1>listen 127.0.0.1:{http_port}"),
    ]
    for pattern, new in replacements:
        text, count = re.subn(pattern, new, text)
        assert count >= 1, f"deploy/nginx.conf no longer has {pattern!r}"
    if not BROTLI_MODULE.exists():  # the module is not installed: serve gzip only
        text = re.sub(r"(?m)^\s*brotli_static on;\n", "", text)
    return text


@contextlib.contextmanager
def nginx_serving(folder: Path, sites: list[dict]):
    """Run one nginx (foreground, as the test user, logs in ``folder``) with
    one copy of deploy/nginx.conf per site: dicts with ``root``, ``https_port``
    and ``http_port``. Yields the nginx error log path; stops nginx at the end."""
    import os
    import subprocess
    import time

    folder.mkdir(parents=True, exist_ok=True)
    cert, key = self_signed_certificate(folder)
    includes = []
    for index, site in enumerate(sites):
        conf = folder / f"site-{index}.conf"
        conf.write_text(deploy_conf_for(Path(site["root"]), site["https_port"], site["http_port"], cert, key),
                        encoding="utf-8")
        includes.append(f"    include {conf};")
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    main = "\n".join([
        *([f"load_module {BROTLI_MODULE};"] if BROTLI_MODULE.exists() else []),
        "daemon off;",
        "worker_processes 1;",
        *(["user root;"] if os.geteuid() == 0 else []),  # workers must read pytest's private tmp
        f"pid {folder / 'nginx.pid'};",
        f"error_log {folder / 'error.log'} warn;",
        "events { worker_connections 64; }",
        "http {",
        "    include /etc/nginx/mime.types;",
        "    default_type application/octet-stream;",
        f"    access_log {folder / 'access.log'};",
        *[f"    {name}_temp_path {path};" for name, path in
          (("client_body", temp["body"]), *((n, temp[n]) for n in ("proxy", "fastcgi", "uwsgi", "scgi")))],
        *includes,
        "}",
        "",
    ])
    conf = folder / "nginx.conf"
    conf.write_text(main, encoding="utf-8")
    error_log = folder / "error.log"
    check = subprocess.run([NGINX, "-t", "-q", "-e", str(error_log), "-p", str(folder), "-c", str(conf)],
                           capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"nginx -t failed:\n{check.stderr}\n{conf.read_text()}")
    process = subprocess.Popen([NGINX, "-e", str(error_log), "-p", str(folder), "-c", str(conf)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        ports = [port for site in sites for port in (site["https_port"], site["http_port"])]
        deadline = time.monotonic() + 10
        while ports:
            if process.poll() is not None:
                raise RuntimeError(f"nginx stopped: {process.stderr.read()}\n{error_log.read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", ports[0]), timeout=0.2):
                    ports.pop(0)
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not listen on {ports[0]}") from None
                time.sleep(0.05)
        yield error_log
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

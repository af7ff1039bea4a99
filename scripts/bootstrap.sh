#!/usr/bin/env bash
# Set up everything the portal needs on a fresh machine: a Python virtualenv
# with the pinned packages and, with --test, Debian's Chromium and nginx for tests.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "==> Tạo môi trường Python (.venv)"
  "$PYTHON" -m venv .venv
fi
echo "==> Cài các gói Python (requirements.txt)"
.venv/bin/python -m pip install --quiet --disable-pip-version-check \
  -r requirements.txt -c requirements.lock.txt
# The project itself (the core `portal` and the plugins), editable: no sys.path edits anywhere.
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .

# Debian 12 and later ship the server binary in `nginx` (nginx-light only adds
# a module on top); older releases may only offer nginx-light.
nginx_package() {
  local policy
  policy=$(apt-cache policy nginx 2>/dev/null || true)
  if grep -q 'Candidate: [0-9]' <<<"$policy"; then
    echo nginx
  else
    echo nginx-light
  fi
}

# System packages: rsync (for `invoke publish`), Java and npm (the Nu HTML
# Checker of `invoke gates`, below) always; for tests, Chromium,
# and nginx + openssl (tests serve the build through deploy/nginx.conf over
# HTTPS with a throw-away certificate, in their own nginx process: the
# system nginx service is never used).
missing=()
command -v rsync >/dev/null 2>&1 || missing+=(rsync)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${1:-}" = "--test" ]; then
  if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
    missing+=(chromium)
  fi
  if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    missing+=(nginx)  # the package name is chosen once the package lists are fresh
  fi
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  # nginx's brotli_static (deploy/nginx.conf serves the build's .br copies).
  if [ ! -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
    missing+=(libnginx-mod-http-brotli-static)
  fi
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
  fi
  packages=()
  for name in "${missing[@]}"; do
    if [ "$name" = nginx ]; then name=$(nginx_package); fi
    packages+=("$name")
  done
  if [ "$(id -u)" = "0" ]; then
    echo "==> Cài gói hệ thống: ${packages[*]}"
    apt-get install -y -qq "${packages[@]}" </dev/null
  else
    echo "!! Thiếu ${packages[*]}: chạy «sudo apt-get install -y ${packages[*]}»" >&2
  fi
fi
# The Nu HTML Checker for `invoke gates` (vnu.jar, run by the system Java):
# npm's vnu-jar package, pinned, into .tools/ (its install script, which
# would fetch a Java of its own, is not run).
VNU_VERSION=26.9.27
if [ ! -f .tools/node_modules/vnu-jar/build/dist/vnu.jar ] || \
   ! grep -q "\"version\": \"$VNU_VERSION\"" .tools/node_modules/vnu-jar/package.json 2>/dev/null; then
  if command -v npm >/dev/null 2>&1; then
    echo "==> Cài trình kiểm tra HTML Nu (vnu-jar $VNU_VERSION)"
    mkdir -p .tools
    npm install --silent --no-audit --no-fund --ignore-scripts --no-save --prefix .tools "vnu-jar@$VNU_VERSION" </dev/null
  else
    echo "!! Thiếu npm: «invoke gates» cần vnu.jar (sudo apt-get install -y npm rồi chạy lại)" >&2
  fi
fi
echo "==> Sẵn sàng."

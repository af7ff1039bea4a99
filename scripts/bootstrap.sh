#!/usr/bin/env bash
# Set up everything the portal needs on a fresh machine: a Python virtualenv
# with the pinned packages and, with --test, Debian's Chromium for browser tests.
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

# System packages: rsync (for `invoke publish`) always; Chromium for tests.
missing=()
command -v rsync >/dev/null 2>&1 || missing+=(rsync)
if [ "${1:-}" = "--test" ] && ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  missing+=(chromium)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "==> Cài gói hệ thống: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" </dev/null
  else
    echo "!! Thiếu ${missing[*]}: chạy «sudo apt-get install -y ${missing[*]}»" >&2
  fi
fi
echo "==> Sẵn sàng."

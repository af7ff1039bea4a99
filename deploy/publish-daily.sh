#!/usr/bin/env bash
# Pull, build, gate and publish the portal: what the systemd timer
# (deploy/systemd/), the cron line (deploy/cron.d/) and the CI examples
# (deploy/ci/) run. Run it from anywhere as the user that owns the clone:
#
#   PORTAL_PUBLISH_TARGET=/var/www/congdoan deploy/publish-daily.sh
#
# Steps: `git pull --ff-only` (skipped with PORTAL_NO_PULL=1, e.g. in CI,
# which has just checked out the commit), `scripts/bootstrap.sh` (installs
# new pinned packages; quick when nothing changed), then `invoke publish`:
# a production build for today (Vietnam time: scheduled articles dated
# today appear, countdowns and quota pace move on), the gates, and an
# atomic switch of `current`. Any failure exits non-zero and leaves the
# live release as it was. One run at a time (flock).
set -euo pipefail
cd "$(dirname "$0")/.."

exec 9>.publish-daily.lock
if ! flock -n 9; then
  echo "Một lần đăng khác đang chạy; lần này bỏ qua." >&2
  exit 0
fi

echo "==> $(TZ=Asia/Ho_Chi_Minh date '+%H:%M %d/%m/%Y') (giờ Việt Nam): bắt đầu"
if [ "${PORTAL_NO_PULL:-}" != "1" ]; then
  echo "==> Lấy bản mới nhất của kho (git pull --ff-only)"
  git pull --ff-only --quiet
fi
bash scripts/bootstrap.sh
.venv/bin/invoke publish "$@"

#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (test/docs-site), which drive it
# with playwright-core at /usr/bin/chromium. Idempotent: does nothing when it is there.
# Run by scripts/test-setup.sh (npm's pretest); needs root and the Debian mirrors.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present) at /usr/bin/chromium"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "chromium: /usr/bin/chromium is missing and this is not root; install it with: sudo apt-get install -y chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Other setup scripts may be installing at the same time: wait for dpkg's lock
# instead of failing on it.
LOCK=(-o DPkg::Lock::Timeout=600)
apt-get "${LOCK[@]}" update
apt-get "${LOCK[@]}" install -y --no-install-recommends chromium fonts-dejavu-core
/usr/bin/chromium --version

#!/usr/bin/env bash
# Installs mypy from Debian (python3-mypy) for the generated Python tracker's type checks
# (pyright comes from npm, a devDependency). Python 3.11 is on every machine. Idempotent:
# does nothing when mypy runs. Run by scripts/test-setup.sh (npm's pretest); needs root.
set -euo pipefail
# Debian installs it for /usr/bin/python3 (the PATH python3 may be another build).
if /usr/bin/python3 -m mypy --version >/dev/null 2>&1; then
  echo "mypy: $(/usr/bin/python3 -m mypy --version)"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "mypy: missing and this is not root; install it with: sudo apt-get install -y python3-mypy" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
LOCK=(-o DPkg::Lock::Timeout=600)
apt-get "${LOCK[@]}" update
apt-get "${LOCK[@]}" install -y --no-install-recommends python3-mypy
/usr/bin/python3 -m mypy --version

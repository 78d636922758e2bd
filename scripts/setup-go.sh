#!/usr/bin/env bash
# Installs Go from Debian (golang-go) for the generated Go tracker's go vet / build / test.
# No module proxy is reachable, so the generated module uses the standard library only.
# Idempotent: does nothing when go runs. Run by scripts/test-setup.sh (npm's pretest); needs root.
set -euo pipefail
if command -v go >/dev/null 2>&1; then
  echo "go: $(go version)"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "go: missing and this is not root; install it with: sudo apt-get install -y golang-go" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
LOCK=(-o DPkg::Lock::Timeout=600)
apt-get "${LOCK[@]}" update
apt-get "${LOCK[@]}" install -y --no-install-recommends golang-go
go version

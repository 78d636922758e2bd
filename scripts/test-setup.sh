#!/usr/bin/env bash
# Runs before the tests (npm's pretest): installs and starts what tests need beyond
# `npm ci` (each scripts/setup-*.sh: a browser, a database server). Each script is
# idempotent and must not fail the run when it cannot install (tests that need the
# component then report why they are skipped or fail with a clear message).
set -u
cd "$(dirname "$0")/.."
for s in scripts/setup-*.sh; do
  [ -e "$s" ] || continue
  echo "== $s"
  bash "$s" || echo "warning: $s failed (exit $?)"
done
exit 0

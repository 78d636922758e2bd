#!/usr/bin/env bash
# PyYAML: the YAML 1.1 loader dbt uses, which the tests read the generated dbt YAML with
# (test/pyyaml.ts looks for a python3 that imports it). Idempotent: nothing to do when one
# does; else Debian's python3-yaml.
set -u
for py in python3 /usr/bin/python3; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import yaml' >/dev/null 2>&1; then exit 0; fi
done
if [ "$(id -u)" != 0 ]; then echo "setup-pyyaml: PyYAML is missing and we are not root" >&2; exit 0; fi
echo "setup-pyyaml: installing Debian's python3-yaml"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq python3-yaml >/dev/null 2>&1 || echo "setup-pyyaml: apt-get install python3-yaml failed" >&2
exit 0

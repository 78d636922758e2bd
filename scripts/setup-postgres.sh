#!/usr/bin/env bash
# Installs (Debian's postgresql) and starts a real PostgreSQL server for the tests, creates
# a role and a database, and writes the connection URL to .taxonomy-cache/postgres-url
# (tests also accept TAXONOMY_PG_URL). Idempotent: a running server is reused. When the
# server cannot be installed or started, the URL file is removed and the tests that need it
# say so and skip; everything else still runs (PGlite stands in for PostgreSQL there).
set -u
cd "$(dirname "$0")/.."
URL_FILE=.taxonomy-cache/postgres-url
DB=taxonomy_test
ROLE=taxonomy
PASS=taxonomy
PORT=${TAXONOMY_PG_PORT:-5432}
mkdir -p .taxonomy-cache
rm -f "$URL_FILE"

fail() { echo "setup-postgres: $*; the real-server tests will be skipped" >&2; exit 0; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then fail "postgresql is not installed and we are not root"; fi
  echo "setup-postgres: installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq postgresql >/dev/null 2>&1 || fail "apt-get install postgresql failed"
fi

VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)
[ -n "$VERSION" ] || fail "no PostgreSQL version under /usr/lib/postgresql"
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$VERSION main$"; then
  pg_createcluster "$VERSION" main -p "$PORT" >/dev/null 2>&1 || fail "pg_createcluster $VERSION main failed"
fi
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$VERSION" main start >/dev/null 2>&1 || fail "pg_ctlcluster $VERSION main start failed (see /var/log/postgresql/)"
fi
PORT=$(pg_lsclusters -h | awk -v v="$VERSION" '$1==v && $2=="main" {print $3}')

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
for _ in 1 2 3 4 5 6 7 8 9 10; do
  as_pg psql -p "$PORT" -qAtc 'SELECT 1' >/dev/null 2>&1 && break
  sleep 1
done
as_pg psql -p "$PORT" -qAtc 'SELECT 1' >/dev/null 2>&1 || fail "the server on port $PORT does not answer"
as_pg psql -p "$PORT" -qAtc "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN CREATE ROLE $ROLE LOGIN PASSWORD '$PASS'; END IF; END \$\$;" >/dev/null || fail "cannot create role $ROLE"
if [ "$(as_pg psql -p "$PORT" -qAtc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
  as_pg psql -p "$PORT" -qAtc "CREATE DATABASE $DB OWNER $ROLE" >/dev/null || fail "cannot create database $DB"
fi
URL="postgresql://$ROLE:$PASS@127.0.0.1:$PORT/$DB"
PGPASSWORD=$PASS psql "$URL" -qAtc 'SELECT 1' >/dev/null 2>&1 || fail "cannot log in as $ROLE over TCP on 127.0.0.1:$PORT"
echo "$URL" > "$URL_FILE"
echo "setup-postgres: PostgreSQL $VERSION ready at 127.0.0.1:$PORT (URL in $URL_FILE)"

#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 cluster on loopback and
# PARCELDESK_TEST_POSTGRES_URL / PARCELDESK_POSTGRES_URL pointing at it.
# The cluster lives in a temporary directory and is removed afterwards.
# POSTGRES_SETTINGS adds server settings ("-c shared_buffers=2GB …").
#   scripts/with-postgres.sh swift test --filter ParcelStoreTests
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PORT=${PGPORT_TEST:-55432}
DIR=$(mktemp -d /tmp/parceldesk-pg.XXXXXX)
chown postgres "$DIR" 2>/dev/null || true
as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
cleanup() {
    as_postgres "$PGBIN/pg_ctl -D $DIR/data -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT
as_postgres "$PGBIN/initdb -D $DIR/data -U parceldesk --auth=trust -E UTF8 --locale=C.UTF-8" >"$DIR/initdb.log"
as_postgres "$PGBIN/pg_ctl -D $DIR/data -l $DIR/server.log -o '-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=on ${POSTGRES_SETTINGS:-}' -w start" >/dev/null
as_postgres "$PGBIN/createdb -h 127.0.0.1 -p $PORT -U parceldesk parceldesk_test"
export PARCELDESK_TEST_POSTGRES_URL="postgres://parceldesk@127.0.0.1:$PORT/parceldesk_test?tlsmode=disable"
export PARCELDESK_POSTGRES_URL="$PARCELDESK_TEST_POSTGRES_URL"
"$@"

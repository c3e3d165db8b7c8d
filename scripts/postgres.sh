#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite, from Debian's packages.
#
#   scripts/postgres.sh start   install (if missing), initdb (once), start; prints DATABASE_URL
#   scripts/postgres.sh stop
#   scripts/postgres.sh url     print the DATABASE_URL of this cluster
#
# It runs on its own port and data directory, so it neither needs nor disturbs a
# PostgreSQL the machine may already run.
set -euo pipefail

PG_PORT=${PG_PORT:-5433}
PG_DIR=${PG_DIR:-/var/tmp/kennisbank-postgres-$PG_PORT}
DB_NAME=kennisbank
DB_USER=kennisbank
DB_PASSWORD=kennisbank
URL="postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME"

say() { printf '[postgres] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

ensure_installed() {
    bindir >/dev/null && return 0
    [ "$(id -u)" -eq 0 ] || die "install Debian's postgresql package first (needs root)"
    say "installing postgresql from Debian's packages"
    apt-get update -qq
    # The package would start a cluster of its own; this script runs its own instead.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    rm -f /usr/sbin/policy-rc.d
    bindir >/dev/null || die "postgresql installed but no initdb found"
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
    ensure_installed
    local bin
    bin=$(bindir)
    if [ ! -s "$PG_DIR/data/PG_VERSION" ]; then
        say "initialising a cluster in $PG_DIR"
        mkdir -p "$PG_DIR"
        [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
        as_owner "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 \
            --locale=C.UTF-8 >/dev/null
    fi
    if as_owner "$bin/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
        say "already running on port $PG_PORT"
    else
        say "starting on 127.0.0.1:$PG_PORT"
        as_owner "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
            -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null \
            || { tail -20 "$PG_DIR/server.log" >&2; die "PostgreSQL did not start"; }
    fi
    local psql=("$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qtAX)
    if [ -z "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" ]; then
        "${psql[@]}" -c "CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD'"
    fi
    if [ -z "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" ]; then
        "${psql[@]}" -c "CREATE DATABASE $DB_NAME OWNER $DB_USER"
    fi
    say "ready: $("${psql[@]}" -c 'SHOW server_version')"
    echo "$URL"
}

stop() {
    local bin
    bin=$(bindir) || { say "not installed"; return 0; }
    [ -s "$PG_DIR/data/PG_VERSION" ] || { say "no cluster"; return 0; }
    as_owner "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 && say "stopped" \
        || say "not running"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) echo "$URL" ;;
    *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac

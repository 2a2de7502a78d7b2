#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for the test suite, on its own port.
#   scripts/postgres.sh start   prints the DATABASE_URL to use; starts a cluster only if none answers
#   scripts/postgres.sh stop    stops the cluster if this script started it
# FIRSTPERSON_PG_SETTINGS adds server settings ("-c name=value ...") when this starts the cluster:
# the benchmarks give their clusters the memory a production database server would have.
set -euo pipefail
PG_PORT=${FIRSTPERSON_PG_PORT:-54329}
PG_DIR=/tmp/firstperson-pg-$PG_PORT
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
DATABASE_URL="postgres://firstperson:firstperson@127.0.0.1:$PG_PORT/firstperson"

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

case "${1:-}" in
  start)
    if ! "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
      rm -rf "$PG_DIR" && mkdir -p "$PG_DIR"
      [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DIR"
      as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
      as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${FIRSTPERSON_PG_SETTINGS:-}" \
        start >/dev/null
      touch "$PG_DIR/started-by-firstperson"
    fi
    psql_as_admin() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
    if [ "$(psql_as_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'firstperson'")" != "1" ]; then
      psql_as_admin -c "CREATE ROLE firstperson LOGIN PASSWORD 'firstperson' CREATEDB"
    fi
    if [ "$(psql_as_admin -c "SELECT 1 FROM pg_database WHERE datname = 'firstperson'")" != "1" ]; then
      psql_as_admin -c "CREATE DATABASE firstperson OWNER firstperson"
    fi
    echo "$DATABASE_URL"
    ;;
  stop)
    if [ -f "$PG_DIR/started-by-firstperson" ]; then
      as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null || true
      rm -rf "$PG_DIR"
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac

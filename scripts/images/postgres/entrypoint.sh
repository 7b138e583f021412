#!/bin/sh
# archtdd postgres image entrypoint, compatible with what @testcontainers/postgresql and the
# official image's users expect: POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, PGDATA, `postgres`
# as the command, and the path /usr/local/bin/docker-entrypoint.sh (the module's SSL wrapper execs it).
# Runs as the non-root user postgres (image USER); never as root.
set -e
if [ "$(id -u)" = 0 ]; then
  echo "archtdd postgres image: refusing to run as root; run as user postgres" >&2
  exit 1
fi
: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
: "${PGDATA:=/var/lib/postgresql/data}"
if [ "${1#-}" != "$1" ]; then set -- postgres "$@"; fi
if [ "$1" = "postgres" ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "$POSTGRES_PASSWORD" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != "trust" ]; then
    echo "archtdd postgres image: set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust)" >&2
    exit 1
  fi
  mkdir -p "$PGDATA" && chmod 700 "$PGDATA"
  pwfile="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync >/dev/null
  rm -f "$pwfile"
  echo "host all all all ${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}" >>"$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != "postgres" ]; then
    echo "CREATE DATABASE \"$POSTGRES_DB\";" | postgres --single -F -D "$PGDATA" -j postgres >/dev/null
  fi
  echo "archtdd postgres image: initialized $PGDATA (user $POSTGRES_USER, db $POSTGRES_DB)"
fi
if [ "$1" = "postgres" ]; then
  shift
  set -- postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/tmp "$@"
fi
exec "$@"

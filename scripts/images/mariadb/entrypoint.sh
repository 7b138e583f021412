#!/bin/sh
# archtdd mariadb image entrypoint, compatible with @testcontainers/mariadb and the official
# image's env: MARIADB_ROOT_PASSWORD (or MARIADB_ALLOW_EMPTY_ROOT_PASSWORD), MARIADB_DATABASE,
# MARIADB_USER, MARIADB_PASSWORD (MYSQL_* accepted too). Runs as the non-root user mysql.
# The account set-up runs as --init-file, before the server listens, so "port open" = ready.
set -e
: "${MARIADB_ROOT_PASSWORD:=${MYSQL_ROOT_PASSWORD:-}}"
: "${MARIADB_DATABASE:=${MYSQL_DATABASE:-}}"
: "${MARIADB_USER:=${MYSQL_USER:-}}"
: "${MARIADB_PASSWORD:=${MYSQL_PASSWORD:-}}"
DATADIR=/var/lib/mysql
if [ "${1#-}" != "$1" ]; then set -- mariadbd "$@"; fi
if [ "$1" = "mariadbd" ] || [ "$1" = "mysqld" ]; then
  shift
  if [ ! -d "$DATADIR/mysql" ]; then
    if [ -z "$MARIADB_ROOT_PASSWORD" ] && [ -z "$MARIADB_ALLOW_EMPTY_ROOT_PASSWORD" ]; then
      echo "archtdd mariadb image: set MARIADB_ROOT_PASSWORD (or MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1)" >&2
      exit 1
    fi
    mariadb-install-db --no-defaults --datadir="$DATADIR" --auth-root-authentication-method=normal \
      --skip-test-db --skip-name-resolve >/dev/null
  fi
  q() { printf '%s' "$1" | sed "s/'/''/g"; }
  init=/tmp/archtdd-init.sql
  {
    echo "SET sql_log_bin=0;"
    echo "CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY '$(q "$MARIADB_ROOT_PASSWORD")';"
    echo "ALTER USER 'root'@'%' IDENTIFIED BY '$(q "$MARIADB_ROOT_PASSWORD")';"
    echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$(q "$MARIADB_ROOT_PASSWORD")';"
    if [ -n "$MARIADB_DATABASE" ]; then echo "CREATE DATABASE IF NOT EXISTS \`$MARIADB_DATABASE\`;"; fi
    if [ -n "$MARIADB_USER" ]; then
      echo "CREATE USER IF NOT EXISTS '$(q "$MARIADB_USER")'@'%' IDENTIFIED BY '$(q "$MARIADB_PASSWORD")';"
      if [ -n "$MARIADB_DATABASE" ]; then
        echo "GRANT ALL ON \`$MARIADB_DATABASE\`.* TO '$(q "$MARIADB_USER")'@'%';"
      fi
    fi
    echo "FLUSH PRIVILEGES;"
  } >"$init"
  set -- mariadbd --no-defaults --datadir="$DATADIR" --socket=/tmp/mysqld.sock --pid-file=/tmp/mysqld.pid \
    --port=3306 --bind-address=0.0.0.0 --skip-name-resolve --skip-log-bin --init-file="$init" \
    --innodb-buffer-pool-size=32M --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 \
    --performance-schema=OFF "$@"
fi
exec "$@"

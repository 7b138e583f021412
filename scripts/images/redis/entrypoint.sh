#!/bin/sh
# archtdd redis image entrypoint: like the official image's, `redis-server` without a config
# file gets `--protected-mode no` (else connections through a published port are DENIED).
set -e
if [ "${1#-}" != "$1" ]; then set -- redis-server "$@"; fi
if [ "$1" = "redis-server" ]; then
  shift
  set -- redis-server --protected-mode no --bind 0.0.0.0 --save '' --appendonly no --dir /data "$@"
fi
exec "$@"

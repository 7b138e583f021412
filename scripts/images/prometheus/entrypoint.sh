#!/bin/sh
# archtdd prometheus image entrypoint. Like the official image (ENTRYPOINT prometheus, flags as
# the command): defaults for config (/etc/prometheus/prometheus.yml), TSDB (/prometheus), listen
# address (:9090) and the lifecycle API, each added only when the command does not give that
# flag (prometheus refuses repeated flags). Runs as the non-root user prometheus.
set -e
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
  for default in --config.file=/etc/prometheus/prometheus.yml --storage.tsdb.path=/prometheus \
    --web.listen-address=0.0.0.0:9090 --web.enable-lifecycle; do
    flag="${default%%=*}"
    case " $* " in
      *" $flag="* | *" $flag "*) ;;
      *) set -- "$@" "$default" ;;
    esac
  done
  set -- prometheus "$@"
fi
exec "$@"

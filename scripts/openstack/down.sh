#!/usr/bin/env bash
# Stops what scripts/openstack/up.sh started: only the processes named by its PID files, nothing else.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="${IMS_OPENSTACK_DIR:-$(cd "$here/../.." && pwd)/.openstack}"
for name in glance keystone; do
  pidfile="$state/$name.pid"
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    # Each was started with setsid as a group leader: its workers go with it.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && { kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null; }
    printf 'openstack: stopped %s (pid %s)\n' "$name" "$pid"
  fi
  rm -f "$pidfile"
done

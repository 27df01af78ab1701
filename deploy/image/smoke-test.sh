#!/usr/bin/env bash
# Runs the built image the way the chart runs it - user 10001, read-only root file system, a tmpfs on
# /tmp - and checks it answers: readiness, the web app, the demo's API, /metrics; then SIGTERM and a
# clean exit. No container engine is needed: the image's file system is mounted with buildah and run
# under chroot in a private mount namespace, on 127.0.0.1. Needs root. Prints what it checked.
set -euo pipefail
tag="${SLUICE_IMAGE:-localhost/sluice:0.1.0}"
port="${PORT:-18080}"
export STORAGE_DRIVER="${STORAGE_DRIVER:-vfs}"
ctr="$(buildah from "$tag")"
mnt="$(buildah mount "$ctr")"
log="$(mktemp)"
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  buildah umount "$ctr" >/dev/null || true
  buildah rm "$ctr" >/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT
entrypoint="$(buildah inspect --format '{{range .OCIv1.Config.Entrypoint}}{{.}} {{end}}' "$tag")"
user="$(buildah inspect --format '{{.OCIv1.Config.User}}' "$tag")"
# shellcheck disable=SC2086
unshare -m sh -c "mount --bind '$mnt' '$mnt' && mount -o remount,ro,bind '$mnt' \
  && mount -t proc proc '$mnt/proc' && mount -t tmpfs -o size=16m tmpfs '$mnt/tmp' \
  && exec chroot --userspec='$user' '$mnt' $entrypoint --demo --host=127.0.0.1 --port=$port" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 50); do grep -q 'Sluice listening' "$log" && break; sleep 0.2; done
grep -q 'Sluice listening' "$log" || { cat "$log"; echo "smoke-test: the image did not start" >&2; exit 1; }
fail() { echo "smoke-test FAILED: $1" >&2; exit 1; }
check() { echo "ok: $1"; }
base="http://127.0.0.1:$port"
[ "$(curl -s "$base/api/readyz")" = '{"ready":true,"storeSynced":true,"draining":false}' ] || fail "GET /api/readyz ready"
check "GET /api/readyz ready"
curl -s "$base/" | grep '<div id="root">' >/dev/null || fail "GET / serves the web app"
check "GET / serves the web app"
curl -s "$base/api/namespaces" | grep '"name":"bookinfo"' >/dev/null || fail "GET /api/namespaces lists the demo"
check "GET /api/namespaces lists the demo"
curl -s "$base/metrics" | grep '^sluice_http_request_duration_seconds_count' >/dev/null || fail "GET /metrics"
check "GET /metrics"
# unshare, sh and chroot exec one another, so $pid is node itself.
[ "$(stat -c %u "/proc/$pid")" = 10001 ] || fail "runs as uid 10001"
check "runs as uid 10001"
kill -TERM "$pid"
code=0
wait "$pid" || code=$?
[ "$code" = 0 ] || fail "SIGTERM: exit 0 (got $code)"
check "SIGTERM: exit 0"
pid=""
grep -q 'shut down cleanly' "$log" || fail "logged a clean shutdown"
check "logged a clean shutdown"

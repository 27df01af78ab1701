#!/usr/bin/env bash
# Installs the system programs the test suites run for real: Debian's Chromium (driven by
# Playwright, never a downloaded browser), Debian's Prometheus (the real metrics store) and
# Debian's etcd (storage of the real kube-apiserver).
# Idempotent: does nothing when they are already there.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
# etcd for the real kube-apiserver of the Kubernetes suites (test-infra/kube-apiserver).
command -v etcd >/dev/null 2>&1 || need+=(etcd-server)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup-system: installing ${need[*]} with apt-get" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# Debian's package starts no service by itself in a container, but stop one if it did: tests
# start their own Prometheus on 127.0.0.1 with their own config and data folder.
pkill -x prometheus-node-exporter 2>/dev/null || true
# Building kube-apiserver needs Go (on this machine kind at /usr/local/go).
command -v go >/dev/null 2>&1 || { echo 'setup-system: Go is required to build kube-apiserver for the Kubernetes suites' >&2; exit 1; }
# Build (or find cached) kube-apiserver now rather than inside a test hook: the first build takes about
# 8 minutes on 2 cores (test-infra/kube-apiserver/README.md); later runs return at once.
bash "$(dirname "$0")/../test-infra/kube-apiserver/build.sh" >/dev/null
# helm for the chart tests (deploy/helm/sluice; apps/api/src/deploy), built from the Go module proxy
# and cached next to kube-apiserver: about 2 minutes the first time, then at once.
bash "$(dirname "$0")/install-helm.sh" >/dev/null
# The CRDs the Kubernetes suites install come from Go modules (read from the module cache at test
# time by test-infra/kube-apiserver/src/seed.ts): fetch them now so the suites need no network.
# Gateway API v1.6.3 is the newest this Go accepts (v1.7.0's go.mod asks for a newer Go).
go mod download istio.io/api@"${ISTIO_API_VERSION:-v1.31.1}" sigs.k8s.io/gateway-api@"${GATEWAY_API_VERSION:-v1.6.3}"

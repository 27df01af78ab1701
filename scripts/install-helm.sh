#!/usr/bin/env bash
# Builds helm from the Go module helm.sh/helm/v3 through the Go module proxy, into
# ${SLUICE_CACHE:-~/.cache/sluice}/helm-<version>, outside the work tree so fresh clones reuse it (the
# same pattern as test-infra/kube-apiserver/build.sh). Prints the binary's path. Cached by version.
set -euo pipefail
HELM_VERSION="${HELM_VERSION:-v3.22.0}"
cache="${SLUICE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sluice}"
out="$cache/helm-$HELM_VERSION"
if [ -x "$out" ]; then echo "$out"; exit 0; fi
mkdir -p "$cache"
# Test workers may ask for it at the same time: one builds, the others wait.
exec 9>"$cache/build-helm-$HELM_VERSION.lock"
flock 9
if [ -x "$out" ]; then echo "$out"; exit 0; fi
bin="$cache/helm-bin-$HELM_VERSION"
echo "helm $HELM_VERSION: building from the Go module proxy (a few minutes on 2 cores)" >&2
pkg="helm.sh/helm/v3/internal/version"
CGO_ENABLED=0 GOBIN="$bin" go install -trimpath -ldflags "-s -w -X $pkg.version=$HELM_VERSION" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >&2
mv "$bin/helm" "$out"
rmdir "$bin" 2>/dev/null || true
echo "$out"

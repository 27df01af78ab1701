#!/usr/bin/env bash
# Builds kube-apiserver from the Go module k8s.io/kubernetes through the Go module proxy, into
# ${SLUICE_CACHE:-~/.cache/sluice}/kube-apiserver-<version>, outside the work tree so fresh clones reuse it. A wrapper module requires k8s.io/kubernetes and replaces each
# staging module (listed in that release's own go.mod) with its published v0.x.y version.
# Cached by version: a warm machine does not rebuild.
set -euo pipefail
KUBE_VERSION="${KUBE_VERSION:-v1.34.3}"
cache="${SLUICE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sluice}"
out="$cache/kube-apiserver-$KUBE_VERSION"
if [ -x "$out" ]; then echo "$out"; exit 0; fi
mkdir -p "$cache"
# Suites run in parallel workers and each may ask for the binary: one builds, the others wait for it.
exec 9>"$cache/build-$KUBE_VERSION.lock"
flock 9
if [ -x "$out" ]; then echo "$out"; exit 0; fi
staging="v0.${KUBE_VERSION#v1.}"
work="$cache/module-$KUBE_VERSION"
mkdir -p "$work"
modfile="$(go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
goversion="$(sed -n 's/^go \(.*\)$/\1/p' "$modfile")"
{
  echo "module sluice.local/kube-apiserver-build"
  echo
  echo "go $goversion"
  echo
  echo "require k8s.io/kubernetes $KUBE_VERSION"
  echo
  echo "replace ("
  sed -n 's#^\s*\(k8s.io/[a-z0-9-]*\) => ./staging/src/k8s.io/.*#\t\1 => \1 '"$staging"'#p' "$modfile"
  echo ")"
} > "$work/go.mod"
cat > "$work/tools.go" <<'GO'
//go:build tools

package tools

import _ "k8s.io/kubernetes/cmd/kube-apiserver/app"
GO
cd "$work"
echo "kube-apiserver $KUBE_VERSION: resolving modules (first run downloads a few hundred MB)" >&2
GOFLAGS=-mod=mod go mod tidy -e >&2
pkg="k8s.io/component-base/version"
ldflags="-s -w -X $pkg.gitVersion=$KUBE_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$(echo "$KUBE_VERSION" | cut -d. -f2) -X k8s.io/client-go/pkg/version.gitVersion=$KUBE_VERSION"
echo "kube-apiserver $KUBE_VERSION: building (several minutes on 2 cores)" >&2
CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -ldflags "$ldflags" -o "$out.tmp" k8s.io/kubernetes/cmd/kube-apiserver
mv "$out.tmp" "$out"
echo "$out"

#!/usr/bin/env bash
# Builds Sluice's container image with what this machine reaches: Debian's archive (mmdebstrap for
# the OS layer, buildah to build), the npm registry (Node 24 and the build's dependencies).
#   1. npm run build            -> apps/api/dist/server.js (self-contained) + apps/web/dist
#   2. mmdebstrap               -> Debian bookworm rootfs tarball, cached in ~/.cache/sluice
#   3. buildah                  -> import it as localhost/sluice-os:bookworm, then build the Containerfile
#   4. buildah push             -> an OCI archive (dist/sluice-image.tar) to load into a registry or a kind node
# Needs root (or rootless buildah set up) and: apt-get install buildah mmdebstrap.
# --rootfs-only stops after assembling the image's file tree in a folder (no buildah), for machines
# where containers cannot be built; deploy/image/README.md says how that tree is tested.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cache="${SLUICE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sluice}"
tag="${SLUICE_IMAGE:-localhost/sluice:$(node -p "require('$repo/apps/api/package.json').version")}"
# Fixed timestamps: the same Debian packages give the same rootfs tarball.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1764460800}"
os_tar="$cache/sluice-os-bookworm-$SOURCE_DATE_EPOCH.tar"

cd "$repo"
[ "${SKIP_NPM_BUILD:-}" = 1 ] || npm run build

mkdir -p "$cache"
if [ ! -s "$os_tar" ]; then
  echo "build-image: making the Debian bookworm rootfs with mmdebstrap" >&2
  mmdebstrap --variant=essential --include=ca-certificates,libstdc++6 \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --customize-hook='echo "sluice:x:10001:10001:Sluice:/nonexistent:/usr/sbin/nologin" >> "$1/etc/passwd"' \
    --customize-hook='echo "sluice:x:10001:" >> "$1/etc/group"' \
    --customize-hook='rm -rf "$1/var/cache/apt" "$1/var/lib/apt/lists"' \
    --format=tar bookworm "$os_tar.tmp" http://deb.debian.org/debian
  mv "$os_tar.tmp" "$os_tar"
fi

if [ "${1:-}" = --rootfs-only ]; then
  out="${2:-$repo/dist/sluice-rootfs}"
  rm -rf "$out" && mkdir -p "$out"
  tar -C "$out" -xf "$os_tar"
  # What the Containerfile's assemble stage copies, in the same places.
  install -D -m 0755 node_modules/node/bin/node "$out/usr/local/bin/node"
  mkdir -p "$out/app/apps/api/dist" "$out/app/apps/web"
  cp apps/api/dist/server.js apps/api/dist/server.js.map apps/api/dist/server.js.LEGAL.txt "$out/app/apps/api/dist/"
  cp -r apps/web/dist "$out/app/apps/web/dist"
  echo "$out"
  exit 0
fi

export STORAGE_DRIVER="${STORAGE_DRIVER:-vfs}" BUILDAH_ISOLATION="${BUILDAH_ISOLATION:-chroot}"
os_image=localhost/sluice-os:bookworm
ctr="$(buildah from scratch)"
buildah add "$ctr" "$os_tar" / >/dev/null
buildah commit --rm --timestamp "$SOURCE_DATE_EPOCH" "$ctr" "$os_image" >/dev/null
buildah bud --layers=false --timestamp "$SOURCE_DATE_EPOCH" --build-arg "OS_IMAGE=$os_image" \
  -f deploy/image/Containerfile -t "$tag" .
mkdir -p dist
rm -f dist/sluice-image.tar
buildah push "$tag" "oci-archive:dist/sluice-image.tar:$tag"
echo "build-image: $tag, OCI archive dist/sluice-image.tar" >&2

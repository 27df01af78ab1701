#!/usr/bin/env bash
# Renders the Helm chart into plain manifests (deploy/manifests/sluice-{viewer,operator}.yaml), for
# `kubectl apply -f` without Helm. Release "sluice" in namespace "sluice"; edit a copy for others.
# apps/api/src/deploy/manifests.test.ts fails when these drift from the chart.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
helm="$(bash "$here/../scripts/install-helm.sh")"
for role in viewer operator; do
  {
    echo "# Rendered from deploy/helm/sluice by deploy/render-manifests.sh (rbac.role=$role). Do not edit."
    "$helm" template sluice "$here/helm/sluice" --namespace sluice --set "rbac.role=$role"
  } > "$here/manifests/sluice-$role.yaml"
done

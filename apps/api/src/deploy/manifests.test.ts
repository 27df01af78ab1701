import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_ROUTES } from '@sluice/model';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/config';
import { execFileSync } from 'node:child_process';
import { CHART, MANIFESTS, helmBinary, renderChart, renderedObjects, sluiceContainer } from './test-kit';

/*
 * The chart's output without a cluster: the committed plain manifests are what the chart renders
 * (deploy/render-manifests.sh regenerates them), the Deployment starts the server with flags it
 * accepts and probes the paths it serves, and the pod runs locked down. The RBAC itself is tried
 * against a real apiserver in helm-rbac.cluster.test.ts.
 */

describe('deploy/helm/sluice', () => {
  it('passes helm lint --strict with every optional part switched on', () => {
    const args = ['lint', '--strict', CHART, '--set', 'rbac.role=operator', '--set', 'ingress.enabled=true'];
    expect(execFileSync(helmBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString()).toMatch(
      /1 chart\(s\) linted, 0 chart\(s\) failed/,
    );
  });

  it.each(['viewer', 'operator'])('renders deploy/manifests/sluice-%s.yaml exactly', (role) => {
    const committed = readFileSync(join(MANIFESTS, `sluice-${role}.yaml`), 'utf8');
    const header = `# Rendered from deploy/helm/sluice by deploy/render-manifests.sh (rbac.role=${role}). Do not edit.\n`;
    expect(committed, 'run deploy/render-manifests.sh').toBe(header + renderChart({ 'rbac.role': role }));
  });

  it('starts the server with flags its config parser accepts, in-cluster, and probes routes it serves', () => {
    const container = sluiceContainer(renderedObjects({ auth: 'token', readOnly: 'true' }));
    const config = parseConfig(container.args ?? [], {}, { inCluster: true });
    expect(config).toMatchObject({
      cluster: { mode: 'kubernetes', source: 'in-cluster' },
      host: '0.0.0.0',
      port: 8080,
      auth: 'token',
      readOnly: true,
      prometheusUrl: 'http://prometheus.istio-system:9090',
    });
    expect(container.readinessProbe?.httpGet?.path).toBe(API_ROUTES.readiness);
    expect(container.livenessProbe?.httpGet?.path).toBe(API_ROUTES.liveness);
  });

  it('runs the pod as non-root on a read-only root file system with no capabilities', () => {
    const deployment = renderedObjects().find((o) => o.kind === 'Deployment') as unknown as {
      spec: { template: { spec: { securityContext: object; containers: { securityContext: object }[] } } };
    };
    expect(deployment.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true });
    expect(deployment.spec.template.spec.containers[0]?.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
  });

  it('grants the viewer list+watch only and the operator writes to VirtualServices and DestinationRules only', () => {
    const rulesOf = (role: string) =>
      renderedObjects({ 'rbac.role': role })
        .filter((o) => o.kind === 'ClusterRole')
        .flatMap((o) => (o as unknown as { rules: { verbs: string[]; resources: string[] }[] }).rules);
    const viewer = rulesOf('viewer');
    expect(viewer.flatMap((r) => r.verbs).every((v) => v === 'list' || v === 'watch')).toBe(true);
    const writes = rulesOf('operator').filter((r) => r.verbs.some((v) => v !== 'list' && v !== 'watch'));
    expect(writes).toEqual([
      {
        apiGroups: ['networking.istio.io'],
        resources: ['virtualservices', 'destinationrules'],
        verbs: ['get', 'patch', 'create', 'delete'],
      },
    ]);
  });

  it('refuses an unknown role or auth mode by name', () => {
    expect(() => renderChart({ 'rbac.role': 'admin' })).toThrow(/rbac.role must be viewer or operator, got "admin"/);
    expect(() => renderChart({ auth: 'oidc' })).toThrow(/auth must be none or token, got "oidc"/);
  });

  it('adds an Ingress only when asked, for the configured host and TLS secret', () => {
    expect(renderedObjects().some((o) => o.kind === 'Ingress')).toBe(false);
    const ingress = renderedObjects({
      'ingress.enabled': 'true',
      'ingress.host': 'sluice.mesh.example',
      'ingress.tls[0].secretName': 'sluice-tls',
      'ingress.tls[0].hosts[0]': 'sluice.mesh.example',
    }).find((o) => o.kind === 'Ingress');
    expect(ingress).toMatchObject({
      spec: {
        rules: [{ host: 'sluice.mesh.example' }],
        tls: [{ secretName: 'sluice-tls', hosts: ['sluice.mesh.example'] }],
      },
    });
  });
});

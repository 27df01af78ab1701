import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_ROUTES } from '@sluice/model';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/config';
import { execFileSync } from 'node:child_process';
import {
  CHART,
  MANIFESTS,
  deploymentOf,
  envOf,
  helmBinary,
  mountedSessionKey,
  renderChart,
  renderedObjects,
  sluiceContainer,
} from './test-kit';

/*
 * The chart's output without a cluster: the committed plain manifests are what the chart renders
 * (deploy/render-manifests.sh regenerates them), the Deployment starts the server with flags it
 * accepts and probes the paths it serves, and the pod runs locked down. The RBAC itself is tried
 * against a real apiserver in helm-rbac.cluster.test.ts.
 */

describe('deploy/helm/sluice', () => {
  it('passes helm lint --strict with every optional part switched on', () => {
    const args = ['lint', '--strict', CHART, '--set', 'rbac.role=operator', '--set', 'ingress.enabled=true'];
    args.push('--set', 'auth.mode=token');
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
    const container = sluiceContainer(
      renderedObjects({
        'auth.mode': 'token',
        readOnly: 'true',
        'ingress.enabled': 'true',
        'ingress.host': 'a.example',
      }),
    );
    const config = parseConfig(container.args ?? [], envOf(container), { inCluster: true });
    expect(config).toMatchObject({
      cluster: { mode: 'kubernetes', source: 'in-cluster' },
      host: '0.0.0.0',
      port: 8080,
      auth: 'token',
      readOnly: true,
      prometheusUrl: 'http://prometheus.istio-system:9090',
      allowedHosts: ['a.example'],
      trustProxy: 1,
      sessionKeyFile: '/etc/sluice/session/session-key',
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

  it('grants the viewer list+watch only and the operator writes to Istio routing and Gateway API routes only', () => {
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
      {
        apiGroups: ['gateway.networking.k8s.io'],
        resources: ['httproutes', 'grpcroutes', 'tcproutes'],
        verbs: ['get', 'patch'],
      },
    ]);
  });

  it('refuses bad values by name, before rendering anything', () => {
    const refusal = (values: Record<string, string>) => {
      try {
        renderChart(values);
      } catch (err) {
        return String((err as { stderr?: Buffer }).stderr ?? err);
      }
      throw new Error(`helm rendered ${JSON.stringify(values)}`);
    };
    expect(refusal({ 'rbac.role': 'admin' })).toMatch(/at '\/rbac\/role': value must be one of 'viewer', 'operator'/);
    expect(refusal({ 'auth.mode': 'oidc' })).toMatch(/at '\/auth\/mode': value must be one of 'none', 'token'/);
    // The chart's values before auth became an object: refused rather than silently ignored.
    expect(refusal({ auth: 'token' })).toMatch(/at '\/auth': got string, want object/);
    expect(refusal({ 'allowedHosts[0]': 'https://sluice.example.com:443' })).toMatch(
      /at '\/allowedHosts\/0': 'https:\/\/sluice.example.com:443' does not match/,
    );
    expect(refusal({ trustProxy: 'every proxy' })).toMatch(/at '\/trustProxy'/);
    expect(refusal({ replicas: '0' })).toMatch(/at '\/replicas': minimum: got 0, want 1/);
    expect(refusal({ 'auth.sessionKey.existingSecret': 'My_Key' })).toMatch(
      /at '\/auth\/sessionKey\/existingSecret': 'My_Key' does not match/,
    );
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

  it('with auth.mode=token mounts one Secret into every replica and passes its path, not the key', () => {
    const objects = renderedObjects({ 'auth.mode': 'token', replicas: '3' });
    const secrets = objects.filter((o) => o.kind === 'Secret');
    expect(secrets.map((o) => o.metadata?.name)).toEqual(['sluice-session-key']);
    expect(deploymentOf(objects).spec.replicas).toBe(3);
    const container = sluiceContainer(objects);
    const { path, value } = mountedSessionKey(objects);
    expect(path).toBe('/etc/sluice/session/session-key');
    expect(container.volumeMounts).toContainEqual({
      name: 'session-key',
      mountPath: '/etc/sluice/session',
      readOnly: true,
    });
    // What the server reads (trimmed UTF-8 text) is at least the 32 bytes it demands: 48 random bytes, base64.
    expect(value.toString('utf8').trim()).toMatch(/^[A-Za-z0-9+/]{64}$/);
    // The key is only in the Secret: no env var, argument or other object carries it.
    const text = value.toString('utf8');
    expect(JSON.stringify(container)).not.toContain(text);
    expect(Object.keys(envOf(container))).not.toContain('SLUICE_SESSION_KEY');
    // Without a cluster to look the live Secret up in, each render makes a new key (values.yaml says so).
    expect(mountedSessionKey(renderedObjects({ 'auth.mode': 'token' })).value.equals(value)).toBe(false);
  });

  it('uses an existing Secret when named, and no key at all with auth.mode=none', () => {
    const objects = renderedObjects({
      'auth.mode': 'token',
      'auth.sessionKey.existingSecret': 'team-sluice-key',
      'auth.sessionKey.secretKey': 'key',
    });
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
    expect(deploymentOf(objects).spec.template.spec.volumes).toContainEqual({
      name: 'session-key',
      secret: { secretName: 'team-sluice-key', items: [{ key: 'key', path: 'session-key' }], defaultMode: 0o440 },
    });
    const none = renderedObjects();
    expect(none.some((o) => o.kind === 'Secret')).toBe(false);
    expect(envOf(sluiceContainer(none))).not.toHaveProperty('SLUICE_SESSION_KEY_FILE');
    expect(deploymentOf(none).spec.template.spec.volumes?.map((v) => v.name)).toEqual(['tmp']);
  });

  it('gives no role access to Secrets whatever the values: the key reaches the pod as a volume', () => {
    for (const role of ['viewer', 'operator']) {
      const rules = renderedObjects({ 'rbac.role': role, 'auth.mode': 'token', replicas: '2' })
        .filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role')
        .flatMap((o) => (o as unknown as { rules: { resources: string[] }[] }).rules);
      expect(rules.flatMap((r) => r.resources)).not.toContain('secrets');
    }
  });

  it('answers to the Ingress host (and its TLS hosts) and trusts the one proxy hop in front of it', () => {
    const env = envOf(
      sluiceContainer(
        renderedObjects({
          'ingress.enabled': 'true',
          'ingress.host': 'sluice.mesh.example',
          'ingress.tls[0].secretName': 'sluice-tls',
          'ingress.tls[0].hosts[0]': 'sluice.mesh.example',
          'ingress.tls[0].hosts[1]': 'console.mesh.example',
          'allowedHosts[0]': '*.corp.example',
        }),
      ),
    );
    expect(env).toMatchObject({
      SLUICE_ALLOWED_HOSTS: '*.corp.example,sluice.mesh.example,console.mesh.example',
      SLUICE_TRUST_PROXY: '1',
    });
    expect(parseConfig([], env, { inCluster: true }).allowedHosts).toEqual([
      '*.corp.example',
      'sluice.mesh.example',
      'console.mesh.example',
    ]);
    // Without an Ingress: only what is listed, and X-Forwarded-* believed only when asked.
    expect(envOf(sluiceContainer(renderedObjects()))).toEqual({});
    expect(envOf(sluiceContainer(renderedObjects({ trustProxy: '10.0.0.0/8' })))).toEqual({
      SLUICE_TRUST_PROXY: '10.0.0.0/8',
    });
    expect(
      envOf(sluiceContainer(renderedObjects({ 'ingress.enabled': 'true', trustProxy: 'false' }))),
    ).not.toHaveProperty('SLUICE_TRUST_PROXY');
  });
});

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoreV1Api, KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import type { TestCluster } from '@sluice/test-cluster';
import { parseAllDocuments } from 'yaml';

/*
 * What the deployment tests share: helm (built from the Go module proxy and cached, like
 * kube-apiserver), the chart rendered with some values, and the production server bundle built
 * into a temp folder and run as its own Node process, exactly as the image runs it.
 */

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
export const CHART = join(repo, 'deploy', 'helm', 'sluice');
export const MANIFESTS = join(repo, 'deploy', 'manifests');

export function helmBinary(): string {
  const out = execFileSync('bash', [join(repo, 'scripts', 'install-helm.sh')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return out.toString().trim().split('\n').pop() ?? '';
}

export interface Release {
  name: string;
  namespace: string;
}
const DEFAULT_RELEASE: Release = { name: 'sluice', namespace: 'sluice' };

/** `helm template <release> deploy/helm/sluice --namespace <ns> --set k=v ...`, as text. */
export function renderChart(values: Record<string, string> = {}, release = DEFAULT_RELEASE): string {
  const sets = Object.entries(values).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
  return execFileSync(helmBinary(), ['template', release.name, CHART, '--namespace', release.namespace, ...sets], {
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
}

export function renderedObjects(values: Record<string, string> = {}, release = DEFAULT_RELEASE): KubernetesObject[] {
  return parseAllDocuments(renderChart(values, release))
    .map((d) => d.toJSON() as KubernetesObject | null)
    .filter((o): o is KubernetesObject => !!o?.kind);
}

export interface Container {
  args?: string[];
  env?: { name: string; value?: string }[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  readinessProbe?: { httpGet?: { path?: string } };
  livenessProbe?: { httpGet?: { path?: string } };
}
export interface PodSpec {
  containers: Container[];
  volumes?: { name: string; secret?: { secretName: string; items?: { key: string; path: string }[] } }[];
}
export type Deployment = KubernetesObject & { spec: { replicas: number; template: { spec: PodSpec } } };

export function deploymentOf(objects: KubernetesObject[]): Deployment {
  const deployment = objects.find((o) => o.kind === 'Deployment') as Deployment | undefined;
  if (!deployment) throw new Error('the chart rendered no Deployment');
  return deployment;
}

export function sluiceContainer(objects: KubernetesObject[]): Container {
  const container = deploymentOf(objects).spec.template.spec.containers[0];
  if (!container) throw new Error('the chart rendered no Deployment with a container');
  return container;
}

/** The container's environment as a record (only literal values; the chart uses no valueFrom). */
export function envOf(container: Container): Record<string, string> {
  return Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value ?? '']));
}

/**
 * The bytes a pod would see at SLUICE_SESSION_KEY_FILE: follows the env path through the volume mount
 * to the Secret volume's item, and decodes that key from the rendered Secret's data.
 */
export function mountedSessionKey(objects: KubernetesObject[]): { path: string; value: Buffer } {
  const pod = deploymentOf(objects).spec.template.spec;
  const container = sluiceContainer(objects);
  const path = envOf(container).SLUICE_SESSION_KEY_FILE;
  if (!path) throw new Error('no SLUICE_SESSION_KEY_FILE in the container env');
  const mount = container.volumeMounts?.find((m) => path.startsWith(m.mountPath + '/'));
  const volume = pod.volumes?.find((v) => v.name === mount?.name);
  const item = volume?.secret?.items?.find((i) => `${mount?.mountPath}/${i.path}` === path);
  if (!mount || !volume?.secret || !item) throw new Error(`${path} is not a file of a mounted Secret`);
  const secret = objects.find((o) => o.kind === 'Secret' && o.metadata?.name === volume.secret?.secretName) as
    (KubernetesObject & { data?: Record<string, string> }) | undefined;
  const data = secret?.data?.[item.key];
  if (data === undefined) throw new Error(`the chart rendered no Secret ${volume.secret.secretName} with ${item.key}`);
  return { path, value: Buffer.from(data, 'base64') };
}

/** Builds apps/api/dist/server.js's twin into a temp folder; returns its path and a cleanup. */
export function buildServerBundle(): { file: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bundle-'));
  const file = join(dir, 'server.js');
  execFileSync(process.execPath, [join(repo, 'apps', 'api', 'scripts', 'build-server.mjs'), '--outfile', file], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningServer {
  url: string;
  /** Every line the server wrote to stdout, parsed (pino JSON). */
  logs: Record<string, unknown>[];
  child: ChildProcess;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Runs the bundle with plain Node (the workspace's Node 24), no tsx, no node_modules on its path. */
export function runBundle(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const child = spawn(process.execPath, [file, ...args], {
    cwd: dirname(file),
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  let buffered = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in 20 s; stderr: ${stderr}`));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening; stderr: ${stderr}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (typeof entry.url === 'string' && String(entry.msg).startsWith('Sluice listening')) {
          clearTimeout(timer);
          resolve({
            url: entry.url,
            logs,
            child,
            stop: async () => {
              if (child.exitCode === null) child.kill('SIGTERM');
              return exited;
            },
          });
        }
      }
    });
  });
}

/**
 * The pod's service-account folder as the kubelet projects it: a TokenRequest token for the chart's
 * ServiceAccount, the cluster CA, the namespace. Point SLUICE_SERVICE_ACCOUNT_DIR at it.
 */
export async function serviceAccountFolder(
  cluster: TestCluster,
  namespace: string,
  serviceAccount: string,
): Promise<{ dir: string; token: string; cleanup(): void }> {
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfig('admin'));
  const minted = await kc.makeApiClient(CoreV1Api).createNamespacedServiceAccountToken({
    name: serviceAccount,
    namespace,
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 } },
  });
  const token = minted.status?.token ?? '';
  const dir = mkdtempSync(join(tmpdir(), 'sluice-sa-'));
  writeFileSync(join(dir, 'token'), token);
  copyFileSync(cluster.caFile, join(dir, 'ca.crt'));
  writeFileSync(join(dir, 'namespace'), namespace);
  return { dir, token, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The Deployment's args for a test run: loopback instead of every interface, any free port instead of 8080. */
export function loopbackArgs(args: readonly string[]): string[] {
  return args.map((a) => (a === '--host=0.0.0.0' ? '--host=127.0.0.1' : a === '--port=8080' ? '--port=0' : a));
}

/** What the pod's in-cluster client reads from the kubelet-set env, for the test apiserver. */
export function inClusterEnv(cluster: TestCluster, saDir: string): NodeJS.ProcessEnv {
  return {
    KUBERNETES_SERVICE_HOST: '127.0.0.1',
    KUBERNETES_SERVICE_PORT: new URL(cluster.server).port,
    SLUICE_SERVICE_ACCOUNT_DIR: saDir,
  };
}

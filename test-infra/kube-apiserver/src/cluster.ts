import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess, type RunningProcess } from './process';
import { kubeconfigFor, makeTokenUsers, tokenFile, type Identity, type TokenUser } from './tokens';

/*
 * A real Kubernetes control plane for tests: Debian's etcd and a kube-apiserver built from the
 * k8s.io/kubernetes Go module (build.sh, cached by version). No kubelet or controllers run, so
 * tests create Deployments/Pods directly and nothing reconciles them. RBAC is on, with a static
 * token file holding an admin, a viewer and a stranger.
 */

export const KUBE_VERSION = process.env.KUBE_VERSION ?? 'v1.34.3';
const here = dirname(fileURLToPath(import.meta.url));

export interface TestCluster {
  server: string;
  /** The apiserver's self-signed serving certificate: the CA a client verifying TLS trusts (a pod's ca.crt). */
  caFile: string;
  users: Record<Identity, TokenUser>;
  /** Path of a kubeconfig file authenticating as that identity. */
  kubeconfig(identity: Identity): string;
  /**
   * Stops and starts kube-apiserver on the same port and etcd data: watches break and must resync.
   * `downMs` keeps it stopped that long first (a real control-plane restart or upgrade is not instant).
   */
  restartApiserver(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Builds (or finds cached) kube-apiserver and returns its path. */
export function ensureApiserverBinary(): string {
  const out = execFileSync('bash', [join(here, '..', 'build.sh')], {
    env: { ...process.env, KUBE_VERSION },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  return out.toString().trim().split('\n').pop() ?? '';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

function httpsStatus(url: string, token: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { rejectUnauthorized: false, headers: { authorization: `Bearer ${token}` }, timeout: 2000 },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms`);
}

function readLogTail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function startTestCluster(): Promise<TestCluster> {
  const binary = ensureApiserverBinary();
  const dir = mkdtempSync(join(tmpdir(), 'sluice-kube-'));
  const users = makeTokenUsers();
  writeFileSync(join(dir, 'tokens.csv'), tokenFile(users));
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));

  const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
  const etcd = startProcess(
    'etcd',
    [
      `--data-dir=${join(dir, 'etcd')}`,
      `--listen-client-urls=http://127.0.0.1:${etcdClient}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-cluster=default=http://127.0.0.1:${etcdPeer}`,
      '--unsafe-no-fsync',
    ],
    join(dir, 'etcd.log'),
  );

  const server = `https://127.0.0.1:${apiPort}`;
  const apiserverArgs = [
    `--etcd-servers=http://127.0.0.1:${etcdClient}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${apiPort}`,
    `--cert-dir=${join(dir, 'certs')}`,
    `--token-auth-file=${join(dir, 'tokens.csv')}`,
    '--authorization-mode=RBAC',
    `--service-account-key-file=${join(dir, 'sa.pub')}`,
    `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    '--service-cluster-ip-range=10.96.0.0/16',
    // No controller-manager creates default ServiceAccounts, so that admission plugin would refuse Pods.
    '--disable-admission-plugins=ServiceAccount',
    '--allow-privileged=true',
  ];
  let apiserver: RunningProcess = startProcess(binary, apiserverArgs, join(dir, 'apiserver.log'));
  const ready = () =>
    waitFor(async () => (await httpsStatus(`${server}/readyz`, users.admin.token)) === 200, 'kube-apiserver', 90_000);
  try {
    await ready();
  } catch (error) {
    // Nothing may outlive a failed start: the caller never gets a stop() to call.
    const log = readLogTail(join(dir, 'apiserver.log'));
    await apiserver.stop();
    await etcd.stop();
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}; kube-apiserver log ends with:\n${log}`);
  }

  for (const u of Object.values(users)) writeFileSync(join(dir, `${u.identity}.kubeconfig`), kubeconfigFor(server, u));
  return {
    server,
    caFile: join(dir, 'certs', 'apiserver.crt'),
    users,
    kubeconfig: (identity) => join(dir, `${identity}.kubeconfig`),
    async restartApiserver(downMs = 0) {
      await apiserver.stop();
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      apiserver = startProcess(binary, apiserverArgs, join(dir, 'apiserver.log'));
      await ready();
    },
    async stop() {
      await apiserver.stop();
      await etcd.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

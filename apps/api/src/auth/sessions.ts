import { randomBytes } from 'node:crypto';
import { AuthenticationV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { SessionUser } from '@sluice/model';
import type { Logger } from 'pino';
import { mapKubeError } from '../cluster/kube-errors';
import type { MeshStore } from '../cluster/mesh-store';
import { AppError } from '../errors/app-error';
import { userKubeConfig } from './user-kubeconfig';

/*
 * Token login: one session per login, held in memory only. The bearer token is checked with a
 * SelfSubjectReview (which also says who the user is), then kept here and never sent back out. Each
 * session owns a MeshStore (informers) built with the user's token, so every Kubernetes read and write
 * of that user goes out with their credentials and RBAC decides. Logout and idle expiry close it.
 */

export interface AuthSession {
  readonly id: string;
  readonly user: SessionUser;
  readonly csrfToken: string;
  readonly store: MeshStore;
  lastSeen: number;
}

export interface SessionManager {
  /** 401 when the apiserver rejects the token; 503 when it cannot be reached. */
  login(token: string): Promise<AuthSession>;
  /** The live session for a cookie value (refreshing its idle timer), or undefined. */
  get(id: string | undefined): AuthSession | undefined;
  logout(id: string): Promise<void>;
  close(): Promise<void>;
}

export interface SessionOptions {
  /** The server's kubeconfig: only its cluster (address, CA) is used for sessions. */
  cluster: KubeConfig;
  openStore(kc: KubeConfig): Promise<MeshStore>;
  logger: Logger;
  /** A session unused this long is closed (default 30 minutes). */
  idleMs?: number;
  now?: () => number;
}

const DEFAULT_IDLE_MS = 30 * 60_000;

export function createSessionManager({
  cluster,
  openStore,
  logger,
  idleMs = DEFAULT_IDLE_MS,
  now = Date.now,
}: SessionOptions): SessionManager {
  const sessions = new Map<string, AuthSession>();
  const end = async (session: AuthSession, why: string) => {
    sessions.delete(session.id);
    logger.info({ user: session.user.username, why }, 'session ended');
    await session.store
      .close()
      .catch((err: unknown) => logger.warn({ err: String(err) }, 'closing a session store failed'));
  };
  const sweep = setInterval(
    () => {
      for (const session of [...sessions.values()]) if (now() - session.lastSeen > idleMs) void end(session, 'idle');
    },
    Math.min(idleMs, 60_000),
  );
  sweep.unref();

  return {
    async login(token) {
      const kc = userKubeConfig(cluster, token);
      const user = await whoAmI(kc);
      const store = await openStore(kc);
      const session: AuthSession = { id: secret(), user, csrfToken: secret(), store, lastSeen: now() };
      sessions.set(session.id, session);
      logger.info({ user: user.username, groups: user.groups, readDenied: store.readDenied() }, 'session started');
      return session;
    },
    get(id) {
      const session = id === undefined ? undefined : sessions.get(id);
      if (!session) return undefined;
      if (now() - session.lastSeen > idleMs) {
        void end(session, 'idle');
        return undefined;
      }
      session.lastSeen = now();
      return session;
    },
    async logout(id) {
      const session = sessions.get(id);
      if (session) await end(session, 'logout');
    },
    async close() {
      clearInterval(sweep);
      await Promise.all([...sessions.values()].map((s) => end(s, 'shutdown')));
    },
  };
}

/** Who the token belongs to, by the apiserver's own word (authentication.k8s.io/v1 SelfSubjectReview, Kubernetes 1.28+). */
async function whoAmI(kc: KubeConfig): Promise<SessionUser> {
  try {
    const review = await kc.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    const info = review.status?.userInfo;
    return { username: info?.username ?? 'unknown', groups: info?.groups ?? [] };
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code === 401) {
      throw new AppError('unauthorized', 'The Kubernetes API server rejected this token', 401);
    }
    throw mapKubeError(err, 'checking the token');
  }
}

function secret(): string {
  return randomBytes(32).toString('base64url');
}

import { randomBytes } from 'node:crypto';
import { AuthenticationV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { SessionUser } from '@sluice/model';
import type { Logger } from 'pino';
import { z } from 'zod';
import { mapKubeError } from '../cluster/kube-errors';
import type { MeshStore } from '../cluster/mesh-store';
import { AppError } from '../errors/app-error';
import { createIdentityStores } from './identity-stores';
import type { Sealer } from './session-seal';
import { userKubeConfig } from './user-kubeconfig';

/*
 * Token login. The bearer token is checked with a SelfSubjectReview (which also says who the user
 * is); the session - token, user, CSRF token, times - is then sealed into the cookie itself
 * (session-seal.ts), so any replica with the same secret serves it and nothing but the cookie
 * holds the token. What stays on the server is per replica: which sessions were seen lately (for
 * the caps and for releasing watches) and one shared store per identity (identity-stores.ts).
 * Every Kubernetes read and write of a user goes out with a token of that user, so RBAC decides.
 *
 * Idle expiry: the cookie carries when it was last refreshed (`seen`); a request more than `idleMs`
 * later is refused, and requests re-seal it at most every `refreshMs`. `maxAgeMs` bounds a session
 * whatever its activity. Logout clears the browser's cookie and refuses the session id on this replica;
 * a copy of the cookie taken before logout would still open on another replica until it idles out
 * (decision 0060).
 */

export interface AuthSession {
  readonly id: string;
  readonly user: SessionUser;
  readonly csrfToken: string;
  readonly store: MeshStore;
}

export interface SessionLimits {
  /** A session unused this long ends (default 30 minutes). */
  idleMs: number;
  /** A session ends this long after login, however active (default 12 hours). */
  maxAgeMs: number;
  /** Sessions live on this replica at once (default 200). */
  maxSessions: number;
  /** Sessions of one identity (user and groups) live on this replica at once (default 10). */
  maxSessionsPerUser: number;
  /** An identity's watches stay open this long after its last session ends (default 60 s). */
  lingerMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  idleMs: 30 * 60_000,
  maxAgeMs: 12 * 3600_000,
  maxSessions: 200,
  maxSessionsPerUser: 10,
  lingerMs: 60_000,
};

export interface Resumed {
  session: AuthSession;
  /** A re-sealed cookie value to send back (the idle clock restarted), when due. */
  cookie?: string;
}

export interface SessionManager {
  /** 401 when the apiserver rejects the token; 503 when it cannot be reached; 429 over a cap. Returns the cookie value. */
  login(token: string): Promise<{ session: AuthSession; cookie: string }>;
  /** The live session of a cookie value, or undefined (none, forged, expired, logged out). */
  resume(cookie: string | undefined): Promise<Resumed | undefined>;
  logout(session: AuthSession): void;
  /** Sessions and identities (watch sets) live on this replica. */
  stats(): { sessions: number; identities: number };
  close(): Promise<void>;
}

export interface SessionOptions {
  /** The server's kubeconfig: only its cluster (address, CA) is used for sessions. */
  cluster: KubeConfig;
  openStore(kc: KubeConfig): Promise<MeshStore>;
  sealer: Sealer;
  logger: Logger;
  limits?: Partial<SessionLimits>;
  now?: () => number;
}

/** Browsers keep cookies up to 4096 bytes (name, value and attributes). */
const MAX_COOKIE_VALUE = 3800;
/** Re-seal the cookie (restart its idle clock) at most this often. */
const REFRESH_MS = 60_000;

const sealedSchema = z.object({
  v: z.literal(1),
  sid: z.string(),
  token: z.string(),
  user: z.object({ username: z.string(), groups: z.array(z.string()) }),
  csrf: z.string(),
  iat: z.number(),
  seen: z.number(),
});
type Sealed = z.infer<typeof sealedSchema>;

interface Live {
  identity: string;
  lastSeen: number;
}

export function createSessionManager({
  cluster,
  openStore,
  sealer,
  logger,
  limits: given = {},
  now = Date.now,
}: SessionOptions): SessionManager {
  const limits = { ...DEFAULT_SESSION_LIMITS, ...given };
  const stores = createIdentityStores(logger, limits.lingerMs);
  const live = new Map<string, Live>();
  const loggedOut = new Map<string, number>();

  const forget = (sid: string, why: string) => {
    const entry = live.get(sid);
    if (!entry) return;
    live.delete(sid);
    stores.release(entry.identity, sid);
    logger.info({ user: entry.identity.split('\n')[0], why }, 'session ended');
  };
  const sweep = setInterval(
    () => {
      const t = now();
      for (const [sid, entry] of [...live]) if (t - entry.lastSeen > limits.idleMs) forget(sid, 'idle');
      for (const [sid, until] of [...loggedOut]) if (t > until) loggedOut.delete(sid);
    },
    Math.min(limits.idleMs, 30_000),
  );
  sweep.unref();

  const countOf = (identity: string) => [...live.values()].filter((e) => e.identity === identity).length;

  async function attach(sealed: Sealed): Promise<AuthSession> {
    const identity = identityOf(sealed.user);
    const store = await stores.acquire(identity, sealed.sid, () => openStore(userKubeConfig(cluster, sealed.token)));
    const entry = live.get(sealed.sid);
    if (entry) entry.lastSeen = now();
    else live.set(sealed.sid, { identity, lastSeen: now() });
    return { id: sealed.sid, user: sealed.user, csrfToken: sealed.csrf, store };
  }

  return {
    async login(token) {
      const user = await whoAmI(userKubeConfig(cluster, token));
      const identity = identityOf(user);
      if (countOf(identity) >= limits.maxSessionsPerUser) {
        throw new AppError(
          'too_many_requests',
          `${user.username} already has ${limits.maxSessionsPerUser} sessions on this server, the most one user may hold; log out of one, or wait until one has been idle for ${Math.round(limits.idleMs / 60_000)} minutes`,
          429,
        );
      }
      if (live.size >= limits.maxSessions) {
        throw new AppError(
          'too_many_requests',
          `This Sluice server holds its maximum of ${limits.maxSessions} sessions; try again when some have ended`,
          429,
        );
      }
      const t = now();
      const sealed: Sealed = { v: 1, sid: secret(), token, user, csrf: secret(), iat: t, seen: t };
      const cookie = sealer.seal(sealed);
      if (cookie.length > MAX_COOKIE_VALUE) {
        throw new AppError(
          'bad_request',
          `This token is too long to keep in a session cookie (${token.length} characters); use a shorter-lived service-account token`,
          400,
        );
      }
      const session = await attach(sealed);
      logger.info(
        { user: user.username, groups: user.groups, readDenied: session.store.readDenied() },
        'session started',
      );
      return { session, cookie };
    },
    async resume(cookie) {
      if (!cookie) return undefined;
      const parsed = sealedSchema.safeParse(sealer.open(cookie));
      if (!parsed.success) return undefined;
      const sealed = parsed.data;
      const t = now();
      if (t - sealed.seen > limits.idleMs || t - sealed.iat > limits.maxAgeMs || loggedOut.has(sealed.sid)) {
        forget(sealed.sid, 'expired');
        return undefined;
      }
      const session = await attach(sealed);
      return t - sealed.seen > REFRESH_MS ? { session, cookie: sealer.seal({ ...sealed, seen: t }) } : { session };
    },
    logout(session) {
      loggedOut.set(session.id, now() + limits.idleMs);
      forget(session.id, 'logout');
    },
    stats: () => ({ sessions: live.size, identities: stores.size() }),
    async close() {
      clearInterval(sweep);
      live.clear();
      await stores.close();
    },
  };
}

/** Sessions of one user with the same groups see the same things (RBAC): they share one store. */
function identityOf(user: SessionUser): string {
  return `${user.username}\n${[...user.groups].sort().join(',')}`;
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

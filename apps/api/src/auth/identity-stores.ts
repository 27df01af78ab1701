import type { Logger } from 'pino';
import type { MeshStore } from '../cluster/mesh-store';

/*
 * One MeshStore (a set of watches) per Kubernetes identity, shared by every session of that identity
 * on this replica. Before, every login opened its own seven watches and kept them 30 minutes: 60
 * logins of one viewer held 60 copies of the cluster (issue 14: fds 178 -> 571, +131 MB). RBAC judges
 * the user and groups a token authenticates as, not the token, so sessions of one identity may share
 * what they can read. Each session holds its identity's store; when the last holder lets go, the
 * store closes after `lingerMs` (a reload or a quick re-login does not rebuild the caches).
 */

export interface IdentityStores {
  /** The identity's store, opened with `open` when none is; counted as held by `holder` (a session id). */
  acquire(identity: string, holder: string, open: () => Promise<MeshStore>): Promise<MeshStore>;
  release(identity: string, holder: string): void;
  /** Identities with an open (or opening) store. */
  size(): number;
  close(): Promise<void>;
}

interface Entry {
  store: Promise<MeshStore>;
  holders: Set<string>;
  closeTimer?: NodeJS.Timeout;
}

export function createIdentityStores(logger: Logger, lingerMs: number): IdentityStores {
  const entries = new Map<string, Entry>();
  const shut = async (identity: string, entry: Entry) => {
    if (entries.get(identity) === entry) entries.delete(identity);
    const store = await entry.store.catch(() => undefined);
    await store?.close().catch((err: unknown) => logger.warn({ err: String(err) }, 'closing an identity store failed'));
    logger.info({ identity: identity.split('\n')[0] }, 'watches of an identity closed: no session uses them');
  };
  return {
    async acquire(identity, holder, open) {
      let entry = entries.get(identity);
      if (!entry) {
        entry = { store: open(), holders: new Set() };
        entries.set(identity, entry);
        const opened = entry;
        opened.store.catch(() => {
          if (entries.get(identity) === opened) entries.delete(identity);
        });
      }
      if (entry.closeTimer) clearTimeout(entry.closeTimer);
      delete entry.closeTimer;
      entry.holders.add(holder);
      return entry.store;
    },
    release(identity, holder) {
      const entry = entries.get(identity);
      if (!entry || !entry.holders.delete(holder) || entry.holders.size > 0) return;
      entry.closeTimer = setTimeout(() => void shut(identity, entry), lingerMs);
      entry.closeTimer.unref();
    },
    size: () => entries.size,
    async close() {
      await Promise.all(
        [...entries].map(([identity, entry]) => {
          if (entry.closeTimer) clearTimeout(entry.closeTimer);
          return shut(identity, entry);
        }),
      );
    },
  };
}

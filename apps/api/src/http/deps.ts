import type { VersionHealth } from '@sluice/model';
import type { Logger } from 'pino';
import type { SessionManager } from '../auth/sessions';
import type { AuditLog } from '../audit/audit-log';
import type { MeshStore } from '../cluster/mesh-store';
import type { Config } from '../config/config';
import type { TrafficSource } from '../traffic/traffic-source';

/** What the demo controls (../demo) need of the simulator: make one version of an app unhealthy, read it back. */
export interface DemoControls {
  setVersionHealth(namespace: string, app: string, version: string, health: VersionHealth): void;
  versionHealth(namespace: string, app: string, version: string): VersionHealth;
}

/** What the app needs from the outside world; server.ts builds it from config, tests build it by hand. */
export interface AppDeps {
  /** The server's own store (demo, or the server's credentials); with token auth only the simulator and healthz use it. */
  store: MeshStore;
  /** Token auth (`--auth token`): every other route needs a session and uses its store. */
  sessions?: SessionManager;
  traffic: TrafficSource;
  config: Pick<Config, 'readOnly'> & Partial<Pick<Config, 'staticDir'>>;
  logger: Logger;
  /** How often `traffic` events go out on /api/events (default 2000 ms). */
  trafficIntervalMs?: number;
  /** Demo mode only: the simulator's controls (rehearsing a bad canary). Absent on a real cluster. */
  demo?: DemoControls;
  /** The clock of times the API records (rollout timelines, drift entries); tests pass the simulator's. Default Date.now. */
  clock?: () => number;
  /** Sluice's own writes, for the change markers of the metrics charts; createApp makes one when absent. */
  audit?: AuditLog;
  /** SSE heartbeat period (default 15000 ms). */
  heartbeatMs?: number;
}

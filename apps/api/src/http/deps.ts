import type { VersionHealth } from '@sluice/model';
import type { Logger } from 'pino';
import type { SessionManager } from '../auth/sessions';
import type { AuditLog } from '../audit/audit-log';
import type { MeshStore } from '../cluster/mesh-store';
import type { Config } from '../config/config';
import type { SluiceMetrics } from '../observability/metrics';
import type { TrafficSource } from '../traffic/traffic-source';
import type { LoginLimits } from '../security/login-limit';

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
  /** Token auth: login attempts per client address and per token (default security/login-limit.ts). */
  loginLimits?: LoginLimits;
  traffic: TrafficSource;
  config: Pick<Config, 'readOnly'> & Partial<Pick<Config, 'staticDir' | 'allowedHosts' | 'trustProxy'>>;
  logger: Logger;
  /** How often `traffic` events go out on /api/events (default 2000 ms). */
  trafficIntervalMs?: number;
  /** Demo mode only: the simulator's controls (rehearsing a bad canary). Absent on a real cluster. */
  demo?: DemoControls;
  /** The clock of times the API records (rollout timelines, drift entries); tests pass the simulator's. Default Date.now. */
  clock?: () => number;
  /** Sluice's own metrics (GET /metrics); server.ts shares them with the store and Prometheus source. Default: a fresh registry. */
  metrics?: SluiceMetrics;
  /** Sluice's own writes, for the change markers of the metrics charts; createApp makes one when absent. */
  audit?: AuditLog;
  /** SSE heartbeat period (default 15000 ms). */
  heartbeatMs?: number;
}

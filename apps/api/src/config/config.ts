import { parseArgs } from 'node:util';

/*
 * Server configuration from flags and environment. Parsing is a pure function of (argv, env, facts
 * about the machine) so every rule below is unit-tested without touching the file system; server.ts
 * gathers the facts (is there a service-account token?) and passes them in.
 */

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export type ClusterConfig =
  | { mode: 'demo' }
  | { mode: 'kubernetes'; source: 'kubeconfig'; kubeconfig: string; context?: string }
  | { mode: 'kubernetes'; source: 'in-cluster'; serviceAccountDir?: string };

export interface Config {
  cluster: ClusterConfig;
  /** Prometheus base URL; absent means traffic comes from the in-process simulator. */
  prometheusUrl?: string;
  host: string;
  port: number;
  readOnly: boolean;
  /** Built web app to serve on the same port (SPA fallback to index.html); absent serves the API only. */
  staticDir?: string;
  logLevel: LogLevel;
  /** Seed of the in-process simulator, for reproducible demos and tests. */
  seed: number;
  /** When set, the in-process simulator also serves Prometheus /metrics on this port (same host). */
  simMetricsPort?: number;
  /** Demo only: replace the scenarios with mesh-sim's synthetic mesh of this many services x 3 versions (benchmarks). */
  scale?: number;
  /** `token`: users log in with a Kubernetes bearer token and every cluster call uses it (RBAC decides). */
  auth: AuthMode;
  /** Host names besides localhost and IP literals the console is served as (Ingress host); see security/host-guard.ts. */
  allowedHosts: string[];
  /** Express `trust proxy`: which X-Forwarded-* to believe (client address for rate limits, https for Secure cookies). */
  trustProxy: TrustProxy;
  /** Token auth: file holding the secret that seals session cookies (a mounted Secret); shared by every replica. */
  sessionKeyFile?: string;
}

/** false: no proxy; true: every hop; a number: that many hops; addresses/subnets: those proxies (Express semantics). */
export type TrustProxy = boolean | number | string[];

export type AuthMode = 'none' | 'token';

export interface MachineFacts {
  /** KUBERNETES_SERVICE_HOST is set and the service-account token file exists (in SLUICE_SERVICE_ACCOUNT_DIR if set). */
  inCluster: boolean;
  /** Default for --static-dir when the flag is absent (apps/web/dist, if it was built). */
  defaultStaticDir?: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const USAGE = `Usage: sluice-api [options]
  --demo                   embedded demo cluster + simulator (the default when no cluster is configured)
  --kubeconfig <path>      use this kubeconfig (or set KUBECONFIG)
  --context <name>         kubeconfig context (default: the current context)
  --prometheus-url <url>   read metrics from Prometheus (default: the in-process simulator)
  --host <addr>            listen address (default 127.0.0.1)
  --port <n>               listen port (default 8080; 0 picks a free port)
  --read-only              refuse every write with 403
  --static-dir <path>      serve the built web app from here (default apps/web/dist when built)
  --log-level <level>      fatal|error|warn|info|debug|trace|silent (default info)
  --seed <n>               simulator seed (default 1)
  --sim-metrics-port <n>   also serve the simulator's /metrics on this port
  --scale <n>              demo with a synthetic mesh of n services x 3 versions instead of the scenarios
  --auth <none|token>      token: log in with a Kubernetes bearer token, RBAC decides (needs a cluster)
  --allowed-hosts <list>   comma-separated host names the console is served as, besides localhost and IPs
                           (e.g. the Ingress host; SLUICE_ALLOWED_HOSTS); other Host headers get 403
  --trust-proxy <value>    behind a TLS proxy: true, a hop count, or proxy addresses/subnets (SLUICE_TRUST_PROXY);
                           X-Forwarded-Proto https then makes cookies Secure (default false)
  --session-key-file <p>   token auth: secret (>= 32 bytes) sealing session cookies, the same for every replica
                           (SLUICE_SESSION_KEY_FILE, or the secret itself in SLUICE_SESSION_KEY)
  --help`;

type Env = Readonly<Record<string, string | undefined>>;

export function parseConfig(argv: readonly string[], env: Env, facts: MachineFacts): Config {
  const { values } = parseFlags(argv);
  const kubeconfig = values.kubeconfig ?? nonEmpty(env.KUBECONFIG);
  const prometheusUrl = values['prometheus-url'] ?? nonEmpty(env.SLUICE_PROMETHEUS_URL);
  if (values.demo && values.kubeconfig) throw new ConfigError('--demo and --kubeconfig cannot be used together');
  if (values.context && !kubeconfig) throw new ConfigError('--context needs --kubeconfig or KUBECONFIG');
  const cluster = pickCluster(values.demo === true, kubeconfig, values.context, facts.inCluster);
  // Where the pod's service-account token, CA and namespace are (tests point it at their own folder).
  const serviceAccountDir = nonEmpty(env.SLUICE_SERVICE_ACCOUNT_DIR);
  if (cluster.mode === 'kubernetes' && cluster.source === 'in-cluster' && serviceAccountDir) {
    cluster.serviceAccountDir = serviceAccountDir;
  }
  const scale = values.scale === undefined ? undefined : parseInteger('--scale', values.scale);
  if (scale !== undefined && (cluster.mode !== 'demo' || scale < 1)) {
    throw new ConfigError('--scale takes a positive number of services and works in the demo only');
  }
  const auth = parseAuth(values.auth ?? nonEmpty(env.SLUICE_AUTH) ?? 'none');
  if (auth === 'token' && cluster.mode === 'demo') {
    throw new ConfigError(
      '--auth token needs a Kubernetes cluster (--kubeconfig, KUBECONFIG or in-cluster credentials); the demo has no users',
    );
  }

  return {
    cluster,
    ...(prometheusUrl !== undefined ? { prometheusUrl: parseUrl(prometheusUrl) } : {}),
    host: values.host ?? nonEmpty(env.SLUICE_HOST) ?? '127.0.0.1',
    port: parsePort('--port', values.port ?? nonEmpty(env.PORT) ?? '8080'),
    readOnly: values['read-only'] === true || env.SLUICE_READ_ONLY === 'true',
    ...optional('staticDir', values['static-dir'] ?? facts.defaultStaticDir),
    logLevel: parseLogLevel(values['log-level'] ?? nonEmpty(env.LOG_LEVEL) ?? 'info'),
    seed: parseInteger('--seed', values.seed ?? '1'),
    ...(values['sim-metrics-port'] !== undefined
      ? { simMetricsPort: parsePort('--sim-metrics-port', values['sim-metrics-port']) }
      : {}),
    ...(scale !== undefined ? { scale } : {}),
    auth,
    allowedHosts: parseList(values['allowed-hosts'] ?? env.SLUICE_ALLOWED_HOSTS),
    trustProxy: parseTrustProxy(values['trust-proxy'] ?? nonEmpty(env.SLUICE_TRUST_PROXY) ?? 'false'),
    ...optional('sessionKeyFile', values['session-key-file'] ?? nonEmpty(env.SLUICE_SESSION_KEY_FILE)),
  };
}

export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        demo: { type: 'boolean' },
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        'prometheus-url': { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        'read-only': { type: 'boolean' },
        'static-dir': { type: 'string' },
        'log-level': { type: 'string' },
        seed: { type: 'string' },
        'sim-metrics-port': { type: 'string' },
        scale: { type: 'string' },
        auth: { type: 'string' },
        'allowed-hosts': { type: 'string' },
        'trust-proxy': { type: 'string' },
        'session-key-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    // parseArgs' messages name the flag ("Unknown option '--prot'"); keep them, add the usage.
    throw new ConfigError(`${(err as Error).message}\n${USAGE}`);
  }
}

function pickCluster(
  demo: boolean,
  kubeconfig: string | undefined,
  context: string | undefined,
  inCluster: boolean,
): ClusterConfig {
  if (demo) return { mode: 'demo' };
  if (kubeconfig) return { mode: 'kubernetes', source: 'kubeconfig', kubeconfig, ...optional('context', context) };
  if (inCluster) return { mode: 'kubernetes', source: 'in-cluster' };
  // No cluster configured: the embedded demo, as DESIGN.md "The embedded default" asks.
  return { mode: 'demo' };
}

function parsePort(flag: string, text: string): number {
  const port = parseInteger(flag, text);
  if (port < 0 || port > 65535) throw new ConfigError(`${flag} must be 0..65535, got ${text}`);
  return port;
}

function parseInteger(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new ConfigError(`${flag} must be a whole number, got "${text}"`);
  return Number(text);
}

function parseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`--prometheus-url must be an http(s) URL, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`--prometheus-url must be an http(s) URL, got "${text}"`);
  }
  return text.replace(/\/+$/, '');
}

function parseLogLevel(text: string): LogLevel {
  const level = LOG_LEVELS.find((l) => l === text);
  if (!level) throw new ConfigError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${text}"`);
  return level;
}

function parseAuth(text: string): AuthMode {
  if (text === 'none' || text === 'token') return text;
  throw new ConfigError(`--auth must be none or token, got "${text}"`);
}

function parseList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
}

function parseTrustProxy(text: string): TrustProxy {
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^\d+$/.test(text)) return Number(text);
  const list = parseList(text);
  if (list.length === 0 || list.some((p) => !/^[\w.:/-]+$/.test(p))) {
    throw new ConfigError(`--trust-proxy must be true, false, a hop count or proxy addresses/subnets, got "${text}"`);
  }
  return list;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

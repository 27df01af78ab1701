import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { snapshotFromManifests } from '@sluice/model';
import { createSimulator, profilesFor, syntheticMesh, type ScenarioProfile, type Simulator } from '@sluice/mesh-sim';
import type { Logger } from 'pino';
import type { AppDeps } from './app';
import { createSessionManager, type SessionManager } from './auth/sessions';
import { createSealer } from './auth/session-seal';
import { loadSessionSecret } from './auth/session-secret';
import { createDemoStore } from './cluster/demo-store';
import { DEFAULT_SERVICE_ACCOUNT_DIR, inClusterKubeConfig } from './cluster/in-cluster-config';
import { createKubeStore } from './cluster/kube-store';
import { createMemoryStore } from './cluster/memory-store';
import type { MeshStore } from './cluster/mesh-store';
import { ConfigError, type ClusterConfig, type Config, type MachineFacts } from './config/config';
import { createMetrics } from './observability/metrics';
import { timedFetch } from './observability/timed-fetch';
import { withCircuitBreaker } from './traffic/circuit-breaker';
import { createPrometheusSource } from './traffic/prometheus-source';
import { createSimulatorSource } from './traffic/simulator-source';
import type { TrafficSource } from './traffic/traffic-source';

/*
 * Builds the app's dependencies from the configuration:
 *   demo cluster  -> in-memory store loaded with the scenarios
 *   kubernetes    -> informer-backed store (kubeconfig or in-cluster credentials)
 *   --prometheus-url -> PromQL over Prometheus; otherwise the simulator, in realtime, reading the
 *   store as its config source (so it routes by exactly what the API writes, in demo and on a
 *   cluster without a mesh).
 */

export function machineFacts(env: NodeJS.ProcessEnv, webDist: string): MachineFacts {
  const saDir = env.SLUICE_SERVICE_ACCOUNT_DIR || DEFAULT_SERVICE_ACCOUNT_DIR;
  return {
    inCluster: Boolean(env.KUBERNETES_SERVICE_HOST) && existsSync(join(saDir, 'token')),
    ...(existsSync(webDist) ? { defaultStaticDir: webDist } : {}),
  };
}

export interface ServerDeps {
  deps: AppDeps;
  close(): Promise<void>;
}

export async function buildDeps(config: Config, logger: Logger): Promise<ServerDeps> {
  const metrics = createMetrics({ processMetrics: true });
  const watchHooks = { onWatchRestart: (resource: string) => metrics.watchRestarts.inc({ resource }) };
  let sessions: SessionManager | undefined;
  // Sessions this replica has seen alive (sealed cookies: any replica may serve them).
  metrics.provide('activeSessions', () => sessions?.stats().sessions ?? 0);
  const kc = config.cluster.mode === 'demo' ? undefined : kubeConfig(config.cluster);
  // --scale swaps the scenarios for a synthetic mesh (and its traffic profiles), for benchmarks.
  const mesh = config.scale === undefined ? undefined : syntheticMesh({ services: config.scale, seed: config.seed });
  const store = kc
    ? await createKubeStore(kc, logger, watchHooks)
    : mesh
      ? createMemoryStore(snapshotFromManifests(mesh.manifests))
      : createDemoStore();
  const closers: (() => Promise<void>)[] = [];
  // Token auth: users' requests go through their identities' stores; the server's store above only
  // feeds the simulator (the stand-in data plane) and healthz.
  if (config.auth === 'token') {
    if (!kc) throw new ConfigError('--auth token needs a Kubernetes cluster');
    const opened = createSessionManager({
      cluster: kc,
      logger,
      sealer: createSealer(loadSessionSecret(config.sessionKeyFile, process.env, logger)),
      openStore: (userKc) => createKubeStore(userKc, logger, watchHooks),
    });
    closers.push(() => opened.close());
    sessions = opened;
  }
  let traffic: TrafficSource;
  // The simulator is the data plane whenever nothing else is: without Prometheus (it answers the
  // queries itself), and in the demo with Prometheus scraping its --sim-metrics-port. A demo with
  // --prometheus-url and no --sim-metrics-port reads a data plane running elsewhere (e.g. `mesh-sim
  // --scale N` in the Prometheus bench), so no simulator runs here to use CPU and memory for nothing.
  const runSimulator = !config.prometheusUrl || (config.cluster.mode === 'demo' && config.simMetricsPort !== undefined);
  const simulator = runSimulator ? startSimulator(store, config.seed, mesh?.profiles) : undefined;
  if (simulator) {
    closers.push(async () => simulator.stop());
    if (config.simMetricsPort !== undefined) {
      const metrics = await simulator.serveMetrics({ host: config.host, port: config.simMetricsPort });
      logger.info({ url: metrics.url }, 'simulator serving Prometheus metrics');
      closers.push(() => metrics.close());
    }
  }
  if (config.prometheusUrl) {
    // A Prometheus that stops answering must not hold every graph request for its whole deadline.
    const source = createPrometheusSource({ url: config.prometheusUrl, fetch: timedFetch(metrics) });
    const breaker = withCircuitBreaker(source, { logger });
    closers.push(async () => breaker.stop());
    traffic = breaker;
  } else if (simulator) traffic = createSimulatorSource(simulator);
  else throw new Error('unreachable: no traffic source');
  closers.push(() => store.close());
  return {
    deps: {
      store,
      traffic,
      config,
      logger,
      metrics,
      ...(sessions ? { sessions } : {}),
      // The demo's data plane can be made unhealthy on purpose; a real cluster's never.
      ...(simulator && config.cluster.mode === 'demo' ? { demo: simulator } : {}),
    },
    async close() {
      for (const close of closers) await close();
    },
  };
}

function startSimulator(store: MeshStore, seed: number, profiles?: ScenarioProfile[]): Simulator {
  // A synthetic mesh runs thousands of workloads: batched (statistically exact) sampling keeps it live.
  // Large meshes as in `mesh-sim --scale`: no size histograms and less history. The per-second ring
  // is most of the simulator's memory (at --scale 1000 about 3 MB a second of live heap): 5 minutes
  // above 600 workloads, 1 minute above 2,000 keep the API at --scale 1000 under 1 GB (issue 12).
  // A longer window is answered over the history there is, and says so (`sparse`).
  const workloads = profiles === undefined ? 0 : store.snapshot().workloads.length;
  const large = workloads > 600;
  const retentionSeconds = workloads > 2000 ? 60 : 300;
  const simulator = profiles
    ? createSimulator({
        config: store,
        profiles,
        seed,
        realtime: true,
        batched: true,
        ...(large ? { sizeHistograms: false, retentionSeconds } : {}),
      })
    : createSimulator({ config: store, profiles: profilesFor(store.snapshot().namespaces), seed, realtime: true });
  simulator.start();
  return simulator;
}

function kubeConfig(cluster: Exclude<ClusterConfig, { mode: 'demo' }>): KubeConfig {
  const kc = new KubeConfig();
  if (cluster.source === 'in-cluster') {
    return inClusterKubeConfig(cluster.serviceAccountDir);
  } else {
    kc.loadFromFile(cluster.kubeconfig);
    if (cluster.context) {
      if (!kc.getContextObject(cluster.context)) {
        const known = kc
          .getContexts()
          .map((c) => c.name)
          .join(', ');
        throw new ConfigError(
          `--context ${cluster.context} is not in ${cluster.kubeconfig} (contexts: ${known || 'none'})`,
        );
      }
      kc.setCurrentContext(cluster.context);
    }
  }
  return kc;
}

#!/usr/bin/env -S npx tsx
import { parseCli, USAGE, type CliOptions } from './cli-options';
import type { ConfigSource } from './config/config-source';
import { createStaticConfigSource } from './config/config-source';
import { createKubeConfigSource } from './config/kube-config-source';
import { createSimulator } from './engine/simulator';
import { syntheticMesh } from './scale/synthetic-mesh';
import { loadScenarioManifests } from './scenarios/load-manifests';
import type { ScenarioProfile } from './scenarios/profile-types';
import { profilesFor } from './scenarios/profiles';
import { snapshotFromManifests } from '@sluice/model';

/* `mesh-sim`: run the simulator on its own and serve /metrics for a Prometheus to scrape. */

async function configAndProfiles(
  o: CliOptions,
): Promise<{ config: ConfigSource; profiles: ScenarioProfile[]; stop(): Promise<void> }> {
  const none = async (): Promise<void> => {};
  if (o.scale !== undefined) {
    const mesh = syntheticMesh({ services: o.scale, seed: o.seed });
    return {
      config: createStaticConfigSource(snapshotFromManifests(mesh.manifests)),
      profiles: mesh.profiles,
      stop: none,
    };
  }
  if (o.kubeconfig) {
    const kube = createKubeConfigSource({
      kubeconfig: o.kubeconfig,
      onError: (what, e) => console.error(`watch ${what}: ${String(e)}`),
    });
    await kube.ready();
    return { config: kube, profiles: profilesFor(o.scenarios), stop: () => kube.stop() };
  }
  return {
    config: createStaticConfigSource(snapshotFromManifests(loadScenarioManifests(o.scenarios))),
    profiles: profilesFor(o.scenarios),
    stop: none,
  };
}

async function main(): Promise<void> {
  const o = parseCli(process.argv.slice(2));
  if (o.help) {
    process.stdout.write(USAGE);
    return;
  }
  const { config, profiles, stop } = await configAndProfiles(o);
  const large = o.scale !== undefined && o.scale > 200;
  const sim = createSimulator({
    config,
    profiles,
    seed: o.seed,
    realtime: true,
    tickMs: o.tickMs,
    // Large meshes: cohorts instead of single requests, and no size histograms (the bulk of a scrape).
    batched: o.scale !== undefined,
    ...(large ? { sizeHistograms: false, retentionSeconds: 300 } : {}),
  });
  sim.start();
  const server = await sim.serveMetrics({ host: o.host, port: o.port });
  const snap = config.snapshot();
  console.log(
    `mesh-sim: ${snap.workloads.length} workloads, ${snap.virtualServices.length} VirtualServices; metrics at ${server.url}`,
  );
  const shutdown = async (): Promise<void> => {
    sim.stop();
    await server.close();
    await stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  // The simulator's timers are unref'd so tests can exit; the CLI keeps the process alive itself.
  setInterval(() => {}, 1 << 30);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  console.error(USAGE);
  process.exit(2);
});

import { samplePoisson } from '../random/discrete';
import type { Generator, ScenarioProfile } from '../scenarios/profile-types';
import { split, type Call, type Caller, type FlowContext } from './flow-context';
import { peerIdentity } from './mesh-view';

/*
 * Load entering the mesh: each generator opens Poisson-distributed requests per tick, either
 * through the ingress gateway or from a client workload, with its mix of paths and headers.
 */

const DEFAULT_REQUEST_BYTES = 420;

function callerFor(ctx: FlowContext, g: Generator): Caller {
  const e = g.entry;
  if (e.kind === 'gateway') {
    const namespace = e.gateway.includes('/') ? (e.gateway.split('/')[0] as string) : 'istio-system';
    return {
      identity: ctx.view.ingress(e.gateway),
      source: { kind: 'gateway', gateway: e.gateway, namespace },
      namespace,
      reports: true,
    };
  }
  // A client missing from the config still sends, as a workload known only by its name.
  const found = ctx.view.findWorkload(e.namespace, e.workload);
  const w = found ?? {
    namespace: e.namespace,
    name: e.workload,
    kind: 'Deployment' as const,
    labels: { app: e.workload },
    replicas: 1,
  };
  const identity = found ? ctx.view.peer(found) : peerIdentity(w);
  return {
    identity,
    source: { kind: 'mesh', namespace: e.namespace, labels: w.labels },
    namespace: e.namespace,
    reports: true,
  };
}

/** Run every generator for `dtMs` of simulated time. `batched` sends each request kind as one cohort. */
export function runGenerators(
  ctx: FlowContext,
  profiles: readonly ScenarioProfile[],
  dtMs: number,
  batched: boolean,
): void {
  for (const p of profiles) {
    for (const g of p.generators) {
      const arrivals = samplePoisson(ctx.rng, (g.rps * dtMs) / 1000);
      if (arrivals === 0) continue;
      const caller = callerFor(ctx, g);
      const mix = g.mix && g.mix.length > 0 ? g.mix : [{ weight: 1 }];
      const requestBytes = g.protocol === 'tcp' ? (p.tcpRequestBytes ?? 64) : DEFAULT_REQUEST_BYTES;
      const send = (kind: (typeof mix)[number], n: number): void => {
        const call: Call = {
          protocol: g.protocol,
          host: g.entry.host,
          ...(g.entry.port === undefined ? {} : { port: g.entry.port }),
          path: kind.path ?? '/',
          method: kind.method ?? 'GET',
          headers: kind.headers ?? {},
          requestBytes,
        };
        ctx.call(caller, call, n, 0);
      };
      if (batched) {
        for (const [kind, n] of split(ctx.rng, arrivals, mix, (k) => k.weight)) send(kind, n);
      } else {
        for (let i = 0; i < arrivals; i++) for (const [kind] of split(ctx.rng, 1, mix, (k) => k.weight)) send(kind, 1);
      }
    }
  }
}

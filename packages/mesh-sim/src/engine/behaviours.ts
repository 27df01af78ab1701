import type { Workload } from '@sluice/model';
import { logNormalFrom, type LogNormal } from '../random/prng';
import type { ScenarioProfile, WorkloadBehaviour } from '../scenarios/profile-types';

/* What a workload does with a request, from the profiles: `app` defaults, `app@version` overrides. */

export interface ResolvedBehaviour extends WorkloadBehaviour {
  latencyDist: LogNormal;
}

export const DEFAULT_BEHAVIOUR: WorkloadBehaviour = {
  latency: { medianMs: 5, p95Ms: 20 },
  errorRate: 0,
  requestBytes: 420,
  responseBytes: 1200,
  calls: [],
};

export class Behaviours {
  private readonly byKey = new Map<string, Partial<WorkloadBehaviour>>();
  private readonly cache = new Map<string, ResolvedBehaviour>();
  private readonly byWorkload = new WeakMap<Workload, ResolvedBehaviour>();

  constructor(profiles: readonly ScenarioProfile[]) {
    for (const p of profiles) {
      for (const [key, b] of Object.entries(p.behaviours)) this.byKey.set(`${p.namespace}/${key}`, b);
    }
  }

  of(w: Workload): ResolvedBehaviour {
    let known = this.byWorkload.get(w);
    if (!known) {
      known = this.resolve(w);
      this.byWorkload.set(w, known);
    }
    return known;
  }

  private resolve(w: Workload): ResolvedBehaviour {
    const app = w.labels.app ?? w.name;
    const version = w.labels.version ?? '';
    const cacheKey = `${w.namespace}/${app}@${version}`;
    let r = this.cache.get(cacheKey);
    if (!r) {
      const merged: WorkloadBehaviour = {
        ...DEFAULT_BEHAVIOUR,
        ...this.byKey.get(`${w.namespace}/${app}`),
        ...this.byKey.get(`${w.namespace}/${app}@${version}`),
      };
      r = { ...merged, latencyDist: logNormalFrom(merged.latency.medianMs, merged.latency.p95Ms) };
      this.cache.set(cacheKey, r);
    }
    return r;
  }
}

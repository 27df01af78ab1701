import { parseManifests } from '@sluice/model';
import { extraScenarioYaml, modelScenarioYaml } from './scenario-files';

/*
 * Scenario manifests are owned by the model package (one plain multi-doc YAML file per namespace,
 * what `kubectl apply -f` takes). mesh-sim adds only what the scenarios need to generate traffic
 * but the seeds create imperatively (`kubectl run client ...`): see ../../scenarios-extra.
 */

export const SCENARIO_NAMESPACES = [
  'istio-system',
  'bookinfo',
  'data-product',
  'demoapp',
  'istio-io-tcp-traffic-shift',
  'front-tomcat',
  'gateway-api',
] as const;

export type KubeManifest = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; [field: string]: unknown };
};

function identity(o: KubeManifest): string {
  return `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

/**
 * The manifests of the given scenarios (all by default; `istio-system`, home of the ingress
 * gateway, is always included). Extras never replace an object the model's file already has.
 */
export function loadScenarioManifests(namespaces: readonly string[] = SCENARIO_NAMESPACES): KubeManifest[] {
  const wanted = [...new Set(['istio-system', ...namespaces])];
  const out: KubeManifest[] = [];
  const seen = new Set<string>();
  for (const ns of wanted) {
    const main = modelScenarioYaml(ns);
    if (main === undefined)
      throw new Error(`unknown scenario "${ns}": no fixtures/scenarios/${ns}.yaml in @sluice/model`);
    for (const o of parseManifests(main) as KubeManifest[]) {
      seen.add(identity(o));
      out.push(o);
    }
    const extra = extraScenarioYaml(ns);
    if (extra === undefined) continue;
    for (const o of parseManifests(extra) as KubeManifest[]) {
      if (!seen.has(identity(o))) out.push(o);
    }
  }
  return out;
}

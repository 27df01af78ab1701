import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseManifests } from '@sluice/model';

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

function modelFixturePath(namespace: string): string {
  return fileURLToPath(import.meta.resolve(`@sluice/model/fixtures/scenarios/${namespace}.yaml`));
}

function extraPath(namespace: string): string {
  return fileURLToPath(new URL(`../../scenarios-extra/${namespace}.yaml`, import.meta.url));
}

function readManifests(path: string): KubeManifest[] {
  return parseManifests(readFileSync(path, 'utf8')) as KubeManifest[];
}

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
    const main = modelFixturePath(ns);
    if (!existsSync(main)) throw new Error(`unknown scenario "${ns}": no ${main}`);
    for (const o of readManifests(main)) {
      seen.add(identity(o));
      out.push(o);
    }
    const extra = extraPath(ns);
    if (!existsSync(extra)) continue;
    for (const o of readManifests(extra)) {
      if (!seen.has(identity(o))) out.push(o);
    }
  }
  return out;
}

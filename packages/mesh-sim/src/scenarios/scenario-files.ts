import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/*
 * Where the scenario YAML comes from: the model's fixtures and mesh-sim's extras, read from the
 * checkout. This one module does the file reading so that the production server bundle
 * (apps/api/scripts/build-server.mjs) can swap it for a copy with the same files embedded, and the
 * built server runs the demo with no source tree next to it.
 */

function read(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** The model's scenario file for a namespace (what `kubectl apply -f` takes), or undefined. */
export function modelScenarioYaml(namespace: string): string | undefined {
  return read(fileURLToPath(import.meta.resolve(`@sluice/model/fixtures/scenarios/${namespace}.yaml`)));
}

/** mesh-sim's extra objects for a namespace (clients the seeds create imperatively), or undefined. */
export function extraScenarioYaml(namespace: string): string | undefined {
  return read(fileURLToPath(new URL(`../../scenarios-extra/${namespace}.yaml`, import.meta.url)));
}

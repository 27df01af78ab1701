import type { z } from 'zod';
import { ISTIO_KINDS, KIND_API, istioObjectSchema } from '../resources/istio';
import type { IstioObject } from '../resources/istio';
import type { Finding } from './finding';
import { error } from './codes';

export type ParseResult = { ok: true; object: IstioObject; findings: Finding[] } | { ok: false; findings: Finding[] };

/**
 * `spec.http[0].route` from a zod issue path: the one spelling of a path into an object, shared by
 * validation findings and the API's 400 details (`edits[0].weights[1].weight`, `query.graphType`).
 * Keys that are not plain names are quoted (`metadata.annotations["sluice.io/rollout"]`).
 */
export function issuePath(path: readonly PropertyKey[], prefix = ''): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    const k = String(key);
    return acc === '' ? k : /^[A-Za-z0-9_-]+$/.test(k) ? `${acc}.${k}` : `${acc}[${JSON.stringify(k)}]`;
  }, prefix);
}

export function findingsFromZod(err: z.ZodError): Finding[] {
  return err.issues.map((issue) => error(issuePath(issue.path) || '(root)', 'schema_invalid', issue.message));
}

/** Read an unknown value as an Istio object; shape problems come back as findings, never as a throw. */
export function parseIstioObject(input: unknown): ParseResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, findings: [error('(root)', 'schema_invalid', 'expected an object')] };
  }
  const { kind, apiVersion } = input as { kind?: unknown; apiVersion?: unknown };
  if (typeof kind !== 'string' || !(ISTIO_KINDS as readonly string[]).includes(kind)) {
    return {
      ok: false,
      findings: [
        error('kind', 'kind_unsupported', `kind must be one of ${ISTIO_KINDS.join(', ')}, got ${JSON.stringify(kind)}`),
      ],
    };
  }
  const api = KIND_API[kind as keyof typeof KIND_API];
  const API_VERSIONS = api.accepts.map((v) => `${api.group}/${v}`);
  if (typeof apiVersion !== 'string' || !API_VERSIONS.includes(apiVersion)) {
    return {
      ok: false,
      findings: [
        error('apiVersion', 'api_version_unsupported', `apiVersion must be one of ${API_VERSIONS.join(', ')}`),
      ],
    };
  }
  const result = istioObjectSchema.safeParse(input);
  return result.success
    ? { ok: true, object: result.data, findings: [] }
    : { ok: false, findings: findingsFromZod(result.error) };
}

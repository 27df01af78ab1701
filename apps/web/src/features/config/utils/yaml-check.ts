import { parse, stringify, YAMLParseError } from 'yaml';
import { unknownVirtualServiceFields, validateObject, type Finding } from '@sluice/model';

/** The object as YAML for viewing and editing; status and managedFields are server-owned noise. */
export function toYaml(object: unknown): string {
  if (object && typeof object === 'object') {
    const { status: _status, ...rest } = object as Record<string, unknown>;
    const meta = rest.metadata as Record<string, unknown> | undefined;
    if (meta && 'managedFields' in meta) {
      const { managedFields: _mf, ...m } = meta;
      rest.metadata = m;
    }
    return stringify(rest, { lineWidth: 0 });
  }
  return stringify(object);
}

/**
 * Checks YAML in the browser before it is sent: syntax, then the model's field rules (the same code
 * the API runs) and fields Istio's schema does not have. Cross-object checks need the whole mesh, so the server's 422 still has the last word.
 */
export function checkYaml(text: string): { object?: unknown; findings: Finding[] } {
  let object: unknown;
  try {
    object = parse(text, { prettyErrors: true });
  } catch (err) {
    const line = err instanceof YAMLParseError ? err.linePos?.[0] : undefined;
    const message = err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
    return {
      findings: [{ path: line ? `yaml line ${line.line}` : 'yaml', code: 'yaml_syntax', severity: 'error', message }],
    };
  }
  // Typos (`timout:`) are warnings: they do not block Save, but the API server would drop them.
  return { object, findings: [...validateObject(object), ...unknownVirtualServiceFields(object)] };
}

/** The same YAML with metadata.resourceVersion set: how a conflicted edit is re-based on the latest object. */
export function withResourceVersion(text: string, resourceVersion: string): string {
  const { object } = checkYaml(text);
  if (!object || typeof object !== 'object') return text;
  const o = object as { metadata?: Record<string, unknown> };
  return stringify({ ...o, metadata: { ...(o.metadata ?? {}), resourceVersion } }, { lineWidth: 0 });
}

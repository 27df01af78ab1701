import type { HTTPMatchRequest, HttpMatchSpec } from '@sluice/model';

/*
 * The match form's rows <-> Istio's HTTPMatchRequest. A block is a list of conditions (each on the
 * path, method, authority, scheme, a header, a header that must not match, or a query parameter) plus
 * the block-wide fields; typed text stays text until Apply, and problems are reported by field.
 */

export const CONDITION_FIELDS = ['uri', 'method', 'authority', 'scheme', 'header', 'withoutHeader', 'query'] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];
export type ConditionKind = 'exact' | 'prefix' | 'regex' | 'present';

export interface ConditionRow {
  field: ConditionField;
  /** Header or query parameter name (unused for uri, method, authority, scheme). */
  name: string;
  kind: ConditionKind;
  value: string;
}

export interface MatchBlockRows {
  conditions: ConditionRow[];
  port: string;
  /** `app=proxy, version=v1` */
  sourceLabels: string;
  /** `mesh, istio-system/proxy-gateway` */
  gateways: string;
  sourceNamespace: string;
  ignoreUriCase: boolean;
  name: string;
}

export const FIELD_LABELS: Record<ConditionField, string> = {
  uri: 'Path',
  method: 'Method',
  authority: 'Authority',
  scheme: 'Scheme',
  header: 'Header',
  withoutHeader: 'Header must not match',
  query: 'Query parameter',
};
export const NAMED_FIELDS: readonly ConditionField[] = ['header', 'withoutHeader', 'query'];

export const emptyBlock = (): MatchBlockRows => ({
  conditions: [{ field: 'uri', name: '', kind: 'prefix', value: '' }],
  port: '',
  sourceLabels: '',
  gateways: '',
  sourceNamespace: '',
  ignoreUriCase: false,
  name: '',
});

type SM = { exact?: string | undefined; prefix?: string | undefined; regex?: string | undefined };
const kindOf = (m: SM): [ConditionKind, string] =>
  m.exact !== undefined
    ? ['exact', m.exact]
    : m.prefix !== undefined
      ? ['prefix', m.prefix]
      : m.regex !== undefined
        ? ['regex', m.regex]
        : ['present', ''];

export function blockRows(m: HTTPMatchRequest): MatchBlockRows {
  const conditions: ConditionRow[] = [];
  for (const field of ['uri', 'method', 'authority', 'scheme'] as const) {
    const sm = m[field];
    if (sm) {
      const [kind, value] = kindOf(sm);
      conditions.push({ field, name: '', kind, value });
    }
  }
  const named = (field: ConditionField, map: Record<string, SM> | undefined) => {
    for (const [name, sm] of Object.entries(map ?? {})) {
      const [kind, value] = kindOf(sm);
      conditions.push({ field, name, kind, value });
    }
  };
  named('header', m.headers);
  named('withoutHeader', m.withoutHeaders);
  named('query', m.queryParams);
  return {
    conditions,
    port: m.port === undefined ? '' : String(m.port),
    sourceLabels: Object.entries(m.sourceLabels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(', '),
    gateways: (m.gateways ?? []).join(', '),
    sourceNamespace: m.sourceNamespace ?? '',
    ignoreUriCase: m.ignoreUriCase === true,
    name: m.name ?? '',
  };
}

export interface RowProblem {
  /** `match[0].conditions[1]`, `match[0].port` */
  at: string;
  message: string;
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The setMatch spec for the rows, or the problems that keep it from being one (with where they are). */
export function matchSpec(blocks: readonly MatchBlockRows[]): { spec: HttpMatchSpec[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const spec = blocks.map((b, bi) => {
    const out: HttpMatchSpec = {};
    b.conditions.forEach((c, ci) => {
      const at = `match[${bi}].conditions[${ci}]`;
      const named = NAMED_FIELDS.includes(c.field);
      if (named && c.name.trim() === '') problems.push({ at, message: `${FIELD_LABELS[c.field]} needs a name` });
      if (!named && c.kind === 'present')
        problems.push({ at, message: `${FIELD_LABELS[c.field]} cannot be "present"` });
      const sm = c.kind === 'present' ? {} : { [c.kind]: c.value };
      if (!named) {
        const field = c.field as 'uri' | 'method' | 'authority' | 'scheme';
        if (out[field]) problems.push({ at, message: `${FIELD_LABELS[c.field]} is already a condition of this block` });
        out[field] = sm as NonNullable<HttpMatchSpec['uri']>;
        return;
      }
      const key = c.field === 'header' ? 'headers' : c.field === 'withoutHeader' ? 'withoutHeaders' : 'queryParams';
      const map = (out[key] ??= {}) as Record<string, unknown>;
      if (Object.hasOwn(map, c.name.trim()))
        problems.push({ at, message: `${FIELD_LABELS[c.field]} ${c.name} is listed twice` });
      map[c.name.trim()] = sm;
    });
    if (b.port.trim() !== '') {
      const port = Number(b.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535)
        problems.push({ at: `match[${bi}].port`, message: 'port must be a whole number from 1 to 65535' });
      else out.port = port;
    }
    const labels = list(b.sourceLabels);
    if (labels.length) {
      const entries = labels.map((l) => l.split('='));
      if (entries.some((e) => e.length !== 2 || !e[0]))
        problems.push({ at: `match[${bi}].sourceLabels`, message: 'write labels as key=value, separated by commas' });
      else out.sourceLabels = Object.fromEntries(entries.map(([k, v]) => [(k as string).trim(), (v as string).trim()]));
    }
    const gateways = list(b.gateways);
    if (gateways.length) out.gateways = gateways;
    if (b.sourceNamespace.trim()) out.sourceNamespace = b.sourceNamespace.trim();
    if (b.ignoreUriCase) out.ignoreUriCase = true;
    if (b.name.trim()) out.name = b.name.trim();
    return out;
  });
  return { spec, problems };
}

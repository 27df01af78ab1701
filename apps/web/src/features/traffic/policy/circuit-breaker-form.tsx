import { Button, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, TextInput } from '@patternfly/react-core';
import type { ConnectionPoolSettings, OutlierDetection, TrafficPolicy } from '@sluice/model';
import { FieldError } from '@/components/field-error';
import { policyAt, policyEdit, type PolicyFormProps } from './policy-level';
import { PolicyFormFooter } from './policy-form-footer';
import { usePolicyForm } from './use-policy-form';

/*
 * Circuit breaking as Envoy does it, in the DestinationRule's terms: a connection pool caps what one
 * calling proxy may have open or waiting towards the destination (over the cap Envoy answers 503 with
 * flag UO at once), and outlier detection takes a pod that keeps failing out of the load balancer
 * for a while (its share goes to the others). Empty fields are not written (Istio's default: no limit).
 */

const FIELDS = {
  maxConnections: {
    label: 'Max connections',
    help: 'TCP connections one calling proxy may open to each pod set (HTTP/1.1: one request per connection at a time).',
  },
  pending: {
    label: 'Max waiting requests',
    help: 'Requests that may wait for a free connection; one more is refused with 503 UO (http1MaxPendingRequests).',
  },
  maxRequests: {
    label: 'Max requests in flight',
    help: 'Concurrent requests one calling proxy may have outstanding; one more is refused with 503 UO (http2MaxRequests).',
  },
  consecutive5xx: {
    label: 'Eject a pod after consecutive 5xx',
    help: 'A pod answering this many errors in a row is taken out of the load balancer (consecutive5xxErrors).',
  },
  interval: { label: 'Check every', help: 'How often ejections are evaluated (interval, e.g. 10s).' },
  ejection: {
    label: 'Keep it out for',
    help: 'Ejection time; it grows with each repeated ejection of the same pod (baseEjectionTime, e.g. 30s).',
  },
  maxEjectionPercent: {
    label: 'Eject at most (% of pods)',
    help: 'Never eject more than this share of the pods, so some always serve (maxEjectionPercent).',
  },
} as const;
type Field = keyof typeof FIELDS;
type Values = Record<Field, string>;

export const BREAKER_PRESETS: { id: string; label: string; values: Values }[] = [
  {
    id: 'guard',
    label: 'Guard a slow backend',
    values: {
      maxConnections: '100',
      pending: '10',
      maxRequests: '100',
      consecutive5xx: '5',
      interval: '10s',
      ejection: '30s',
      maxEjectionPercent: '50',
    },
  },
  {
    // Istio's circuit-breaking task: trips as soon as two requests overlap.
    id: 'trip-fast',
    label: 'Trip fast (to try it out)',
    values: {
      maxConnections: '1',
      pending: '1',
      maxRequests: '1',
      consecutive5xx: '1',
      interval: '1s',
      ejection: '3m',
      maxEjectionPercent: '100',
    },
  },
];
const EMPTY: Values = {
  maxConnections: '',
  pending: '',
  maxRequests: '',
  consecutive5xx: '',
  interval: '',
  ejection: '',
  maxEjectionPercent: '',
};

const text = (v: number | string | undefined) => (v === undefined ? '' : String(v));
const valuesOf = (p: TrafficPolicy): Values => ({
  maxConnections: text(p.connectionPool?.tcp?.maxConnections),
  pending: text(p.connectionPool?.http?.http1MaxPendingRequests),
  maxRequests: text(p.connectionPool?.http?.http2MaxRequests),
  consecutive5xx: text(p.outlierDetection?.consecutive5xxErrors),
  interval: text(p.outlierDetection?.interval),
  ejection: text(p.outlierDetection?.baseEjectionTime),
  maxEjectionPercent: text(p.outlierDetection?.maxEjectionPercent),
});

const COUNT_FIELDS: Field[] = ['maxConnections', 'pending', 'maxRequests', 'consecutive5xx', 'maxEjectionPercent'];
const notWhole = (v: string) => v.trim() !== '' && !/^\d+$/.test(v.trim());

/** Sets `key` to `value` when given, removes it when not; the object's other fields are kept. */
function put<T extends object>(obj: T | undefined, entries: [string, number | string | undefined][]): T | undefined {
  const next: Record<string, unknown> = { ...obj };
  for (const [k, v] of entries) {
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  return Object.keys(next).length === 0 ? undefined : (next as T);
}

function buildPolicy(stored: TrafficPolicy, v: Values) {
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s.trim()));
  const str = (s: string) => (s.trim() === '' ? undefined : s.trim());
  const tcp = put(stored.connectionPool?.tcp, [['maxConnections', num(v.maxConnections)]]);
  const http = put(stored.connectionPool?.http, [
    ['http1MaxPendingRequests', num(v.pending)],
    ['http2MaxRequests', num(v.maxRequests)],
  ]);
  const pool = put<ConnectionPoolSettings>(stored.connectionPool, [
    ['tcp', undefined],
    ['http', undefined],
  ]);
  const connectionPool = tcp || http ? { ...pool, ...(tcp ? { tcp } : {}), ...(http ? { http } : {}) } : null;
  const od = put<OutlierDetection>(stored.outlierDetection, [
    ['consecutive5xxErrors', num(v.consecutive5xx)],
    ['interval', str(v.interval)],
    ['baseEjectionTime', str(v.ejection)],
    ['maxEjectionPercent', num(v.maxEjectionPercent)],
  ]);
  return { connectionPool, outlierDetection: od ?? null };
}

export function CircuitBreakerForm({ dr, level, onDirtyChange }: PolicyFormProps) {
  const form = usePolicyForm(dr, level, valuesOf, onDirtyChange);
  const { edit, writer, base } = form;
  const values = edit.values;
  const invalid = COUNT_FIELDS.some((f) => notWhole(values[f]));
  const policy = buildPolicy(policyAt(edit.source, level), values);
  const edits = invalid ? undefined : [policyEdit(level, policy)];
  const off = (Object.keys(FIELDS) as Field[]).every((f) => values[f].trim() === '');
  const paths: Record<Field, string> = {
    maxConnections: `${base}.connectionPool.tcp.maxConnections`,
    pending: `${base}.connectionPool.http.http1MaxPendingRequests`,
    maxRequests: `${base}.connectionPool.http.http2MaxRequests`,
    consecutive5xx: `${base}.outlierDetection.consecutive5xxErrors`,
    interval: `${base}.outlierDetection.interval`,
    ejection: `${base}.outlierDetection.baseEjectionTime`,
    maxEjectionPercent: `${base}.outlierDetection.maxEjectionPercent`,
  };
  const id = (f: Field) => `cb-${level ?? 'host'}-${f}`;

  return (
    <Form onSubmit={(e) => e.preventDefault()} data-testid="circuit-breaker-form" aria-label="Circuit breaker">
      <div className="sluice-inline-fields" role="group" aria-label="Presets">
        {BREAKER_PRESETS.map((p) => (
          <Button
            key={p.id}
            variant="secondary"
            size="sm"
            onClick={() => edit.setValues(p.values)}
            data-testid={`breaker-preset-${p.id}`}
          >
            {p.label}
          </Button>
        ))}
        <Button variant="secondary" size="sm" onClick={() => edit.setValues(EMPTY)} data-testid="breaker-preset-off">
          No circuit breaker
        </Button>
      </div>
      <div className="sluice-inline-fields">
        {(Object.keys(FIELDS) as Field[]).map((f) => (
          <FormGroup key={f} label={FIELDS[f].label} fieldId={id(f)}>
            <TextInput
              id={id(f)}
              value={values[f]}
              inputMode={COUNT_FIELDS.includes(f) ? 'numeric' : 'text'}
              placeholder={COUNT_FIELDS.includes(f) ? 'no limit' : 'e.g. 10s'}
              validated={notWhole(values[f]) ? 'error' : 'default'}
              onChange={(_e, v) => edit.update({ [f]: v } as Partial<Values>)}
              data-testid={`breaker-${f}`}
            />
            <FormHelperText>
              <HelperText>
                <HelperTextItem variant={notWhole(values[f]) ? 'error' : 'default'}>
                  {notWhole(values[f]) ? 'a whole number, or empty for no limit' : FIELDS[f].help}
                </HelperTextItem>
              </HelperText>
            </FormHelperText>
            <FieldError findings={writer.findings} paths={[paths[f]]} />
          </FormGroup>
        ))}
      </div>
      <PolicyFormFooter
        form={form}
        edits={edits}
        label={off ? 'Remove circuit breaker' : 'Apply circuit breaker'}
        testId="apply-circuit-breaker"
      />
    </Form>
  );
}

import {
  Checkbox,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  TextInput,
} from '@patternfly/react-core';
import type { LoadBalancerSettings, TrafficPolicy } from '@sluice/model';
import { FieldError } from '@/components/field-error';
import { policyAt, policyEdit, type PolicyFormProps } from './policy-level';
import { PolicyFormFooter } from './policy-form-footer';
import { usePolicyForm } from './use-policy-form';

/* How a calling proxy spreads requests over the destination's pods (DestinationRule loadBalancer). */

type Mode = '' | 'ROUND_ROBIN' | 'LEAST_REQUEST' | 'RANDOM' | 'hash';
type HashBy = 'header' | 'cookie' | 'sourceIp';
interface Values {
  mode: Mode;
  hashBy: HashBy;
  hashName: string;
  cookieTtl: string;
  locality: boolean;
}

const MODES: { value: Mode; label: string }[] = [
  { value: '', label: "Istio's default (least request)" },
  { value: 'ROUND_ROBIN', label: 'Round robin: each pod in turn' },
  { value: 'LEAST_REQUEST', label: 'Least request: the pod with fewest requests in flight' },
  { value: 'RANDOM', label: 'Random' },
  { value: 'hash', label: 'Sticky (consistent hash): the same key goes to the same pod' },
];

function valuesOf(p: TrafficPolicy): Values {
  const lb = p.loadBalancer;
  const hash = lb?.consistentHash;
  const hashBy: HashBy = hash?.httpCookie ? 'cookie' : hash?.useSourceIp ? 'sourceIp' : 'header';
  const simple = lb?.simple;
  return {
    mode: hash ? 'hash' : simple === 'ROUND_ROBIN' || simple === 'LEAST_REQUEST' || simple === 'RANDOM' ? simple : '',
    hashBy,
    hashName: hash?.httpCookie?.name ?? hash?.httpHeaderName ?? '',
    cookieTtl: hash?.httpCookie?.ttl ?? '0s',
    locality: lb?.localityLbSetting?.enabled === true,
  };
}

function buildLoadBalancer(stored: TrafficPolicy, v: Values): LoadBalancerSettings | null {
  const { simple: _s, consistentHash: _c, localityLbSetting: _l, ...kept } = stored.loadBalancer ?? {};
  const name = v.hashName.trim();
  const choice: LoadBalancerSettings =
    v.mode === 'hash'
      ? {
          consistentHash:
            v.hashBy === 'sourceIp'
              ? { useSourceIp: true }
              : v.hashBy === 'cookie'
                ? { httpCookie: { name, ttl: v.cookieTtl.trim() || '0s' } }
                : { httpHeaderName: name },
        }
      : v.mode === ''
        ? {}
        : { simple: v.mode };
  const lb = { ...kept, ...choice, ...(v.locality ? { localityLbSetting: { enabled: true } } : {}) };
  return Object.keys(lb).length === 0 ? null : lb;
}

export function LoadBalancerForm({ dr, level, onDirtyChange }: PolicyFormProps) {
  const form = usePolicyForm(dr, level, valuesOf, onDirtyChange);
  const { edit, writer, base } = form;
  const v = edit.values;
  const needsName = v.mode === 'hash' && v.hashBy !== 'sourceIp' && v.hashName.trim() === '';
  const edits = needsName
    ? undefined
    : [policyEdit(level, { loadBalancer: buildLoadBalancer(policyAt(edit.source, level), v) })];
  const id = (f: string) => `lb-${level ?? 'host'}-${f}`;
  return (
    <Form onSubmit={(e) => e.preventDefault()} data-testid="load-balancer-form" aria-label="Load balancing">
      <FormGroup label="Spread requests" fieldId={id('mode')}>
        <FormSelect
          id={id('mode')}
          value={v.mode}
          onChange={(_e, mode) => edit.update({ mode: mode as Mode })}
          data-testid="lb-mode"
        >
          {MODES.map((m) => (
            <FormSelectOption key={m.value} value={m.value} label={m.label} />
          ))}
        </FormSelect>
        <FieldError findings={writer.findings} paths={[`${base}.loadBalancer`]} />
      </FormGroup>
      {v.mode === 'hash' && (
        <div className="sluice-inline-fields">
          <FormGroup label="Key" fieldId={id('hash-by')}>
            <FormSelect
              id={id('hash-by')}
              value={v.hashBy}
              onChange={(_e, by) => edit.update({ hashBy: by as HashBy })}
              data-testid="lb-hash-by"
            >
              <FormSelectOption value="header" label="A request header" />
              <FormSelectOption value="cookie" label="A cookie (set by the proxy if missing)" />
              <FormSelectOption value="sourceIp" label="The caller's IP address" />
            </FormSelect>
          </FormGroup>
          {v.hashBy !== 'sourceIp' && (
            <FormGroup label={v.hashBy === 'cookie' ? 'Cookie name' : 'Header name'} fieldId={id('hash-name')}>
              <TextInput
                id={id('hash-name')}
                value={v.hashName}
                validated={needsName ? 'error' : 'default'}
                onChange={(_e, hashName) => edit.update({ hashName })}
                data-testid="lb-hash-name"
              />
              {needsName && (
                <FormHelperText>
                  <HelperText>
                    <HelperTextItem variant="error">a name is required</HelperTextItem>
                  </HelperText>
                </FormHelperText>
              )}
            </FormGroup>
          )}
          {v.hashBy === 'cookie' && (
            <FormGroup label="Cookie lifetime" fieldId={id('ttl')}>
              <TextInput id={id('ttl')} value={v.cookieTtl} onChange={(_e, cookieTtl) => edit.update({ cookieTtl })} />
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>0s: a session cookie</HelperTextItem>
                </HelperText>
              </FormHelperText>
              <FieldError findings={writer.findings} paths={[`${base}.loadBalancer.consistentHash.httpCookie.ttl`]} />
            </FormGroup>
          )}
        </div>
      )}
      <Checkbox
        id={id('locality')}
        label="Prefer pods in the caller's own zone (locality load balancing; needs outlier detection to fail over)"
        isChecked={v.locality}
        onChange={(_e, locality) => edit.update({ locality })}
      />
      <PolicyFormFooter form={form} edits={edits} label="Apply load balancing" testId="apply-load-balancer" />
    </Form>
  );
}

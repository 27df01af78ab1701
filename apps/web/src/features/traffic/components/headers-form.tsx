import { useState } from 'react';
import { Button, Form, FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import type { Edit, HeadersSpec, RouteView, VirtualServiceView } from '@sluice/model';
import { findingsAt } from '@/components/findings-list';
import { useEditBase } from '@/lib/edit-kit/use-edit-base';
import { useVsWriter } from '../hooks/use-vs-writer';
import { routeRefOf } from '../utils/split-rows';
import { RouteFormFooter } from './route-form-footer';

interface Props {
  service: { namespace: string; name: string };
  vs: VirtualServiceView;
  route: RouteView;
}

interface HeaderRow {
  side: 'request' | 'response';
  op: 'set' | 'add' | 'remove';
  name: string;
  value: string;
}
type Ops = { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] } | undefined;
type Headers = { request?: Ops; response?: Ops } | undefined;

/** "route" or the index of a destination: where the operations apply. */
type Scope = 'route' | `${number}`;

function rowsOf(headers: Headers): HeaderRow[] {
  const rows: HeaderRow[] = [];
  for (const side of ['request', 'response'] as const) {
    const ops = headers?.[side];
    for (const op of ['set', 'add'] as const)
      for (const [name, value] of Object.entries(ops?.[op] ?? {})) rows.push({ side, op, name, value });
    for (const name of ops?.remove ?? []) rows.push({ side, op: 'remove', name, value: '' });
  }
  return rows;
}

function specOf(rows: readonly HeaderRow[]): { spec: HeadersSpec | null; problems: string[] } {
  const spec: { request?: Record<string, unknown>; response?: Record<string, unknown> } = {};
  const problems: string[] = [];
  for (const r of rows) {
    const name = r.name.trim();
    if (!name) {
      problems.push('every header operation needs a header name');
      continue;
    }
    const side = (spec[r.side] ??= {}) as {
      set?: Record<string, string>;
      add?: Record<string, string>;
      remove?: string[];
    };
    if (r.op === 'remove') (side.remove ??= []).push(name);
    else (side[r.op] ??= {})[name] = r.value;
  }
  return { spec: Object.keys(spec).length ? (spec as HeadersSpec) : null, problems: [...new Set(problems)] };
}

const valuesOf = (route: RouteView): Record<Scope, HeaderRow[]> => ({
  route: rowsOf(route.headers as Headers),
  ...Object.fromEntries((route.destinations ?? []).map((d, i) => [String(i), rowsOf(d.headers as Headers)])),
});

/**
 * Header operations of a forwarding route: on every request of the route, or only on those sent to
 * one destination. Request operations change what the destination (and the hops after it) see;
 * response operations change what the caller gets back.
 */
export function HeadersForm({ service, vs, route: latestRoute }: Props) {
  const edit = useEditBase(latestRoute, vs.resourceVersion, valuesOf);
  const route = edit.source;
  const [scope, setScope] = useState<Scope>('route');
  const writer = useVsWriter({ namespace: vs.namespace, name: vs.name }, edit.resourceVersion, service, edit.commit);
  const id = `${vs.name}-${route.index}`;
  const rows = edit.values[scope] ?? [];
  const setRows = (next: HeaderRow[]) => edit.setValues((v) => ({ ...v, [scope]: next }));
  const initial = valuesOf(route);
  const problems: string[] = [];
  const edits: Edit[] = [];
  for (const key of Object.keys(edit.values) as Scope[]) {
    const now = edit.values[key] ?? [];
    if (JSON.stringify(now) === JSON.stringify(initial[key] ?? [])) continue;
    const { spec, problems: p } = specOf(now);
    problems.push(...p);
    edits.push({
      op: 'setHeaders',
      route: routeRefOf(route),
      ...(key === 'route' ? {} : { destinationIndex: Number(key) }),
      headers: spec,
    });
  }
  const base =
    scope === 'route' ? `spec.http[${route.index}].headers` : `spec.http[${route.index}].route[${scope}].headers`;
  const scopeFindings = findingsAt(writer.findings, base);

  return (
    <Form
      onSubmit={(e) => e.preventDefault()}
      data-testid="headers-form"
      aria-label={`Header operations for http route ${route.index}`}
    >
      <FormGroup label="Apply to" fieldId={`hd-scope-${id}`}>
        <FormSelect
          id={`hd-scope-${id}`}
          value={scope}
          onChange={(_e, v) => setScope(v as Scope)}
          data-testid="headers-scope"
        >
          <FormSelectOption value="route" label="every request of this route" />
          {(route.destinations ?? []).map((d, i) => (
            <FormSelectOption
              key={i}
              value={String(i)}
              label={`only requests sent to ${d.destination.host}${d.destination.subset ? ` ${d.destination.subset}` : ''}`}
            />
          ))}
        </FormSelect>
      </FormGroup>
      {rows.map((row, i) => {
        const patch = (p: Partial<HeaderRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...p } : r)));
        return (
          <div className="sluice-inline-fields" key={i} data-testid="header-row">
            <FormGroup label="Side" fieldId={`hd-side-${id}-${i}`}>
              <FormSelect
                id={`hd-side-${id}-${i}`}
                value={row.side}
                onChange={(_e, v) => patch({ side: v as HeaderRow['side'] })}
                data-testid="header-side"
              >
                <FormSelectOption value="request" label="request (to the destination)" />
                <FormSelectOption value="response" label="response (to the caller)" />
              </FormSelect>
            </FormGroup>
            <FormGroup label="Operation" fieldId={`hd-op-${id}-${i}`}>
              <FormSelect
                id={`hd-op-${id}-${i}`}
                value={row.op}
                onChange={(_e, v) => patch({ op: v as HeaderRow['op'] })}
                data-testid="header-op"
              >
                <FormSelectOption value="set" label="set (replace)" />
                <FormSelectOption value="add" label="add (append)" />
                <FormSelectOption value="remove" label="remove" />
              </FormSelect>
            </FormGroup>
            <FormGroup label="Header" fieldId={`hd-name-${id}-${i}`}>
              <TextInput
                id={`hd-name-${id}-${i}`}
                value={row.name}
                onChange={(_e, v) => patch({ name: v })}
                data-testid="header-name"
              />
            </FormGroup>
            {row.op !== 'remove' && (
              <FormGroup label="Value" fieldId={`hd-value-${id}-${i}`}>
                <TextInput
                  id={`hd-value-${id}-${i}`}
                  value={row.value}
                  onChange={(_e, v) => patch({ value: v })}
                  data-testid="header-value"
                />
              </FormGroup>
            )}
            <Button
              variant="link"
              isDanger
              onClick={() => setRows(rows.filter((_, j) => j !== i))}
              aria-label={`Remove header operation ${i + 1}`}
            >
              Remove
            </Button>
          </div>
        );
      })}
      <Button
        variant="secondary"
        onClick={() => setRows([...rows, { side: 'request', op: 'set', name: '', value: '' }])}
        data-testid="add-header-op"
      >
        Add header operation
      </Button>
      {scopeFindings.map((f) => (
        <p key={f.path + f.code} className="pf-v6-c-helper-text__item-text sluice-error" data-testid="field-error">
          {f.path}: {f.message}
        </p>
      ))}
      <RouteFormFooter
        vs={vs}
        edit={edit}
        writer={writer}
        edits={problems.length || edits.length === 0 ? undefined : edits}
        problems={problems}
        previewLabel={`Header operations on ${vs.namespace}/${vs.name} route ${route.name ? `"${route.name}"` : route.index}`}
        testId="apply-headers"
      />
    </Form>
  );
}

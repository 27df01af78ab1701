import { Form, FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import type { Edit, RouteRef, ServiceTraffic, VirtualServiceView } from '@sluice/model';
import { useEditBase } from '@/lib/edit-kit/use-edit-base';
import { useVsWriter } from '../hooks/use-vs-writer';
import { emptyBlock, matchSpec, type MatchBlockRows } from '../utils/match-rows';
import { MatchBlocksEditor } from './match-blocks-editor';
import { RedirectFields, redirectSpec, redirectValues, type RedirectValues } from './redirect-form';
import { RouteFormFooter } from './route-form-footer';

interface Values {
  name: string;
  /** "auto" (before the first catch-all route) or a position. */
  at: string;
  blocks: MatchBlockRows[];
  action: 'forward' | 'redirect';
  subset: string;
  rewriteUri: string;
  redirect: RedirectValues;
}

/**
 * A new http route built in one request from the ops the route card uses one by one: addRoute, then
 * setMatch, then setWeights (forward, optionally with a path rewrite) or setRedirect. Where it goes
 * matters: the first route that matches wins.
 */
export function AddRouteForm({ traffic, vs }: { traffic: ServiceTraffic; vs: VirtualServiceView }) {
  const http = vs.routes.filter((r) => r.kind === 'http');
  const host = http.flatMap((r) => r.expected).find((e) => e.destination.subset)?.destination.host ?? traffic.service;
  const edit = useEditBase(vs, vs.resourceVersion, (): Values => ({
    name: '',
    at: 'auto',
    blocks: [emptyBlock()],
    action: 'forward',
    subset: traffic.subsets[traffic.subsets.length - 1]?.name ?? '',
    rewriteUri: '',
    redirect: redirectValues(undefined),
  }));
  const v = edit.values;
  const writer = useVsWriter(
    { namespace: vs.namespace, name: vs.name },
    edit.resourceVersion,
    { namespace: traffic.namespace, name: traffic.service },
    edit.commit,
  );
  const name = v.name.trim();
  const match = matchSpec(v.blocks);
  const redirect = v.action === 'redirect' ? redirectSpec(v.redirect) : { problems: [] };
  const problems = [
    ...(name ? [] : ['give the route a name']),
    ...(http.some((r) => r.name === name) ? [`a route named "${name}" already exists`] : []),
    ...match.problems.map((p) => `${p.at}: ${p.message}`),
    ...redirect.problems,
  ];
  const ref: RouteRef = { kind: 'http', name };
  const edits: Edit[] | undefined = problems.length
    ? undefined
    : [
        { op: 'addRoute', name, ...(v.at === 'auto' ? {} : { at: Number(v.at) }) },
        { op: 'setMatch', route: ref, match: match.spec },
        ...(v.action === 'forward'
          ? ([
              {
                op: 'setWeights',
                route: ref,
                weights: [{ destination: { host, ...(v.subset ? { subset: v.subset } : {}) }, weight: 100 }],
              },
              ...(v.rewriteUri.trim() ? [{ op: 'setRewrite', route: ref, rewrite: { uri: v.rewriteUri.trim() } }] : []),
            ] as Edit[])
          : [{ op: 'setRedirect', route: ref, redirect: redirect.spec ?? null } as Edit]),
      ];
  const id = `add-${vs.name}`;

  return (
    <Form onSubmit={(e) => e.preventDefault()} data-testid="add-route-form" aria-label="Add a route">
      <div className="sluice-inline-fields">
        <FormGroup label="Route name" fieldId={`${id}-name`}>
          <TextInput
            id={`${id}-name`}
            value={v.name}
            onChange={(_e, x) => edit.update({ name: x })}
            data-testid="new-route-name"
          />
        </FormGroup>
        <FormGroup label="Position (first match wins)" fieldId={`${id}-at`}>
          <FormSelect
            id={`${id}-at`}
            value={v.at}
            onChange={(_e, x) => edit.update({ at: x })}
            data-testid="new-route-position"
          >
            <FormSelectOption value="auto" label="before the first route that takes every request" />
            {http.map((r, i) => (
              <FormSelectOption key={i} value={String(i)} label={`before #${i + 1} ${r.name ?? ''}`.trim()} />
            ))}
            <FormSelectOption value={String(http.length)} label="last" />
          </FormSelect>
        </FormGroup>
      </div>
      <MatchBlocksEditor id={id} blocks={v.blocks} onChange={(blocks) => edit.update({ blocks })} />
      <div className="sluice-inline-fields">
        <FormGroup label="Then" fieldId={`${id}-action`}>
          <FormSelect
            id={`${id}-action`}
            value={v.action}
            onChange={(_e, x) => edit.update({ action: x as Values['action'] })}
            data-testid="new-route-action"
          >
            <FormSelectOption value="forward" label="forward to a version" />
            <FormSelectOption value="redirect" label="answer with a redirect" />
          </FormSelect>
        </FormGroup>
        {v.action === 'forward' && (
          <>
            <FormGroup label="Version (subset)" fieldId={`${id}-subset`}>
              <FormSelect
                id={`${id}-subset`}
                value={v.subset}
                onChange={(_e, x) => edit.update({ subset: x })}
                data-testid="new-route-subset"
              >
                {traffic.subsets.map((s) => (
                  <FormSelectOption key={s.name} value={s.name} label={s.name} />
                ))}
                <FormSelectOption value="" label={`${host} (any version)`} />
              </FormSelect>
            </FormGroup>
            <FormGroup label="Rewrite path to (optional)" fieldId={`${id}-rewrite`}>
              <TextInput
                id={`${id}-rewrite`}
                value={v.rewriteUri}
                placeholder="keep the path"
                onChange={(_e, x) => edit.update({ rewriteUri: x })}
                data-testid="new-route-rewrite"
              />
            </FormGroup>
          </>
        )}
      </div>
      {v.action === 'redirect' && (
        <RedirectFields
          id={id}
          values={v.redirect}
          onChange={(p) => edit.update({ redirect: { ...v.redirect, ...p } })}
        />
      )}
      <RouteFormFooter
        vs={vs}
        edit={edit}
        writer={writer}
        edits={edits}
        problems={edit.dirty ? problems : []}
        label="Add route"
        previewLabel={`New route "${name}" on ${vs.namespace}/${vs.name}`}
        testId="apply-add-route"
      />
    </Form>
  );
}

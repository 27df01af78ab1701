import { ActionGroup, Button, Form, FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import type { Edit, MatchCondition, ServiceTraffic, VirtualServiceView } from '@sluice/model';
import { useEditBase } from '@/lib/edit-kit/use-edit-base';
import { StaleBaseWarning } from '@/components/stale-base-warning';
import { useVsWriter } from '../hooks/use-vs-writer';
import { WriteFeedback } from '@/lib/edit-kit/write-feedback';
import { PreviewOnGraphButton } from '@/lib/edit-kit/preview-on-graph';

type MatchOn = 'header' | 'uri';
type MatchKind = 'exact' | 'prefix' | 'regex';

const stringMatch = (kind: MatchKind, value: string) =>
  kind === 'exact' ? { exact: value } : kind === 'prefix' ? { prefix: value } : { regex: value };

/** Adds a header or URI-prefix match route ahead of the default route, e.g. `end-user: jason` -> v2. */
export function MatchRouteForm({ traffic, vs }: { traffic: ServiceTraffic; vs: VirtualServiceView }) {
  const host =
    vs.routes.flatMap((r) => r.expected).find((e) => e.destination.subset)?.destination.host ?? traffic.service;
  const edit = useEditBase(vs, vs.resourceVersion, () => ({
    name: '',
    on: 'header' as MatchOn,
    header: 'end-user',
    kind: 'exact' as MatchKind,
    value: '',
    subset: traffic.subsets[traffic.subsets.length - 1]?.name ?? '',
  }));
  const { name, on, header, kind, value, subset } = edit.values;
  // After a write the form is committed, and restarts empty from the VirtualService the write produced.
  const writer = useVsWriter(
    { namespace: vs.namespace, name: vs.name },
    edit.resourceVersion,
    { namespace: traffic.namespace, name: traffic.service },
    edit.commit,
  );
  const routeName =
    name.trim() ||
    `${on === 'header' ? header : 'uri'}-${value}`
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-|-$/g, '');

  const match: MatchCondition =
    on === 'header' ? { headers: { [header.trim()]: stringMatch(kind, value) } } : { uri: { prefix: value } };
  const change: Edit = {
    op: 'setMatchRoute',
    name: routeName,
    match: [match],
    destinations: [{ destination: { host, ...(subset ? { subset } : {}) }, weight: 100 }],
  };
  const complete = Boolean(value && routeName && (on !== 'header' || header.trim()));
  const handleApply = async () => {
    await writer.apply([change]);
  };

  return (
    <Form onSubmit={(e) => e.preventDefault()} data-testid="match-route-form" aria-label="Add a match route">
      <div className="sluice-inline-fields">
        <FormGroup label="Match on" fieldId={`match-on-${vs.name}`}>
          <FormSelect
            id={`match-on-${vs.name}`}
            value={on}
            onChange={(_e, v) => edit.update({ on: v as MatchOn })}
            data-testid="match-on"
          >
            <FormSelectOption value="header" label="Header" />
            <FormSelectOption value="uri" label="URI prefix" />
          </FormSelect>
        </FormGroup>
        {on === 'header' && (
          <>
            <FormGroup label="Header name" fieldId={`match-header-${vs.name}`}>
              <TextInput
                id={`match-header-${vs.name}`}
                value={header}
                onChange={(_e, v) => edit.update({ header: v })}
                data-testid="match-header"
              />
            </FormGroup>
            <FormGroup label="Comparison" fieldId={`match-kind-${vs.name}`}>
              <FormSelect
                id={`match-kind-${vs.name}`}
                value={kind}
                onChange={(_e, v) => edit.update({ kind: v as MatchKind })}
                data-testid="match-kind"
              >
                <FormSelectOption value="exact" label="exact" />
                <FormSelectOption value="prefix" label="prefix" />
                <FormSelectOption value="regex" label="regex" />
              </FormSelect>
            </FormGroup>
          </>
        )}
        <FormGroup label={on === 'header' ? 'Value' : 'URI prefix'} fieldId={`match-value-${vs.name}`}>
          <TextInput
            id={`match-value-${vs.name}`}
            value={value}
            placeholder={on === 'header' ? 'jason' : '/canary'}
            onChange={(_e, v) => edit.update({ value: v })}
            data-testid="match-value"
          />
        </FormGroup>
        <FormGroup label="Route to subset" fieldId={`match-subset-${vs.name}`}>
          <FormSelect
            id={`match-subset-${vs.name}`}
            value={subset}
            onChange={(_e, v) => edit.update({ subset: v })}
            data-testid="match-subset"
          >
            {traffic.subsets.map((s) => (
              <FormSelectOption key={s.name} value={s.name} label={`${host} / ${s.name}`} />
            ))}
          </FormSelect>
        </FormGroup>
        <FormGroup label="Route name" fieldId={`match-name-${vs.name}`}>
          <TextInput
            id={`match-name-${vs.name}`}
            value={name}
            placeholder={routeName || 'jason-to-v2'}
            onChange={(_e, v) => edit.update({ name: v })}
            data-testid="match-name"
          />
        </FormGroup>
      </div>
      <StaleBaseWarning edit={edit} isPending={writer.isPending} />
      <WriteFeedback writer={writer} />
      <ActionGroup>
        <Button
          variant="primary"
          onClick={() => void handleApply()}
          isDisabled={writer.readOnly || !value || !routeName || (on === 'header' && !header.trim())}
          isLoading={writer.isPending}
          data-testid="apply-match-route"
        >
          Add match route
        </Button>
        <PreviewOnGraphButton
          target={{ plural: 'virtualservices', namespace: vs.namespace, name: vs.name }}
          resourceVersion={edit.resourceVersion}
          edits={complete ? [change] : undefined}
          label={`Match route ${routeName} on ${vs.namespace}/${vs.name}`}
        />
      </ActionGroup>
    </Form>
  );
}

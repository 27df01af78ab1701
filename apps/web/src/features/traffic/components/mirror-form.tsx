import { ActionGroup, Button, Form, FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import type { Edit, RouteView, ServiceTraffic, VirtualServiceView } from '@sluice/model';
import { FieldError } from '@/components/field-error';
import { useEditBase } from '@/lib/edit-kit/use-edit-base';
import { StaleBaseWarning } from '@/components/stale-base-warning';
import { useVsWriter } from '../hooks/use-vs-writer';
import { routeRefOf } from '../utils/split-rows';
import { WriteFeedback } from '@/lib/edit-kit/write-feedback';
import { PreviewOnGraphButton } from '@/lib/edit-kit/preview-on-graph';

interface Props {
  traffic: ServiceTraffic;
  vs: VirtualServiceView;
  route: RouteView;
}

/** Mirror (shadow) a percentage of a route's requests to one subset; responses of mirrors are discarded. */
export function MirrorForm({ traffic, vs, route: latestRoute }: Props) {
  const options = traffic.subsets.map((s) => s.name);
  const edit = useEditBase(latestRoute, vs.resourceVersion, (r) => ({
    subset: r.mirrors[0]?.destination.subset ?? options[options.length - 1] ?? '',
    percent: String(r.mirrors[0]?.percent ?? 100),
  }));
  const route = edit.source;
  const host = route.expected[0]?.destination.host ?? traffic.service;
  const current = route.mirrors[0];
  const { subset, percent } = edit.values;
  const writer = useVsWriter(
    { namespace: vs.namespace, name: vs.name },
    edit.resourceVersion,
    { namespace: traffic.namespace, name: traffic.service },
    edit.commit,
  );
  const ref = routeRefOf(route);

  const mirrorEdit: Edit = {
    op: 'setMirror',
    route: ref,
    mirror: {
      destination: { host: current?.destination.host ?? host, ...(subset ? { subset } : {}) },
      percent: Number(percent),
    },
  };
  const handleApply = () => void writer.apply([mirrorEdit]);
  const handleClear = () => void writer.apply([{ op: 'setMirror', route: ref, mirror: null }]);

  return (
    <Form
      onSubmit={(e) => e.preventDefault()}
      data-testid="mirror-form"
      aria-label={`Mirroring for http route ${route.index}`}
    >
      <p className="sluice-muted">
        {route.mirrors.length > 0
          ? `Mirroring ${route.mirrors.map((m) => `${m.percent}% to ${m.destination.subset ?? m.destination.host}`).join(', ')}.`
          : 'No mirroring on this route.'}
      </p>
      <div className="sluice-inline-fields">
        <FormGroup label="Mirror to subset" fieldId={`mirror-subset-${route.index}`}>
          <FormSelect
            id={`mirror-subset-${route.index}`}
            value={subset}
            onChange={(_e, v) => edit.update({ subset: v })}
            data-testid="mirror-subset"
          >
            {options.length === 0 && <FormSelectOption value="" label={`${host} (no subsets)`} />}
            {options.map((o) => (
              <FormSelectOption key={o} value={o} label={`${host} / ${o}`} />
            ))}
          </FormSelect>
          <FieldError
            findings={writer.findings}
            paths={[`spec.http[${route.index}].mirror`, `spec.http[${route.index}].mirrors`]}
          />
        </FormGroup>
        <FormGroup label="Percent mirrored" fieldId={`mirror-pct-${route.index}`}>
          <TextInput
            id={`mirror-pct-${route.index}`}
            type="number"
            min={0}
            max={100}
            step="any"
            value={percent}
            onChange={(_e, v) => edit.update({ percent: v })}
            data-testid="mirror-percent"
          />
          <FieldError findings={writer.findings} paths={[`spec.http[${route.index}].mirrorPercentage`]} />
        </FormGroup>
      </div>
      <StaleBaseWarning edit={edit} isPending={writer.isPending} />
      <WriteFeedback writer={writer} />
      <ActionGroup>
        <Button
          variant="primary"
          onClick={handleApply}
          isDisabled={writer.readOnly}
          isLoading={writer.isPending}
          data-testid="apply-mirror"
        >
          Apply mirroring
        </Button>
        <Button
          variant="secondary"
          onClick={handleClear}
          isDisabled={writer.readOnly || route.mirrors.length === 0 || writer.isPending}
          data-testid="clear-mirror"
        >
          Clear mirroring
        </Button>
        <PreviewOnGraphButton
          target={{ plural: 'virtualservices', namespace: vs.namespace, name: vs.name }}
          resourceVersion={edit.resourceVersion}
          edits={[mirrorEdit]}
          label={`Mirror ${percent}% of ${vs.namespace}/${vs.name} route ${route.name ?? route.index} to ${subset || host}`}
        />
      </ActionGroup>
    </Form>
  );
}

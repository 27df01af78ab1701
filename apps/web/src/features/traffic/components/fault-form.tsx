import { ActionGroup, Button, Form, FormGroup, Switch, TextInput } from '@patternfly/react-core';
import type { Edit, FaultSpec, RouteView, VirtualServiceView } from '@sluice/model';
import { FieldError } from '@/components/field-error';
import { useEditBase } from '@/lib/edit-kit/use-edit-base';
import { StaleBaseWarning } from '@/components/stale-base-warning';
import { useVsWriter } from '../hooks/use-vs-writer';
import { routeRefOf } from '../utils/split-rows';
import { WriteFeedback } from '@/lib/edit-kit/write-feedback';
import { PreviewOnGraphButton } from '@/lib/edit-kit/preview-on-graph';

interface Props {
  service: { namespace: string; name: string };
  vs: VirtualServiceView;
  route: RouteView;
}

/** A new fault starts here, so one click on a switch does not break all of a route's traffic. */
export const NEW_FAULT_PERCENT = 10;

/** An existing fault's percentage (Istio applies 100 % when none is written); a new one starts low. */
const pct = (p: { percentage?: { value: number } | undefined; percent?: number | undefined } | undefined) =>
  p ? (p.percentage?.value ?? p.percent ?? 100) : NEW_FAULT_PERCENT;

const valuesOf = (route: RouteView) => ({
  delayOn: Boolean(route.fault?.delay),
  delayPct: String(pct(route.fault?.delay)),
  fixedDelay: route.fault?.delay?.fixedDelay ?? '5s',
  abortOn: Boolean(route.fault?.abort),
  abortPct: String(pct(route.fault?.abort)),
  status: String(route.fault?.abort?.httpStatus ?? 503),
});

/** Delay and abort switches for one http route; Apply writes both in one edit. */
export function FaultForm({ service, vs, route: latestRoute }: Props) {
  const edit = useEditBase(latestRoute, vs.resourceVersion, valuesOf);
  const route = edit.source;
  const fault = route.fault;
  const { delayOn, delayPct, fixedDelay, abortOn, abortPct, status } = edit.values;
  const writer = useVsWriter({ namespace: vs.namespace, name: vs.name }, edit.resourceVersion, service, edit.commit);
  const base = `spec.http[${route.index}].fault`;

  const spec: FaultSpec = {
    ...(delayOn ? { delay: { percent: Number(delayPct), fixedDelay: fixedDelay.trim() } } : {}),
    ...(abortOn ? { abort: { percent: Number(abortPct), httpStatus: Number(status) } } : {}),
  };
  const change: Edit = { op: 'setFault', route: routeRefOf(route), fault: delayOn || abortOn ? spec : null };
  const canApply = delayOn || abortOn || Boolean(fault);
  const handleApply = () => void writer.apply([change]);

  return (
    <Form
      onSubmit={(e) => e.preventDefault()}
      data-testid="fault-form"
      aria-label={`Fault injection for http route ${route.index}`}
    >
      <Switch
        id={`delay-${vs.name}-${route.index}`}
        label="Inject delay"
        isChecked={delayOn}
        onChange={(_e, v) => edit.update({ delayOn: v })}
        data-testid="delay-switch"
      />
      {delayOn && (
        <div className="sluice-inline-fields">
          <FormGroup label="Delay percent" fieldId={`delay-pct-${route.index}`}>
            <TextInput
              id={`delay-pct-${route.index}`}
              type="number"
              min={0}
              max={100}
              step="any"
              value={delayPct}
              onChange={(_e, v) => edit.update({ delayPct: v })}
              data-testid="delay-percent"
            />
            <FieldError findings={writer.findings} paths={[`${base}.delay.percentage`]} />
          </FormGroup>
          <FormGroup label="Fixed delay" fieldId={`delay-fixed-${route.index}`}>
            <TextInput
              id={`delay-fixed-${route.index}`}
              value={fixedDelay}
              placeholder="5s"
              onChange={(_e, v) => edit.update({ fixedDelay: v })}
              data-testid="delay-fixed"
            />
            <FieldError findings={writer.findings} paths={[`${base}.delay.fixedDelay`]} />
          </FormGroup>
        </div>
      )}
      <Switch
        id={`abort-${vs.name}-${route.index}`}
        label="Abort requests"
        isChecked={abortOn}
        onChange={(_e, v) => edit.update({ abortOn: v })}
        data-testid="abort-switch"
      />
      {abortOn && (
        <div className="sluice-inline-fields">
          <FormGroup label="Abort percent" fieldId={`abort-pct-${route.index}`}>
            <TextInput
              id={`abort-pct-${route.index}`}
              type="number"
              min={0}
              max={100}
              step="any"
              value={abortPct}
              onChange={(_e, v) => edit.update({ abortPct: v })}
              data-testid="abort-percent"
            />
            <FieldError findings={writer.findings} paths={[`${base}.abort.percentage`]} />
          </FormGroup>
          <FormGroup label="HTTP status" fieldId={`abort-status-${route.index}`}>
            <TextInput
              id={`abort-status-${route.index}`}
              type="number"
              min={200}
              max={599}
              value={status}
              onChange={(_e, v) => edit.update({ status: v })}
              data-testid="abort-status"
            />
            <FieldError findings={writer.findings} paths={[`${base}.abort.httpStatus`]} />
          </FormGroup>
        </div>
      )}
      <StaleBaseWarning edit={edit} isPending={writer.isPending} />
      <WriteFeedback writer={writer} />
      <ActionGroup>
        <Button
          variant="primary"
          onClick={handleApply}
          isDisabled={writer.readOnly || (!delayOn && !abortOn && !fault)}
          isLoading={writer.isPending}
          data-testid="apply-fault"
        >
          {delayOn || abortOn ? 'Apply fault injection' : fault ? 'Remove fault injection' : 'Apply'}
        </Button>
        <PreviewOnGraphButton
          target={{ plural: 'virtualservices', namespace: vs.namespace, name: vs.name }}
          resourceVersion={edit.resourceVersion}
          edits={canApply ? [change] : undefined}
          label={`Fault injection on ${vs.namespace}/${vs.name} route ${route.name ?? route.index}`}
        />
      </ActionGroup>
    </Form>
  );
}

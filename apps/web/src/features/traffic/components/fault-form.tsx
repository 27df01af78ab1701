import { useState } from 'react';
import { ActionGroup, Button, Form, FormGroup, Switch, TextInput } from '@patternfly/react-core';
import type { Edit, FaultSpec, RouteView, VirtualServiceView } from '@sluice/model';
import { FieldError } from '../../../components/field-error';
import { useVsWriter } from '../hooks/use-vs-writer';
import { routeRefOf } from '../utils/split-rows';
import { WriteFeedback } from './write-feedback';

interface Props {
  service: { namespace: string; name: string };
  vs: VirtualServiceView;
  route: RouteView;
}

const pct = (p: { percentage?: { value: number } | undefined; percent?: number | undefined } | undefined) => p?.percentage?.value ?? p?.percent ?? 100;

/** Delay and abort switches for one http route; Apply writes both in one edit. */
export function FaultForm({ service, vs, route }: Props) {
  const fault = route.fault;
  const [delayOn, setDelayOn] = useState(Boolean(fault?.delay));
  const [delayPct, setDelayPct] = useState(String(pct(fault?.delay)));
  const [fixedDelay, setFixedDelay] = useState(fault?.delay?.fixedDelay ?? '5s');
  const [abortOn, setAbortOn] = useState(Boolean(fault?.abort));
  const [abortPct, setAbortPct] = useState(String(pct(fault?.abort)));
  const [status, setStatus] = useState(String(fault?.abort?.httpStatus ?? 503));
  const writer = useVsWriter({ namespace: vs.namespace, name: vs.name }, vs.resourceVersion, service);
  const base = `spec.http[${route.index}].fault`;

  const handleApply = () => {
    const spec: FaultSpec = {
      ...(delayOn ? { delay: { percent: Number(delayPct), fixedDelay: fixedDelay.trim() } } : {}),
      ...(abortOn ? { abort: { percent: Number(abortPct), httpStatus: Number(status) } } : {}),
    };
    const edit: Edit = { op: 'setFault', route: routeRefOf(route), fault: delayOn || abortOn ? spec : null };
    void writer.apply([edit]);
  };

  return (
    <Form onSubmit={(e) => e.preventDefault()} data-testid="fault-form" aria-label={`Fault injection for http route ${route.index}`}>
      <Switch id={`delay-${vs.name}-${route.index}`} label="Inject delay" isChecked={delayOn} onChange={(_e, v) => setDelayOn(v)} data-testid="delay-switch" />
      {delayOn && (
        <div className="sluice-inline-fields">
          <FormGroup label="Delay percent" fieldId={`delay-pct-${route.index}`}>
            <TextInput id={`delay-pct-${route.index}`} type="number" min={0} max={100} step="any" value={delayPct} onChange={(_e, v) => setDelayPct(v)} data-testid="delay-percent" />
            <FieldError findings={writer.findings} paths={[`${base}.delay.percentage`]} />
          </FormGroup>
          <FormGroup label="Fixed delay" fieldId={`delay-fixed-${route.index}`}>
            <TextInput id={`delay-fixed-${route.index}`} value={fixedDelay} placeholder="5s" onChange={(_e, v) => setFixedDelay(v)} data-testid="delay-fixed" />
            <FieldError findings={writer.findings} paths={[`${base}.delay.fixedDelay`]} />
          </FormGroup>
        </div>
      )}
      <Switch id={`abort-${vs.name}-${route.index}`} label="Abort requests" isChecked={abortOn} onChange={(_e, v) => setAbortOn(v)} data-testid="abort-switch" />
      {abortOn && (
        <div className="sluice-inline-fields">
          <FormGroup label="Abort percent" fieldId={`abort-pct-${route.index}`}>
            <TextInput id={`abort-pct-${route.index}`} type="number" min={0} max={100} step="any" value={abortPct} onChange={(_e, v) => setAbortPct(v)} data-testid="abort-percent" />
            <FieldError findings={writer.findings} paths={[`${base}.abort.percentage`]} />
          </FormGroup>
          <FormGroup label="HTTP status" fieldId={`abort-status-${route.index}`}>
            <TextInput id={`abort-status-${route.index}`} type="number" min={200} max={599} value={status} onChange={(_e, v) => setStatus(v)} data-testid="abort-status" />
            <FieldError findings={writer.findings} paths={[`${base}.abort.httpStatus`]} />
          </FormGroup>
        </div>
      )}
      <WriteFeedback writer={writer} />
      <ActionGroup>
        <Button variant="primary" onClick={handleApply} isDisabled={writer.readOnly || (!delayOn && !abortOn && !fault)} isLoading={writer.isPending} data-testid="apply-fault">
          {delayOn || abortOn ? 'Apply fault injection' : fault ? 'Remove fault injection' : 'Apply'}
        </Button>
      </ActionGroup>
    </Form>
  );
}

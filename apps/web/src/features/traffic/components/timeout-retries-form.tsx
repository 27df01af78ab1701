import { ActionGroup, Button, Form, FormGroup, Switch, TextInput } from '@patternfly/react-core';
import type { Edit, RouteView, VirtualServiceView } from '@sluice/model';
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

const valuesOf = (route: RouteView) => ({
  timeoutOn: Boolean(route.timeout),
  timeout: route.timeout ?? '1s',
  retriesOn: Boolean(route.retries),
  attempts: String(route.retries?.attempts ?? 3),
  perTry: route.retries?.perTryTimeout ?? '',
  retryOn: route.retries?.retryOn ?? '',
});

/** Request timeout and retry policy of one http route, written together in one request. */
export function TimeoutRetriesForm({ service, vs, route: latestRoute }: Props) {
  const edit = useEditBase(latestRoute, vs.resourceVersion, valuesOf);
  const route = edit.source;
  const { timeoutOn, timeout, retriesOn, attempts, perTry, retryOn } = edit.values;
  const writer = useVsWriter({ namespace: vs.namespace, name: vs.name }, edit.resourceVersion, service, edit.commit);
  const ref = routeRefOf(route);
  const id = `${vs.name}-${route.index}`;
  const base = `spec.http[${route.index}]`;

  const edits: Edit[] = [
    { op: 'setTimeout', route: ref, timeout: timeoutOn ? timeout.trim() : null },
    {
      op: 'setRetries',
      route: ref,
      retries: retriesOn
        ? {
            attempts: Number(attempts),
            ...(perTry.trim() ? { perTryTimeout: perTry.trim() } : {}),
            ...(retryOn.trim() ? { retryOn: retryOn.trim() } : {}),
          }
        : null,
    },
  ];
  const handleApply = () => void writer.apply(edits);

  return (
    <Form
      onSubmit={(e) => e.preventDefault()}
      data-testid="timeout-retries-form"
      aria-label={`Timeout and retries for http route ${route.index}`}
    >
      <Switch
        id={`timeout-on-${id}`}
        label="Request timeout"
        isChecked={timeoutOn}
        onChange={(_e, v) => edit.update({ timeoutOn: v })}
        data-testid="timeout-switch"
      />
      {timeoutOn && (
        <FormGroup label="Timeout" fieldId={`timeout-${id}`}>
          <TextInput
            id={`timeout-${id}`}
            value={timeout}
            placeholder="1s"
            onChange={(_e, v) => edit.update({ timeout: v })}
            data-testid="timeout-input"
          />
          <FieldError findings={writer.findings} paths={[`${base}.timeout`]} />
        </FormGroup>
      )}
      <Switch
        id={`retries-on-${id}`}
        label="Retries"
        isChecked={retriesOn}
        onChange={(_e, v) => edit.update({ retriesOn: v })}
        data-testid="retries-switch"
      />
      {retriesOn && (
        <div className="sluice-inline-fields">
          <FormGroup label="Attempts" fieldId={`attempts-${id}`}>
            <TextInput
              id={`attempts-${id}`}
              type="number"
              min={0}
              value={attempts}
              onChange={(_e, v) => edit.update({ attempts: v })}
              data-testid="retries-attempts"
            />
            <FieldError findings={writer.findings} paths={[`${base}.retries.attempts`]} />
          </FormGroup>
          <FormGroup label="Per-try timeout" fieldId={`pertry-${id}`}>
            <TextInput
              id={`pertry-${id}`}
              value={perTry}
              placeholder="1s"
              onChange={(_e, v) => edit.update({ perTry: v })}
              data-testid="retries-per-try"
            />
            <FieldError findings={writer.findings} paths={[`${base}.retries.perTryTimeout`]} />
          </FormGroup>
          <FormGroup label="Retry on" fieldId={`retryon-${id}`}>
            <TextInput
              id={`retryon-${id}`}
              value={retryOn}
              placeholder="5xx,connect-failure"
              onChange={(_e, v) => edit.update({ retryOn: v })}
              data-testid="retries-on"
            />
            <FieldError findings={writer.findings} paths={[`${base}.retries.retryOn`]} />
          </FormGroup>
        </div>
      )}
      <StaleBaseWarning edit={edit} isPending={writer.isPending} />
      <WriteFeedback writer={writer} />
      <ActionGroup>
        <Button
          variant="primary"
          onClick={handleApply}
          isDisabled={writer.readOnly}
          isLoading={writer.isPending}
          data-testid="apply-timeout-retries"
        >
          Apply
        </Button>
        <PreviewOnGraphButton
          target={{ plural: 'virtualservices', namespace: vs.namespace, name: vs.name }}
          resourceVersion={edit.resourceVersion}
          edits={edits}
          label={`Timeout and retries on ${vs.namespace}/${vs.name} route ${route.name ?? route.index}`}
        />
      </ActionGroup>
    </Form>
  );
}

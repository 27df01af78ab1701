import { useState } from 'react';
import {
  ActionGroup,
  Alert,
  Button,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  Radio,
  TextInput,
} from '@patternfly/react-core';
import type { DestinationRef } from '@sluice/model';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { useToast } from '@/components/toaster';
import { useStartRollout } from '../api/post-rollout';
import { DEFAULT_FIELDS, destinationLabel, planFromFields, type PlanFields } from '../utils/plan-form';

interface StartRolloutFormProps {
  ns: string;
  name: string;
  destinations: readonly DestinationRef[];
}

type TextField =
  'steps' | 'bakeSeconds' | 'minSuccessRate' | 'maxP99Ms' | 'minRequests' | 'splitTolerance' | 'maxFailedChecks';
const TEXT_FIELDS: { field: TextField; label: string; help: string }[] = [
  { field: 'steps', label: 'Steps (canary %)', help: 'increasing, ending at 100' },
  { field: 'bakeSeconds', label: 'Bake time per step (s)', help: 'automatic mode advances after it' },
  { field: 'minSuccessRate', label: 'Min success rate (%)', help: 'over the current step’s traffic only' },
  { field: 'maxP99Ms', label: 'Max p99 (ms)', help: 'empty: no absolute latency gate' },
  { field: 'minRequests', label: 'Min canary requests', help: 'since the step started, before any gate may pass' },
  {
    field: 'splitTolerance',
    label: 'Split tolerance (pp)',
    help: 'automatic mode advances only when the observed canary share is this close to the step',
  },
  { field: 'maxFailedChecks', label: 'Failed checks before rollback', help: 'automatic mode' },
];

/** The plan for a new rollout: defaults that make sense, all editable. The route's heaviest destination is stable. */
export function StartRolloutForm({ ns, name, destinations }: StartRolloutFormProps) {
  const [fields, setFields] = useState<PlanFields>({
    ...DEFAULT_FIELDS,
    stable: 0,
    canary: Math.min(1, destinations.length - 1),
  });
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useStartRollout({ ns, name });
  const toast = useToast();
  const set = (patch: Partial<PlanFields>) => setFields((f) => ({ ...f, ...patch }));

  const handleStart = () => {
    const plan = planFromFields(fields, destinations);
    if (typeof plan === 'string') return setProblem(plan);
    setProblem(null);
    mutation.mutate(plan, { onSuccess: () => toast({ variant: 'success', title: `Rollout of ${name} started` }) });
  };

  const destinationSelect = (which: 'stable' | 'canary') => (
    <FormGroup label={which === 'stable' ? 'Stable' : 'Canary'} fieldId={`rollout-${which}`}>
      <FormSelect
        id={`rollout-${which}`}
        value={String(fields[which])}
        onChange={(_e, v) => set({ [which]: Number(v) })}
        data-testid={`rollout-${which}`}
      >
        {destinations.map((d, i) => (
          <FormSelectOption key={destinationLabel(d)} value={String(i)} label={destinationLabel(d)} />
        ))}
      </FormSelect>
    </FormGroup>
  );

  return (
    <Form onSubmit={(e) => e.preventDefault()} data-testid="rollout-start-form">
      <Grid hasGutter md={6} xl={4}>
        <GridItem>{destinationSelect('stable')}</GridItem>
        <GridItem>{destinationSelect('canary')}</GridItem>
        <GridItem>
          <FormGroup label="Mode" role="radiogroup" isInline fieldId="rollout-mode">
            <Radio
              id="rollout-mode-manual"
              name="rollout-mode"
              label="Manual"
              isChecked={fields.mode === 'manual'}
              onChange={() => set({ mode: 'manual' })}
              data-testid="rollout-mode-manual"
            />
            <Radio
              id="rollout-mode-automatic"
              name="rollout-mode"
              label="Automatic"
              isChecked={fields.mode === 'automatic'}
              onChange={() => set({ mode: 'automatic' })}
              data-testid="rollout-mode-automatic"
            />
          </FormGroup>
        </GridItem>
        <GridItem>
          <FormGroup label="Gate metrics" fieldId="rollout-source">
            <FormSelect
              id="rollout-source"
              value={fields.source}
              onChange={(_e, v) => set({ source: v === 'client' ? 'client' : 'destination' })}
              aria-describedby="rollout-source-help"
              data-testid="rollout-source"
            >
              <FormSelectOption value="destination" label="Destination-reported (the canary's own sidecar)" />
              <FormSelectOption value="client" label="Client-reported (what callers saw, incl. injected delays)" />
            </FormSelect>
            <small id="rollout-source-help" className="sluice-muted">
              injected aborts cannot be attributed to a version either way; the page says so
            </small>
          </FormGroup>
        </GridItem>
        {TEXT_FIELDS.map(({ field, label, help }) => (
          <GridItem key={field}>
            <FormGroup label={label} fieldId={`rollout-${field}`}>
              <TextInput
                id={`rollout-${field}`}
                value={fields[field]}
                onChange={(_e, v) => set({ [field]: v })}
                aria-describedby={`rollout-${field}-help`}
                data-testid={`rollout-${field}`}
              />
              <small id={`rollout-${field}-help`} className="sluice-muted">
                {help}
              </small>
            </FormGroup>
          </GridItem>
        ))}
      </Grid>
      {problem && <Alert variant="danger" isInline title={problem} data-testid="rollout-form-problem" />}
      {mutation.error && <ApiErrorAlert error={mutation.error} title="The rollout did not start" />}
      <ActionGroup>
        <Button
          variant="primary"
          onClick={handleStart}
          isLoading={mutation.isPending}
          isDisabled={destinations.length < 2}
          data-testid="start-rollout"
        >
          Start rollout
        </Button>
      </ActionGroup>
    </Form>
  );
}

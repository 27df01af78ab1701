import { useState } from 'react';
import {
  ActionGroup,
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  Label,
  TextInput,
} from '@patternfly/react-core';
import { HEALTHY, versionHealthSchema, type RolloutView, type VersionHealth } from '@sluice/model';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { useToast } from '@/components/toaster';
import { usePutVersionHealth, useVersionHealth } from '../api/demo-health';

const keyOf = (v: { app: string; version: string }) => `${v.app}@${v.version}`;

interface RehearseHealthProps {
  ns: string;
  versions: RolloutView['versions'];
  /** The version selected at first: the rollout's canary (or the start form's default canary). */
  initial: number;
}

/**
 * Demo only: make one version of the service unhealthy on purpose, so an operator can rehearse a
 * rollout that must roll back (and see the gates fail), then make it healthy again. The simulator
 * applies it in the workload itself: both reporters show the errors and the latency.
 */
export function RehearseHealth({ ns, versions, initial }: RehearseHealthProps) {
  // Chosen by app@version, not by position: the list reorders when the canary becomes the heaviest destination.
  const [selected, setSelected] = useState(() => (versions[initial] ? keyOf(versions[initial]) : ''));
  const [errorPercent, setErrorPercent] = useState('30');
  const [latency, setLatency] = useState('0');
  const [problem, setProblem] = useState<string | null>(null);
  const chosen = versions.find((v) => keyOf(v) === selected) ?? versions[initial];
  const ref = chosen ? { ns, app: chosen.app, version: chosen.version } : undefined;
  const current = useVersionHealth(ref, true);
  const mutation = usePutVersionHealth();
  const toast = useToast();

  const write = (health: VersionHealth) => {
    if (!ref) return;
    mutation.mutate(
      { version: ref, health },
      {
        onSuccess: (v) =>
          toast({
            variant: 'success',
            title:
              v.errorRate === 0 && v.extraLatencyMs === 0
                ? `${v.app} ${v.version} is healthy again`
                : `${v.app} ${v.version} now answers ${Math.round(v.errorRate * 100)}% errors, +${v.extraLatencyMs} ms`,
          }),
      },
    );
  };
  // The model's schema is the one set of bounds (the API checks the same); an empty field is no number.
  const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  const handleUnhealthy = () => {
    const parsed = versionHealthSchema.safeParse({
      errorRate: numberOf(errorPercent) / 100,
      extraLatencyMs: numberOf(latency),
    });
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path[0];
      return setProblem(
        field === 'errorRate'
          ? 'error rate is a percentage from 0 to 100'
          : `extra latency is 0 ms or more (at most ${versionHealthSchema.shape.extraLatencyMs.maxValue} ms)`,
      );
    }
    setProblem(null);
    write(parsed.data);
  };

  const health = current.data;
  const healthy = health !== undefined && health.errorRate === 0 && health.extraLatencyMs === 0;
  return (
    <Card isCompact data-testid="rehearse-card">
      <CardTitle component="h2">Rehearse: make the canary unhealthy</CardTitle>
      <CardBody>
        <p className="sluice-muted">
          Demo only. The simulated workload of the chosen version answers a share of its requests with a 5xx and adds
          latency to its own processing, as a bad release would: the gates (either reporter) see it.
        </p>
        <Form onSubmit={(e) => e.preventDefault()} aria-label="Rehearse a bad canary">
          <Grid hasGutter md={6} xl={3}>
            <GridItem>
              <FormGroup label="Version" fieldId="rehearse-version">
                <FormSelect
                  id="rehearse-version"
                  value={chosen ? keyOf(chosen) : ''}
                  onChange={(_e, v) => setSelected(v)}
                  data-testid="rehearse-version"
                >
                  {versions.map((v) => (
                    <FormSelectOption
                      key={keyOf(v)}
                      value={keyOf(v)}
                      label={`${v.app} ${v.version}${v.destination.subset ? ` (subset ${v.destination.subset})` : ''}`}
                    />
                  ))}
                </FormSelect>
              </FormGroup>
            </GridItem>
            <GridItem>
              <FormGroup label="Error rate (%)" fieldId="rehearse-error-rate">
                <TextInput
                  id="rehearse-error-rate"
                  type="number"
                  value={errorPercent}
                  onChange={(_e, v) => setErrorPercent(v)}
                  data-testid="rehearse-error-rate"
                />
              </FormGroup>
            </GridItem>
            <GridItem>
              <FormGroup label="Extra latency (ms)" fieldId="rehearse-latency">
                <TextInput
                  id="rehearse-latency"
                  type="number"
                  value={latency}
                  onChange={(_e, v) => setLatency(v)}
                  data-testid="rehearse-latency"
                />
              </FormGroup>
            </GridItem>
            <GridItem>
              <FormGroup label="Now" fieldId="rehearse-current">
                <Label
                  id="rehearse-current"
                  color={health === undefined ? 'grey' : healthy ? 'green' : 'red'}
                  data-testid="rehearse-current"
                  data-healthy={health === undefined ? undefined : String(healthy)}
                >
                  {health === undefined
                    ? '…'
                    : healthy
                      ? 'healthy'
                      : `${Math.round(health.errorRate * 100)}% errors, +${health.extraLatencyMs} ms`}
                </Label>
              </FormGroup>
            </GridItem>
          </Grid>
          {problem && <Alert variant="danger" isInline title={problem} data-testid="rehearse-problem" />}
          {mutation.error && <ApiErrorAlert error={mutation.error} title="The version's health did not change" />}
          <ActionGroup>
            <Button
              variant="warning"
              onClick={handleUnhealthy}
              isDisabled={!ref}
              isLoading={mutation.isPending}
              data-testid="rehearse-apply"
            >
              Make unhealthy
            </Button>
            <Button variant="secondary" onClick={() => write(HEALTHY)} isDisabled={!ref} data-testid="rehearse-heal">
              Make healthy
            </Button>
          </ActionGroup>
        </Form>
      </CardBody>
    </Card>
  );
}

import { Alert, Checkbox } from '@patternfly/react-core';
import type { ServiceTraffic, VirtualServiceView } from '@sluice/model';
import { Link } from 'react-router-dom';
import { useGlobalLink } from '@/lib/url-state';

interface RolloutOverrideProps {
  traffic: Pick<ServiceTraffic, 'namespace' | 'service'>;
  rollout: VirtualServiceView['rollout'];
  checked: boolean;
  onChange: (checked: boolean) => void;
  isDisabled: boolean;
}

/**
 * A rollout sets this route's weights. Writing others is drift: the API refuses it unless the user
 * overrides, which pauses the rollout (its timeline records the weights written). So the form
 * says so and asks for the override explicitly; Apply stays disabled until it is given.
 */
export function RolloutOverride({ traffic, rollout, checked, onChange, isDisabled }: RolloutOverrideProps) {
  const link = useGlobalLink();
  const where = rollout ? ` (${rollout.phase}, step ${rollout.stepIndex + 1}, canary at ${rollout.canaryWeight}%)` : '';
  return (
    <Alert variant="warning" isInline title={`A rollout sets these weights${where}`} data-testid="rollout-held-route">
      <p>
        Change them through the{' '}
        <Link
          to={link(
            `/namespaces/${encodeURIComponent(traffic.namespace)}/services/${encodeURIComponent(traffic.service)}/rollout`,
          )}
        >
          rollout
        </Link>
        , or override it: the weights below are written and the rollout is paused until someone resumes it (which puts
        the step&apos;s weights back).
      </p>
      <Checkbox
        id={`override-rollout-${traffic.namespace}-${traffic.service}`}
        label="Override the rollout: write these weights and pause it"
        isChecked={checked}
        onChange={(_e, v) => onChange(v)}
        isDisabled={isDisabled}
        data-testid="override-rollout"
      />
    </Alert>
  );
}

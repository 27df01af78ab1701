import { Label, LabelGroup, Tooltip } from '@patternfly/react-core';
import { CheckCircleIcon, ExclamationCircleIcon } from '@patternfly/react-icons';
import { useHealth } from '@/lib/queries/health';

/** Cluster mode and whether the cluster and metrics can be reached, always visible in the masthead. */
export function HealthIndicator() {
  const health = useHealth();
  if (health.error) {
    return (
      <Label color="red" icon={<ExclamationCircleIcon />} data-testid="health-api-down">
        API unreachable
      </Label>
    );
  }
  const h = health.data;
  if (!h) return null;
  const ok = (up: boolean) => (up ? <CheckCircleIcon /> : <ExclamationCircleIcon />);
  return (
    <LabelGroup aria-label="Cluster health" numLabels={5}>
      <Label color={h.cluster === 'demo' ? 'purple' : 'blue'} data-testid="cluster-mode">
        {h.cluster}
      </Label>
      <Tooltip content={h.clusterReachable ? 'Cluster reachable' : 'Cluster unreachable: showing last known state'}>
        <Label
          color={h.clusterReachable ? 'green' : 'red'}
          icon={ok(h.clusterReachable)}
          data-testid="health-cluster"
          tabIndex={0}
        >
          cluster
        </Label>
      </Tooltip>
      <Tooltip
        content={
          h.metricsReachable ? `Metrics from ${h.metrics}` : `${h.metrics} metrics unreachable: traffic is stale`
        }
      >
        <Label
          color={h.metricsReachable ? 'green' : 'red'}
          icon={ok(h.metricsReachable)}
          data-testid="health-metrics"
          tabIndex={0}
        >
          metrics · {h.metrics}
        </Label>
      </Tooltip>
      {h.readOnly && (
        <Label color="orange" data-testid="read-only">
          read-only
        </Label>
      )}
    </LabelGroup>
  );
}

import { Card, CardBody, CardFooter, CardTitle, Label, LabelGroup } from '@patternfly/react-core';
import type { MeshHealth, Overview, OverviewNamespace } from '@sluice/model';
import { Link } from 'react-router-dom';
import { formatPercent, formatRps } from '@/lib/format';
import { useGlobalLink } from '@/lib/url-state';
import { Sparkline } from './sparkline';

const HEALTH: Record<MeshHealth, { color: 'red' | 'orange' | 'green' | 'grey'; text: string }> = {
  failing: { color: 'red', text: 'Failing (> 5% errors)' },
  degraded: { color: 'orange', text: 'Degraded (some errors)' },
  healthy: { color: 'green', text: 'Healthy' },
  idle: { color: 'grey', text: 'Idle (no requests)' },
  unknown: { color: 'grey', text: 'Unknown (no metrics)' },
};

/** One namespace of the overview: health, inbound traffic with its sparkline, counts, config, rollouts, faults. */
export function NamespaceCard({ ns, overview }: { ns: OverviewNamespace; overview: Overview }) {
  const link = useGlobalLink();
  const health =
    ns.health === 'unknown' && !overview.metricsError
      ? { color: 'grey' as const, text: 'No data yet (metrics younger than a step)' }
      : HEALTH[ns.health];
  return (
    <Card isCompact data-testid={`overview-card-${ns.name}`} data-health={ns.health}>
      <CardTitle component="h2">
        {ns.name}{' '}
        <Label isCompact color={health.color} data-testid="overview-health">
          {health.text}
        </Label>
      </CardTitle>
      <CardBody>
        <p data-testid="overview-inbound">
          Inbound{' '}
          {ns.inboundRps === null ? (
            'unknown'
          ) : (
            <>
              <strong>{formatRps(ns.inboundRps)} req/s</strong>
              {ns.errorRate !== null && `, ${formatPercent(ns.errorRate, 1)} errors`}
            </>
          )}{' '}
          <span className="sluice-muted">over the last {overview.window}, as callers reported it</span>
        </p>
        <Sparkline
          values={ns.sparkline}
          label={`Inbound req/s of ${ns.name}, every ${overview.sparklineStep} over the last ${overview.sparklineRange}`}
          testId={`overview-sparkline-${ns.name}`}
        />
        <p>
          {ns.services} services · {ns.workloads} workloads · {ns.istioConfig.objects} Istio objects
        </p>
        <LabelGroup aria-label={`Istio config of ${ns.name}`} numLabels={6}>
          {ns.istioConfig.errors > 0 && (
            <Label isCompact color="red" data-testid="overview-config-errors">
              {ns.istioConfig.errors} config errors
            </Label>
          )}
          {ns.istioConfig.warnings > 0 && (
            <Label isCompact color="orange" data-testid="overview-config-warnings">
              {ns.istioConfig.warnings} warnings
            </Label>
          )}
          {ns.istioConfig.errors + ns.istioConfig.warnings === 0 && (
            <Label isCompact color="green">
              config valid
            </Label>
          )}
          {ns.activeRollouts.map((s) => (
            <Label isCompact color="blue" key={`r-${s}`} data-testid="overview-rollout">
              rollout: {s}
            </Label>
          ))}
          {ns.faults.map((vs) => (
            <Label isCompact color="purple" key={`f-${vs}`} data-testid="overview-fault">
              fault: {vs}
            </Label>
          ))}
        </LabelGroup>
      </CardBody>
      <CardFooter>
        <Link to={link('/graph', { namespaces: ns.name })} data-testid="overview-graph-link">
          Graph of {ns.name}
        </Link>{' '}
        ·{' '}
        <Link to={link('/services', { namespaces: ns.name })} data-testid="overview-services-link">
          Services
        </Link>
      </CardFooter>
    </Card>
  );
}

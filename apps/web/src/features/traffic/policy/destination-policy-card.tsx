import { useCallback, useState } from 'react';
import {
  Card,
  CardBody,
  CardTitle,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Label,
  Tab,
  Tabs,
  TabTitleText,
} from '@patternfly/react-core';
import { hasCircuitBreaker, type DestinationRule } from '@sluice/model';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { useDestinationRule } from '../api/get-destination-rule';
import { CircuitBreakerForm } from './circuit-breaker-form';
import { LoadBalancerForm } from './load-balancer-form';
import { policyAt, type PolicyLevel } from './policy-level';
import { TlsForm } from './tls-form';

/**
 * The DestinationRule's traffic policies for one service: circuit breaker, load balancing and TLS,
 * for the whole host or one subset (a subset's settings replace the host's for that subset).
 */
export function DestinationPolicyCard({ namespace, name }: { namespace: string; name: string }) {
  const query = useDestinationRule(namespace, name);
  if (query.error) return <ApiErrorAlert error={query.error} title={`Could not load DestinationRule ${name}`} />;
  if (!query.data) return null;
  return <PolicyTabs dr={query.data} />;
}

function PolicyTabs({ dr }: { dr: DestinationRule }) {
  const [level, setLevel] = useState<PolicyLevel>(undefined);
  const [tab, setTab] = useState<string | number>('breaker');
  // Unsaved edits are never thrown away: while a form has them, the level stays (tabs keep their forms).
  const [dirty, setDirty] = useState<Record<string, boolean>>({});
  const tracker = useCallback(
    (form: string) => (d: boolean) => setDirty((x) => (x[form] === d ? x : { ...x, [form]: d })),
    [],
  );
  const [onBreaker, onLb, onTls] = [tracker('breaker'), tracker('lb'), tracker('tls')];
  const anyDirty = Object.values(dirty).some(Boolean);
  const subsets = dr.spec.subsets ?? [];
  const key = `${level ?? ''}`;
  const levelName = level === undefined ? 'whole host' : `subset ${level}`;
  return (
    <Card isCompact data-testid="destination-policy-card">
      <CardTitle component="h2">
        Traffic policy · DestinationRule {dr.metadata.name}{' '}
        {hasCircuitBreaker(dr.spec) && (
          <Label isCompact color="orange" data-testid="circuit-breaker-label">
            circuit breaker
          </Label>
        )}
      </CardTitle>
      <CardBody>
        <FormGroup label="Applies to" fieldId={`policy-level-${dr.metadata.name}`}>
          <FormSelect
            id={`policy-level-${dr.metadata.name}`}
            value={key}
            onChange={(_e, v) => setLevel(v === '' ? undefined : v)}
            isDisabled={anyDirty}
            data-testid="policy-level"
          >
            <FormSelectOption value="" label={`All of ${dr.spec.host} (every subset without its own setting)`} />
            {subsets.map((s) => (
              <FormSelectOption key={s.name} value={s.name} label={`Subset ${s.name} only`} />
            ))}
          </FormSelect>
        </FormGroup>
        {anyDirty && (
          <p className="sluice-muted" data-testid="policy-level-held">
            Apply or reset your changes to switch to another subset.
          </p>
        )}
        {level !== undefined && Object.keys(policyAt(dr, undefined)).length > 0 && (
          <p className="sluice-muted">
            A setting made here replaces the host&apos;s setting of the same kind for subset {level}.
          </p>
        )}
        <Tabs activeKey={tab} onSelect={(_e, k) => setTab(k)} aria-label={`Traffic policy for ${levelName}`}>
          <Tab
            eventKey="breaker"
            title={<TabTitleText>Circuit breaker</TabTitleText>}
            data-testid="tab-circuit-breaker"
          >
            <CircuitBreakerForm key={key} dr={dr} level={level} onDirtyChange={onBreaker} />
          </Tab>
          <Tab eventKey="lb" title={<TabTitleText>Load balancing</TabTitleText>} data-testid="tab-load-balancing">
            <LoadBalancerForm key={key} dr={dr} level={level} onDirtyChange={onLb} />
          </Tab>
          <Tab eventKey="tls" title={<TabTitleText>TLS</TabTitleText>} data-testid="tab-tls">
            <TlsForm key={key} dr={dr} level={level} onDirtyChange={onTls} />
          </Tab>
        </Tabs>
      </CardBody>
    </Card>
  );
}

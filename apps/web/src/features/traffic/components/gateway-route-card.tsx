import {
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Label,
  LabelGroup,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { Link } from 'react-router-dom';
import type { GatewayRouteView, ServiceTraffic } from '@sluice/model';
import { useGlobalLink } from '@/lib/url-state';
import { BackendWeightsForm } from './backend-weights-form';

/**
 * A Gateway API route that routes the service: where it attaches (a Gateway: ingress; a Service:
 * GAMMA, mesh traffic), and per rule its matches and the backend weight form. Only HTTPRoutes take
 * weight edits here; GRPCRoutes and TCPRoutes are shown with their weights and edited in the config view.
 */
export function GatewayRouteCard({ traffic, route }: { traffic: ServiceTraffic; route: GatewayRouteView }) {
  const link = useGlobalLink();
  const plural = `${route.kind.toLowerCase()}s`;
  return (
    <Card data-testid="gateway-route-card" data-name={route.name}>
      <CardHeader>
        <CardTitle component="h2">
          {route.kind}{' '}
          <Link to={link(`/namespaces/${route.namespace}/istio/${plural}/${route.name}`)}>{route.name}</Link>
          <span className="sluice-muted"> · resourceVersion {route.resourceVersion}</span>
        </CardTitle>
        <LabelGroup aria-label="Parents and hostnames" numLabels={8}>
          <Label isCompact color={route.scope === 'gateway' ? 'teal' : 'blue'}>
            {route.scope === 'gateway' ? 'ingress' : 'mesh (GAMMA)'}
          </Label>
          {route.parents.map((p) => (
            <Label key={`${p.kind}/${p.namespace}/${p.name}`} isCompact variant="outline">
              {p.kind} {p.namespace}/{p.name}
            </Label>
          ))}
          {route.hostnames.map((h) => (
            <Label key={`h-${h}`} isCompact variant="outline">
              host {h}
            </Label>
          ))}
        </LabelGroup>
      </CardHeader>
      <CardBody>
        <Stack hasGutter>
          {route.rules.map((rule) => (
            <StackItem key={rule.index} data-testid="gateway-route-rule">
              <Title headingLevel="h3" size="md">
                Rule {rule.index}
                {rule.name ? ` "${rule.name}"` : ''}:{' '}
                <span className="sluice-muted">{rule.matchSummary.join(' or ') || 'any request'}</span>
                {rule.filters.length > 0 && <span className="sluice-muted"> · filters {rule.filters.join(', ')}</span>}
              </Title>
              {route.kind === 'HTTPRoute' ? (
                <BackendWeightsForm traffic={traffic} route={route} ruleIndex={rule.index} />
              ) : (
                <p data-testid="gateway-route-weights">
                  {rule.backends.map((b) => `${b.name} ${b.weight}`).join(' · ')}
                </p>
              )}
            </StackItem>
          ))}
        </Stack>
      </CardBody>
    </Card>
  );
}

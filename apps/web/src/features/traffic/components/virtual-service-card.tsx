import {
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  ExpandableSection,
  Label,
  LabelGroup,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { Link } from 'react-router-dom';
import { useState } from 'react';
import type { ServiceTraffic, VirtualServiceView } from '@sluice/model';
import { useGlobalLink } from '@/lib/url-state';
import { AddRouteForm } from './add-route-form';
import { MatchRouteForm } from './match-route-form';
import { RouteCard } from './route-card';

/** A VirtualService that routes the service: its routes in order, then "add a match route". */
export function VirtualServiceCard({
  traffic,
  vs,
  initialTab,
}: {
  traffic: ServiceTraffic;
  vs: VirtualServiceView;
  initialTab?: string | undefined;
}) {
  const link = useGlobalLink();
  const [addOpen, setAddOpen] = useState(initialTab === 'match');
  const [addRouteOpen, setAddRouteOpen] = useState(initialTab === 'add-route');
  const hasHttp = vs.routes.some((r) => r.kind === 'http');
  return (
    <Card data-testid="virtual-service-card" data-name={vs.name}>
      <CardHeader>
        <CardTitle component="h2">
          VirtualService{' '}
          <Link to={link(`/namespaces/${vs.namespace}/istio/virtualservices/${vs.name}`)}>{vs.name}</Link>
          <span className="sluice-muted"> · resourceVersion {vs.resourceVersion}</span>
        </CardTitle>
        <LabelGroup aria-label="Hosts and gateways" numLabels={8}>
          {vs.hosts.map((h) => (
            <Label key={`h-${h}`} isCompact variant="outline">
              host {h}
            </Label>
          ))}
          {vs.gateways.map((g) => (
            <Label key={`g-${g}`} isCompact color="teal">
              gateway {g}
            </Label>
          ))}
          {vs.managedBy && (
            <Label isCompact color="orange">
              managed by {vs.managedBy}
            </Label>
          )}
        </LabelGroup>
      </CardHeader>
      <CardBody>
        <Stack hasGutter>
          {hasHttp && (
            <StackItem>
              <p className="sluice-muted" data-testid="route-order-note">
                Istio tries the http routes from the top and the first whose match holds takes the request; move a route
                up or down to change that.
              </p>
            </StackItem>
          )}
          {vs.routes.map((route) => (
            <StackItem key={`${route.kind}-${route.index}`}>
              <RouteCard traffic={traffic} vs={vs} route={route} initialTab={initialTab} />
            </StackItem>
          ))}
          {hasHttp && traffic.subsets.length > 0 && (
            <StackItem>
              <ExpandableSection
                toggleText="Request routing: add a match route"
                isExpanded={addOpen}
                onToggle={(_e, v) => setAddOpen(v)}
                data-testid="add-match-route-toggle"
              >
                <MatchRouteForm traffic={traffic} vs={vs} />
              </ExpandableSection>
            </StackItem>
          )}
          {hasHttp && (
            <StackItem>
              <ExpandableSection
                toggleText="Add a route (match, then forward, rewrite or redirect)"
                isExpanded={addRouteOpen}
                onToggle={(_e, v) => setAddRouteOpen(v)}
                data-testid="add-route-toggle"
              >
                <AddRouteForm traffic={traffic} vs={vs} />
              </ExpandableSection>
            </StackItem>
          )}
        </Stack>
      </CardBody>
    </Card>
  );
}

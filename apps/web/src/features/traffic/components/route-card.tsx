import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, CardBody, CardHeader, CardTitle, Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import type { RouteView, ServiceTraffic, VirtualServiceView } from '@sluice/model';
import { useVsWriter } from '../hooks/use-vs-writer';
import { FaultForm } from './fault-form';
import { MirrorForm } from './mirror-form';
import { RouteBadges } from './route-badges';
import { TimeoutRetriesForm } from './timeout-retries-form';
import { TrafficShiftingForm } from './traffic-shifting-form';
import { WriteFeedback } from '@/lib/edit-kit/write-feedback';

interface Props {
  traffic: ServiceTraffic;
  vs: VirtualServiceView;
  route: RouteView;
  /**
   * From the page URL (`?tab=fault`, with `route=<vs>/<route>` once a tab was picked on a card), so
   * the graph's side panel can link straight to an action and a reload keeps the tab.
   */
  initialTab?: string | undefined;
}

const TABS = ['shift', 'fault', 'mirror', 'resilience'];

function routeTitle(route: RouteView): string {
  const what = route.name ? `${route.kind} route "${route.name}"` : `${route.kind}[${route.index}]`;
  return route.matchSummary.length ? `${what} · when ${route.matchSummary.join(' or ')}` : `${what} · default route`;
}

/** One route of a VirtualService with a tab per action an operator takes on it. */
export function RouteCard({ traffic, vs, route, initialTab }: Props) {
  const slug = route.name ?? `${route.kind}-${route.index}`;
  const [search, setSearch] = useSearchParams();
  const routeParam = search.get('route');
  const urlTab = !routeParam || routeParam === `${vs.name}/${slug}` ? initialTab : undefined;
  const [tab, setTab] = useState<string | number>(
    urlTab && TABS.includes(urlTab) && (route.kind === 'http' || urlTab === 'shift') ? urlTab : 'shift',
  );
  const handleTab = (key: string | number) => {
    setTab(key);
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('tab', String(key));
        next.set('route', `${vs.name}/${slug}`);
        return next;
      },
      { replace: true },
    );
  };
  // Removing a route is the one destructive action here: it takes a second, explicit click.
  const [confirmRemove, setConfirmRemove] = useState(false);
  const service = { namespace: traffic.namespace, name: traffic.service };
  const remover = useVsWriter({ namespace: vs.namespace, name: vs.name }, vs.resourceVersion, service);
  const isHttp = route.kind === 'http';
  const canRemove = isHttp && Boolean(route.name) && route.matchSummary.length > 0;
  // Forms follow the stored route while pristine and keep unsaved edits when it changes (useEditBase).

  return (
    <Card isCompact data-testid="route-card" data-route={slug}>
      <CardHeader
        actions={
          canRemove
            ? {
                actions: (
                  <Button
                    variant={confirmRemove ? 'danger' : 'link'}
                    isDanger
                    size="sm"
                    isLoading={remover.isPending}
                    onClick={() =>
                      confirmRemove
                        ? void remover.apply([{ op: 'setMatchRoute', name: route.name ?? '', remove: true }])
                        : setConfirmRemove(true)
                    }
                    onBlur={() => setConfirmRemove(false)}
                    data-testid="remove-match-route"
                  >
                    {confirmRemove ? `Remove "${route.name}"?` : 'Remove route'}
                  </Button>
                ),
              }
            : undefined
        }
      >
        <CardTitle component="h3">{routeTitle(route)}</CardTitle>
        <RouteBadges route={route} />
      </CardHeader>
      <CardBody>
        <WriteFeedback writer={remover} />
        {route.expected.length === 0 ? (
          <p className="sluice-muted">
            This route does not forward to destinations{route.redirect ? ' (it redirects)' : ''}.
          </p>
        ) : (
          <Tabs
            activeKey={tab}
            onSelect={(_e, k) => handleTab(k)}
            aria-label={`Actions for ${routeTitle(route)}`}
            // Tabs mount when first opened and stay mounted: switching tabs keeps unsaved edits.
            mountOnEnter
          >
            <Tab eventKey="shift" title={<TabTitleText>Traffic shifting</TabTitleText>} data-testid="tab-shift">
              <div className="sluice-tab-body">
                <TrafficShiftingForm traffic={traffic} vs={vs} route={route} />
              </div>
            </Tab>
            {isHttp && (
              <Tab eventKey="fault" title={<TabTitleText>Fault injection</TabTitleText>} data-testid="tab-fault">
                <div className="sluice-tab-body">
                  <FaultForm service={service} vs={vs} route={route} />
                </div>
              </Tab>
            )}
            {isHttp && (
              <Tab eventKey="mirror" title={<TabTitleText>Mirroring</TabTitleText>} data-testid="tab-mirror">
                <div className="sluice-tab-body">
                  <MirrorForm traffic={traffic} vs={vs} route={route} />
                </div>
              </Tab>
            )}
            {isHttp && (
              <Tab
                eventKey="resilience"
                title={<TabTitleText>Timeout & retries</TabTitleText>}
                data-testid="tab-resilience"
              >
                <div className="sluice-tab-body">
                  <TimeoutRetriesForm service={service} vs={vs} route={route} />
                </div>
              </Tab>
            )}
          </Tabs>
        )}
      </CardBody>
    </Card>
  );
}

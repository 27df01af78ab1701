import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, CardBody, CardHeader, CardTitle, Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import type { RouteView, ServiceTraffic, VirtualServiceView } from '@sluice/model';
import { useVsWriter } from '../hooks/use-vs-writer';
import { routeRefOf } from '../utils/split-rows';
import { routeInWords } from '../utils/route-words';
import { FaultForm } from './fault-form';
import { HeadersForm } from './headers-form';
import { MatchForm } from './match-form';
import { RedirectForm } from './redirect-form';
import { RewriteForm } from './rewrite-form';
import { MirrorForm } from './mirror-form';
import { RouteBadges } from './route-badges';
import { TimeoutRetriesForm } from './timeout-retries-form';
import { TrafficShiftingForm } from './traffic-shifting-form';
import { WriteFeedback } from '@/lib/edit-kit/write-feedback';
import { PreviewOnGraphButton } from '@/lib/edit-kit/preview-on-graph';

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

const TABS = ['shift', 'match', 'rewrite', 'redirect', 'headers', 'fault', 'mirror', 'resilience'];

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
  const forwards = route.expected.length > 0;
  const isHttp = route.kind === 'http';
  const offered = TABS.filter((t) =>
    t === 'shift'
      ? forwards
      : !isHttp
        ? false
        : t === 'match'
          ? true
          : t === 'redirect'
            ? Boolean(route.redirect)
            : forwards,
  );
  const [tab, setTab] = useState<string | number>(
    urlTab && offered.includes(urlTab) ? urlTab : (offered[0] ?? 'shift'),
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
  // Order and removal write straight away (no form): on the version this card shows.
  const reorder = useVsWriter({ namespace: vs.namespace, name: vs.name }, vs.resourceVersion, service);
  const count = vs.routes.filter((r) => r.kind === route.kind).length;
  const canRemove = count > 1 || vs.routes.length > 1;
  const ref = routeRefOf(route);
  const words = routeInWords(route);
  const move = (to: number) => void reorder.apply([{ op: 'moveRoute', route: ref, to }]);
  // Forms follow the stored route while pristine and keep unsaved edits when it changes (useEditBase).

  return (
    <Card isCompact data-testid="route-card" data-route={slug}>
      <CardHeader
        actions={{
          actions: (
            <>
              <Button
                variant="plain"
                size="sm"
                aria-label={`Move ${routeTitle(route)} up (tried earlier)`}
                isDisabled={route.index === 0 || reorder.readOnly || reorder.isPending}
                onClick={() => move(route.index - 1)}
                data-testid="move-route-up"
              >
                ↑
              </Button>
              <Button
                variant="plain"
                size="sm"
                aria-label={`Move ${routeTitle(route)} down (tried later)`}
                isDisabled={route.index >= count - 1 || reorder.readOnly || reorder.isPending}
                onClick={() => move(route.index + 1)}
                data-testid="move-route-down"
              >
                ↓
              </Button>
              {canRemove && (
                <Button
                  variant={confirmRemove ? 'danger' : 'link'}
                  isDanger
                  size="sm"
                  isLoading={reorder.isPending}
                  isDisabled={reorder.readOnly}
                  onClick={() =>
                    confirmRemove ? void reorder.apply([{ op: 'removeRoute', route: ref }]) : setConfirmRemove(true)
                  }
                  // The confirm step stays while focus moves to its "Preview on graph".
                  onBlur={(e) => {
                    if (!(e.relatedTarget instanceof Element && e.relatedTarget.closest('[data-remove-preview]')))
                      setConfirmRemove(false);
                  }}
                  data-testid="remove-route"
                >
                  {confirmRemove ? `Remove ${route.name ? `"${route.name}"` : 'this route'}?` : 'Remove route'}
                </Button>
              )}
              {canRemove && confirmRemove && (
                <span data-remove-preview onBlur={() => setConfirmRemove(false)}>
                  <PreviewOnGraphButton
                    target={{ plural: 'virtualservices', namespace: vs.namespace, name: vs.name }}
                    resourceVersion={vs.resourceVersion}
                    edits={[{ op: 'removeRoute', route: ref }]}
                    label={`Remove ${routeTitle(route)} from ${vs.namespace}/${vs.name}`}
                    testId="preview-remove-route"
                  />
                </span>
              )}
            </>
          ),
        }}
      >
        <CardTitle component="h3">
          <span className="sluice-route-order" data-testid="route-order">
            #{route.index + 1} of {count}
          </span>{' '}
          {routeTitle(route)}
        </CardTitle>
        <p className="sluice-route-words" data-testid="route-words">
          {route.kind === 'http' && route.index > 0 ? 'If no route above matched: ' : ''}
          {words.when}
          {words.steps.map((step) => (
            <span key={step}> → {step}</span>
          ))}
        </p>
        <RouteBadges route={route} />
      </CardHeader>
      <CardBody>
        <WriteFeedback writer={reorder} />
        {offered.length === 0 ? (
          <p className="sluice-muted">This route does not forward to destinations.</p>
        ) : (
          <Tabs
            activeKey={tab}
            onSelect={(_e, k) => handleTab(k)}
            aria-label={`Actions for ${routeTitle(route)}`}
            // Tabs mount when first opened and stay mounted: switching tabs keeps unsaved edits.
            mountOnEnter
          >
            {forwards && (
              <Tab eventKey="shift" title={<TabTitleText>Traffic shifting</TabTitleText>} data-testid="tab-shift">
                <div className="sluice-tab-body">
                  <TrafficShiftingForm traffic={traffic} vs={vs} route={route} />
                </div>
              </Tab>
            )}
            {isHttp && (
              <Tab eventKey="match" title={<TabTitleText>Match</TabTitleText>} data-testid="tab-match">
                <div className="sluice-tab-body">
                  <MatchForm service={service} vs={vs} route={route} />
                </div>
              </Tab>
            )}
            {isHttp && forwards && (
              <Tab eventKey="rewrite" title={<TabTitleText>Rewrite</TabTitleText>} data-testid="tab-rewrite">
                <div className="sluice-tab-body">
                  <RewriteForm service={service} vs={vs} route={route} />
                </div>
              </Tab>
            )}
            {isHttp && route.redirect && (
              <Tab eventKey="redirect" title={<TabTitleText>Redirect</TabTitleText>} data-testid="tab-redirect">
                <div className="sluice-tab-body">
                  <RedirectForm service={service} vs={vs} route={route} />
                </div>
              </Tab>
            )}
            {isHttp && forwards && (
              <Tab eventKey="headers" title={<TabTitleText>Headers</TabTitleText>} data-testid="tab-headers">
                <div className="sluice-tab-body">
                  <HeadersForm service={service} vs={vs} route={route} />
                </div>
              </Tab>
            )}
            {isHttp && forwards && (
              <Tab eventKey="fault" title={<TabTitleText>Fault injection</TabTitleText>} data-testid="tab-fault">
                <div className="sluice-tab-body">
                  <FaultForm service={service} vs={vs} route={route} />
                </div>
              </Tab>
            )}
            {isHttp && forwards && (
              <Tab eventKey="mirror" title={<TabTitleText>Mirroring</TabTitleText>} data-testid="tab-mirror">
                <div className="sluice-tab-body">
                  <MirrorForm traffic={traffic} vs={vs} route={route} />
                </div>
              </Tab>
            )}
            {isHttp && forwards && (
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

import { lazy } from 'react';
import { createBrowserRouter, useRouteError } from 'react-router-dom';
import { Button, PageSection } from '@patternfly/react-core';
import { ApiErrorAlert } from '../components/api-error-alert';
import { Empty } from '../components/page-state';
import { AppShell } from './shell/app-shell';

// Each page is its own chunk: the graph (cytoscape) and the config editor load only when visited.
const OverviewPage = lazy(() => import('../features/overview/components/overview-page'));
const AppPage = lazy(() => import('../features/workload/components/app-page'));
const WorkloadPage = lazy(() => import('../features/workload/components/workload-page'));
const GraphPage = lazy(() => import('../features/graph/components/graph-page'));
const ServicesListPage = lazy(() => import('../features/traffic/components/services-list-page'));
const ServiceTrafficPage = lazy(() => import('../features/traffic/components/service-traffic-page'));
const RolloutPage = lazy(() => import('../features/rollout/components/rollout-page'));
const ConfigListPage = lazy(() => import('../features/config/components/config-list-page'));
const ConfigDetailPage = lazy(() => import('../features/config/components/config-detail-page'));

function NotFound() {
  return (
    <PageSection>
      <Empty title="Page not found">There is nothing at this address.</Empty>
    </PageSection>
  );
}

/** A page that throws while rendering keeps the shell (and the way out) instead of blanking the app. */
function RouteError() {
  const error = useRouteError();
  return (
    <PageSection>
      <ApiErrorAlert error={error} title="This page failed to render" />
      <Button variant="link" onClick={() => window.location.reload()}>
        Reload
      </Button>
    </PageSection>
  );
}

export const createRouter = () =>
  createBrowserRouter([
    {
      element: <AppShell />,
      children: [
        {
          errorElement: <RouteError />,
          children: [
            { index: true, element: <OverviewPage /> },
            { path: 'graph', element: <GraphPage /> },
            { path: 'services', element: <ServicesListPage /> },
            { path: 'namespaces/:ns/services/:name', element: <ServiceTrafficPage /> },
            { path: 'namespaces/:ns/services/:name/rollout', element: <RolloutPage /> },
            { path: 'namespaces/:ns/workloads/:name', element: <WorkloadPage /> },
            { path: 'namespaces/:ns/apps/:app', element: <AppPage /> },
            { path: 'istio', element: <ConfigListPage /> },
            { path: 'namespaces/:ns/istio/:kind/:name', element: <ConfigDetailPage /> },
            { path: '*', element: <NotFound /> },
          ],
        },
      ],
    },
  ]);

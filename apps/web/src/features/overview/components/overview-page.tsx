import { Alert, Gallery, PageSection, Title } from '@patternfly/react-core';
import { Empty, QueryState } from '@/components/page-state';
import { useOverview } from '../api/get-overview';
import { NamespaceCard } from './namespace-card';

/** / — the landing page: every namespace, worst health first (issue 18). */
export default function OverviewPage() {
  const query = useOverview();
  return (
    <PageSection data-testid="overview-page">
      <Title headingLevel="h1">Mesh overview</Title>
      <QueryState isPending={query.isPending} error={query.error}>
        {() => {
          const o = query.data;
          if (!o) return null;
          return (
            <>
              <p className="sluice-muted">
                Health is the share of inbound requests with errors over the last {o.window}, with the graph&apos;s
                colours: any error is degraded, more than 5% failing. Worst first.
              </p>
              {o.metricsError && (
                <Alert
                  variant="warning"
                  isInline
                  title="Metrics unavailable: health unknown"
                  data-testid="metrics-error"
                >
                  {o.metricsError}
                </Alert>
              )}
              {o.namespaces.length === 0 ? (
                <Empty title="No namespaces">The cluster has no namespaces Sluice can read.</Empty>
              ) : (
                <Gallery hasGutter minWidths={{ default: '300px' }}>
                  {o.namespaces.map((ns) => (
                    <NamespaceCard key={ns.name} ns={ns} overview={o} />
                  ))}
                </Gallery>
              )}
            </>
          );
        }}
      </QueryState>
    </PageSection>
  );
}

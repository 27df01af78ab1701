import { lazy, Suspense, useCallback, useEffect, useMemo } from 'react';
import { Alert, Drawer, DrawerContent, DrawerContentBody, PageSection, Title } from '@patternfly/react-core';
import { graphTypeSchema } from '@sluice/model';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { Empty, Loading } from '@/components/page-state';
import { TrafficCoverageNotices } from '@/components/traffic-coverage';
import { useGlobalParams } from '@/lib/url-state';
import { useGraph } from '../api/get-graph';
import type { Selection } from '../hooks/use-cytoscape';
import { EDGE_LABEL_MODES, findServiceNode, type EdgeLabelMode } from '../utils/graph-model';
import { GraphCanvas } from './graph-canvas';
import { GraphSidePanel } from './graph-side-panel';
import { GraphToolbar } from './graph-toolbar';
import { useGraphTools } from '../graph-tools/use-graph-tools';

// The table view pulls in PatternFly's Table: its own chunk, so the canvas view loads without it.
const GraphTable = lazy(() => import('./graph-table').then((m) => ({ default: m.GraphTable })));
// "Preview on graph" (issue 20): the overlay is its own chunk, loaded only when the URL carries `preview`.
const PreviewView = lazy(() => import('../preview/preview-view'));

/** /graph — the live service graph; every option and the selection live in the URL (deep links). */
export default function GraphPage() {
  const { namespaces, window, search, update } = useGlobalParams();
  const graphType = graphTypeSchema.catch('versionedApp').parse(search.get('graphType') ?? undefined);
  const edgeLabelParam = search.get('edgeLabel');
  const edgeLabel: EdgeLabelMode = (EDGE_LABEL_MODES as readonly string[]).includes(edgeLabelParam ?? '')
    ? (edgeLabelParam as EdgeLabelMode)
    : 'share';
  const view = search.get('view') === 'table' ? 'table' : 'graph';
  const serviceNodes = search.get('serviceNodes') !== 'false';
  const nodeParam = search.get('node');
  const edgeParam = search.get('edge');
  const selected: Selection = useMemo(
    () => (nodeParam ? { type: 'node', id: nodeParam } : edgeParam ? { type: 'edge', id: edgeParam } : null),
    [nodeParam, edgeParam],
  );
  const query = useGraph({ namespaces, graphType, window, injectServiceNodes: serviceNodes });
  const graph = query.data;
  const tools = useGraphTools(graph, {
    find: search.get('find') ?? '',
    hide: search.get('hide') ?? '',
    hideIdle: search.get('idle') === 'hide',
  });

  const handleSelect = useCallback(
    (s: Selection) =>
      update({ node: s?.type === 'node' ? s.id : undefined, edge: s?.type === 'edge' ? s.id : undefined }),
    [update],
  );

  // `focus=ns/name` (from a service page) becomes a node selection once the graph has loaded.
  const focus = search.get('focus');
  useEffect(() => {
    if (!focus || !graph) return;
    const node = findServiceNode(graph, focus);
    update({ focus: undefined, node: node?.id });
  }, [focus, graph, update]);

  if (namespaces.length === 0) {
    return (
      <PageSection>
        <Title headingLevel="h1" className="pf-v6-screen-reader">
          Traffic graph
        </Title>
        <Empty title="No namespace selected">Pick one or more namespaces in the toolbar to see their traffic.</Empty>
      </PageSection>
    );
  }

  const previewParam = search.get('preview');
  if (previewParam) {
    return (
      <Suspense fallback={<Loading label="Loading the preview" />}>
        <PreviewView
          encoded={previewParam}
          namespaces={namespaces}
          graphType={graphType}
          window={window}
          serviceNodes={serviceNodes}
          onExit={() => update({ preview: undefined })}
        />
      </Suspense>
    );
  }

  const stale = Boolean(graph?.metricsError) || (query.isRefetchError && graph !== undefined);
  const body = (
    <>
      {graph?.metricsError && (
        <Alert
          variant="warning"
          isInline
          title="Metrics unavailable: showing topology from config; traffic is stale"
          data-testid="metrics-error"
        >
          {graph.metricsError}
        </Alert>
      )}
      {query.error && graph && (
        <Alert
          variant="warning"
          isInline
          title={`Could not refresh the graph: showing data from ${new Date(graph.timestamp).toLocaleTimeString()}`}
          data-testid="graph-stale"
        />
      )}
      {graph && !graph.metricsError && (
        <TrafficCoverageNotices coverage={graph} window={graph.window} showEmpty={graph.edges.length === 0} />
      )}
      {query.error && !graph && <ApiErrorAlert error={query.error} />}
      {query.isPending && !graph && <Loading label="Loading graph" />}
      {graph && graph.nodes.length === 0 && <Empty title="No traffic or services in these namespaces" />}
      {graph && view === 'table' && (
        <Suspense fallback={<Loading label="Loading table" />}>
          <GraphTable graph={tools.shown ?? graph} onSelect={handleSelect} />
        </Suspense>
      )}
      {graph && view === 'graph' && (
        <GraphCanvas
          graph={tools.shown ?? graph}
          highlighted={tools.result?.found}
          minimap={tools.Minimap}
          mode={edgeLabel}
          selected={selected}
          stale={stale}
          onSelect={handleSelect}
          onViewTable={() => update({ view: 'table' })}
        />
      )}
    </>
  );

  return (
    <PageSection
      padding={{ default: 'noPadding' }}
      isFilled
      className="sluice-graph-page"
      data-testid="graph-page"
      data-stale={stale ? 'true' : 'false'}
    >
      {/* The page's one h1 (the toolbar and canvas say the rest visually). */}
      <Title headingLevel="h1" className="pf-v6-screen-reader">
        Traffic graph
      </Title>
      <GraphToolbar
        graphType={graphType}
        edgeLabel={edgeLabel}
        view={view}
        serviceNodes={serviceNodes}
        onChange={update}
      />
      {tools.Bar && (
        <tools.Bar
          find={search.get('find') ?? ''}
          hide={search.get('hide') ?? ''}
          hideIdle={search.get('idle') === 'hide'}
          result={tools.result}
          onChange={update}
        />
      )}
      <Drawer isExpanded={selected !== null && graph !== undefined} isInline position="end">
        <DrawerContent
          panelContent={
            selected && graph ? (
              <GraphSidePanel graph={graph} selected={selected} onClose={() => handleSelect(null)} />
            ) : undefined
          }
        >
          <DrawerContentBody className="sluice-graph-body">{body}</DrawerContentBody>
        </DrawerContent>
      </Drawer>
    </PageSection>
  );
}

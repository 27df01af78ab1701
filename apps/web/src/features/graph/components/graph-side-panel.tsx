import {
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  DrawerActions,
  DrawerCloseButton,
  DrawerHead,
  DrawerPanelBody,
  DrawerPanelContent,
  Label,
  LabelGroup,
  Title,
} from '@patternfly/react-core';
import { Link } from 'react-router-dom';
import type { Graph, GraphEdge, GraphNode } from '@sluice/model';
import { formatMs, formatPercent, formatRps } from '@/lib/format';
import { useGlobalLink } from '@/lib/url-state';
import type { Selection } from '../hooks/use-cytoscape';
import { isTcpOnly, nodeBadges, nodeLabel, nodeTraffic, rateUnit } from '../utils/graph-model';
import { ScopeSplitsList } from './scope-splits-list';

function Fact({ term, children, testId }: { term: string; children: React.ReactNode; testId?: string }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription data-testid={testId}>{children}</DescriptionListDescription>
    </DescriptionListGroup>
  );
}

function Responses({ responses }: { responses: Record<string, number> }) {
  const entries = Object.entries(responses).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <>–</>;
  return (
    <LabelGroup numLabels={8}>
      {entries.map(([code, rps]) => (
        <Label
          key={code}
          isCompact
          color={code.startsWith('2') ? 'green' : code.startsWith('3') ? 'blue' : code === '0' ? 'grey' : 'red'}
        >
          {code === '0' ? 'no response' : code}: {formatRps(rps)}/s
        </Label>
      ))}
    </LabelGroup>
  );
}

const ACTIONS = [
  ['shift', 'Shift traffic', 'any'],
  ['fault', 'Inject faults', 'http'],
  ['mirror', 'Mirror', 'http'],
  ['match', 'Route by header', 'http'],
  ['resilience', 'Timeouts & retries', 'http'],
] as const;

function NodeDetails({ graph, node }: { graph: Graph; node: GraphNode }) {
  const link = useGlobalLink();
  const t = nodeTraffic(graph, node.id);
  const serviceName = node.kind === 'service' ? node.name : node.app;
  const tcp = isTcpOnly(graph, node.id) === true;
  const unit = rateUnit(tcp ? 'tcp-node' : 'http-node');
  const actions = ACTIONS.filter(([, , applies]) => applies === 'any' || !tcp);
  const name = (id: string) => {
    const n = graph.nodes.find((x) => x.id === id);
    return n ? nodeLabel(n) : id;
  };
  // Stable order across refreshes: live edges by target name, then mirrors.
  const out = graph.edges
    .filter((e) => e.source === node.id)
    .sort(
      (a, b) =>
        Number(a.mirrored ?? false) - Number(b.mirrored ?? false) ||
        name(a.target).localeCompare(name(b.target), 'en', { numeric: true }) ||
        a.protocol.localeCompare(b.protocol),
    );
  return (
    <>
      <DescriptionList isCompact isHorizontal>
        <Fact term="Kind">{node.kind}</Fact>
        <Fact term="Namespace">{node.namespace}</Fact>
        {node.version && <Fact term="Version">{node.version}</Fact>}
        {node.workload && <Fact term="Workload">{node.workload}</Fact>}
        <Fact term="Inbound" testId="panel-in-rps">
          {formatRps(t.inRps)} {unit}
        </Fact>
        <Fact term="Outbound">
          {formatRps(t.outRps)} {unit}
        </Fact>
        {!tcp && (
          <Fact term="Error rate" testId="panel-error-rate">
            {formatPercent(t.inErrorRate, 1)}
          </Fact>
        )}
        <Fact term="p95 latency">{formatMs(t.p95Ms)}</Fact>
        <Fact term="Responses">
          <Responses responses={t.responses} />
        </Fact>
        <Fact term="Routing">
          {nodeBadges(node.flags).map((b) => (
            <Label key={b.flag} isCompact color="blue" data-badge={b.flag}>
              {b.name}
            </Label>
          ))}
          {nodeBadges(node.flags).length === 0 && 'none'}
        </Fact>
      </DescriptionList>
      {node.splits && node.splits.length > 0 && (
        <>
          <Title headingLevel="h3" size="md" className="sluice-subhead">
            Version split by scope
          </Title>
          <ScopeSplitsList splits={node.splits} window={graph.window} />
        </>
      )}
      {out.length > 0 && (
        <>
          <Title headingLevel="h3" size="md" className="sluice-subhead">
            {node.splits && node.splits.length > 1 ? 'Outbound split (all scopes together)' : 'Outbound split'}
          </Title>
          <ul className="sluice-plain-list" data-testid="outbound-split">
            {out.map((e) => (
              <li key={e.id}>
                {name(e.target)}: {e.mirrored ? 'mirror' : formatPercent(e.share, 1)} · {formatRps(e.rps)}{' '}
                {rateUnit(e.protocol)}
              </li>
            ))}
          </ul>
        </>
      )}
      {serviceName && (
        <div className="sluice-panel-actions">
          <Button
            component={(props) => (
              <Link {...props} to={link(`/namespaces/${node.namespace}/services/${serviceName}`)} />
            )}
            variant="primary"
            data-testid="manage-traffic"
          >
            Manage traffic of {serviceName}
          </Button>
          <div className="sluice-quick-actions" role="group" aria-label={`Routing actions for ${serviceName}`}>
            {actions.map(([tab, text]) => (
              <Link
                key={tab}
                to={link(`/namespaces/${node.namespace}/services/${serviceName}`, { tab })}
                data-testid={`action-${tab}`}
              >
                {text}
              </Link>
            ))}
          </div>
        </div>
      )}
      {(node.workload || node.app) && node.kind !== 'ingress' && (
        <p className="sluice-panel-links">
          {node.workload && (
            <Link
              to={link(`/namespaces/${node.namespace}/workloads/${encodeURIComponent(node.workload)}`)}
              data-testid="open-workload"
            >
              Workload {node.workload}: metrics over time
            </Link>
          )}{' '}
          {node.app && (
            <Link
              to={link(`/namespaces/${node.namespace}/apps/${encodeURIComponent(node.app)}`)}
              data-testid="open-app"
            >
              App {node.app}: its versions
            </Link>
          )}
        </p>
      )}
    </>
  );
}

function EdgeDetails({ graph, edge }: { graph: Graph; edge: GraphEdge }) {
  const name = (id: string) => {
    const n = graph.nodes.find((x) => x.id === id);
    return n ? nodeLabel(n) : id;
  };
  return (
    <DescriptionList isCompact isHorizontal>
      <Fact term="From">{name(edge.source)}</Fact>
      <Fact term="To">{name(edge.target)}</Fact>
      <Fact term="Protocol">
        {edge.protocol}
        {edge.mirrored ? ' (mirrored)' : ''}
      </Fact>
      <Fact term={edge.protocol === 'tcp' ? 'Connections/s' : 'Requests/s'} testId="panel-edge-rps">
        {formatRps(edge.rps)}
      </Fact>
      {!edge.mirrored && (
        <Fact term="Share of source" testId="panel-edge-share">
          {formatPercent(edge.share, 1)}
        </Fact>
      )}
      {edge.protocol !== 'tcp' && (
        <Fact term="Error rate" testId="panel-edge-error-rate">
          {formatPercent(edge.errorRate, 1)}
        </Fact>
      )}
      {edge.retries && (
        <Fact term="Retried attempts" testId="panel-edge-retries">
          {formatRps(edge.retries.rps)}/s, {formatPercent(edge.retries.errorRate, 1)} failed (not counted above: the
          client saw one request each)
        </Fact>
      )}
      <Fact term="p95 latency">{formatMs(edge.latencyP95Ms)}</Fact>
      {edge.bytesPerSec !== undefined && <Fact term="Throughput">{(edge.bytesPerSec / 1024).toFixed(1)} KiB/s</Fact>}
      {edge.protocol !== 'tcp' && (
        <Fact term="Responses">
          <Responses responses={edge.responses} />
        </Fact>
      )}
      {edge.responseFlags && Object.keys(edge.responseFlags).length > 0 && (
        <Fact term="Envoy response flags">
          <ResponseFlags flags={edge.responseFlags} />
        </Fact>
      )}
    </DescriptionList>
  );
}

/** What Envoy's response flags mean, for the ones a traffic policy produces (others show as they are). */
const FLAG_MEANING: Record<string, string> = {
  UO: 'refused by the circuit breaker (connection pool full)',
  UH: 'no healthy pod (e.g. all ejected by outlier detection)',
  URX: 'retries exhausted',
  UF: 'could not connect',
  UT: 'timed out',
  NR: 'no route',
  NC: 'no such subset',
  FI: 'injected fault',
  DI: 'injected delay',
};

function ResponseFlags({ flags }: { flags: Record<string, number> }) {
  const entries = Object.entries(flags).sort(([a], [b]) => a.localeCompare(b));
  return (
    <ul className="sluice-plain-list" data-testid="panel-edge-flags">
      {entries.map(([flag, rps]) => (
        <li key={flag} data-flag={flag}>
          <Label isCompact color={flag === 'DI' ? 'orange' : 'red'}>
            {flag}
          </Label>{' '}
          {formatRps(rps)}/s{FLAG_MEANING[flag] ? `: ${FLAG_MEANING[flag]}` : ''}
        </li>
      ))}
    </ul>
  );
}

/** Details of the selected node or edge; empty selection or an element gone from the graph closes it. */
export function GraphSidePanel({
  graph,
  selected,
  onClose,
}: {
  graph: Graph;
  selected: NonNullable<Selection>;
  onClose: () => void;
}) {
  const node = selected.type === 'node' ? graph.nodes.find((n) => n.id === selected.id) : undefined;
  const edge = selected.type === 'edge' ? graph.edges.find((e) => e.id === selected.id) : undefined;
  const title = node ? nodeLabel(node) : edge ? 'Edge' : 'Not in this graph';
  return (
    <DrawerPanelContent widths={{ default: 'width_33' }} data-testid="side-panel" aria-label="Selection details">
      <DrawerHead>
        <Title headingLevel="h2" size="xl">
          {title}
        </Title>
        <DrawerActions>
          <DrawerCloseButton onClick={onClose} aria-label="Close details" />
        </DrawerActions>
      </DrawerHead>
      <DrawerPanelBody>
        {node && <NodeDetails graph={graph} node={node} />}
        {edge && <EdgeDetails graph={graph} edge={edge} />}
        {!node && !edge && <p className="sluice-muted">The selected element has no traffic in this window.</p>}
      </DrawerPanelBody>
    </DrawerPanelContent>
  );
}

import {
  Checkbox,
  FormSelect,
  FormSelectOption,
  ToggleGroup,
  ToggleGroupItem,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { graphTypeSchema, type GraphType } from '@sluice/model';
import { EDGE_LABEL_MODES, type EdgeLabelMode } from '../utils/graph-model';

const GRAPH_TYPE_LABEL: Record<GraphType, string> = {
  versionedApp: 'Versioned app',
  app: 'App',
  workload: 'Workload',
  service: 'Service',
};
const EDGE_LABEL: Record<EdgeLabelMode, string> = {
  share: 'Traffic share',
  rps: 'Request rate',
  p50: 'p50 latency',
  p95: 'p95 latency',
  p99: 'p99 latency',
  throughput: 'TCP throughput (bytes/s)',
  none: 'No labels',
};

interface Props {
  graphType: GraphType;
  edgeLabel: EdgeLabelMode;
  view: 'graph' | 'table';
  serviceNodes: boolean;
  onChange: (patch: Record<string, string>) => void;
}

export function GraphToolbar({ graphType, edgeLabel, view, serviceNodes, onChange }: Props) {
  return (
    <Toolbar aria-label="Graph options">
      <ToolbarContent>
        <ToolbarItem>
          <FormSelect
            aria-label="Graph type"
            value={graphType}
            onChange={(_e, v) => onChange({ graphType: v })}
            data-testid="graph-type-select"
            style={{ width: 170 }}
          >
            {graphTypeSchema.options.map((t) => (
              <FormSelectOption key={t} value={t} label={GRAPH_TYPE_LABEL[t]} />
            ))}
          </FormSelect>
        </ToolbarItem>
        <ToolbarItem>
          <FormSelect
            aria-label="Edge labels"
            value={edgeLabel}
            onChange={(_e, v) => onChange({ edgeLabel: v })}
            data-testid="edge-label-select"
            style={{ width: 160 }}
          >
            {EDGE_LABEL_MODES.map((m) => (
              <FormSelectOption key={m} value={m} label={EDGE_LABEL[m]} />
            ))}
          </FormSelect>
        </ToolbarItem>
        <ToolbarItem>
          <ToggleGroup aria-label="Graph or table view">
            <ToggleGroupItem
              text="Graph"
              isSelected={view === 'graph'}
              onChange={() => onChange({ view: 'graph' })}
              data-testid="view-graph"
            />
            <ToggleGroupItem
              text="Table"
              isSelected={view === 'table'}
              onChange={() => onChange({ view: 'table' })}
              data-testid="view-table"
            />
          </ToggleGroup>
        </ToolbarItem>
        <ToolbarItem alignSelf="center">
          {/* As Kiali's "Service nodes": off, each caller's own split to the versions shows (gateway vs mesh). */}
          <Checkbox
            id="graph-service-nodes"
            label="Service nodes"
            isChecked={serviceNodes}
            onChange={(_e, on) => onChange({ serviceNodes: on ? '' : 'false' })}
            data-testid="service-nodes-toggle"
          />
        </ToolbarItem>
        <ToolbarItem alignSelf="center" className="sluice-legend" aria-label="Legend">
          <span>
            <i className="sw healthy" /> ok
          </span>
          <span>
            <i className="sw degraded" /> errors
          </span>
          <span>
            <i className="sw failing" /> &gt;5% errors
          </span>
          <span>
            <i className="sw tcp" /> TCP
          </span>
          <span>
            <i className="sw mirror" /> mirrored
          </span>
          <span>
            tags: VS · split · match · fault · mirror · timeout · retry · rollout · gw (gateway-only VirtualService) ·
            cb (circuit breaker: connection pool or outlier detection)
          </span>
        </ToolbarItem>
      </ToolbarContent>
    </Toolbar>
  );
}

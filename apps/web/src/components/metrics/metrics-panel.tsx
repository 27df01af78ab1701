import {
  Card,
  CardBody,
  CardTitle,
  FormSelect,
  FormSelectOption,
  Gallery,
  Tab,
  Tabs,
  TabTitleText,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import type { Direction, MetricsResponse, MetricsTargetKind } from '@sluice/model';
import { useSearchParams } from 'react-router-dom';
import { QueryState } from '@/components/page-state';
import { useMetrics } from '@/lib/queries/metrics';
import { TimeChart } from '@/components/time-chart/time-chart';
import { chartsFor, LATENCY_QUANTILES, timeMarkersOf, type LatencyQuantile } from './chart-data';
import { METRIC_RANGES, rangeOf } from './ranges';
import { MetricsTable } from './metrics-table';

interface MetricsPanelProps {
  kind: MetricsTargetKind;
  namespace: string;
  name: string;
}

/**
 * Metrics over time of a service or workload: Inbound / Outbound tabs, a time range picker, a chart
 * per metric with a line per version and the changes Sluice wrote as vertical marks. The range,
 * direction and percentile live in the URL (`mrange`, `mdir`, `mq`), so a view can be shared.
 */
export default function MetricsPanel({ kind, namespace, name }: MetricsPanelProps) {
  const [search, setSearch] = useSearchParams();
  const range = rangeOf(search.get('mrange'));
  const direction: Direction = search.get('mdir') === 'outbound' ? 'outbound' : 'inbound';
  const quantile = (LATENCY_QUANTILES as readonly string[]).includes(search.get('mq') ?? '')
    ? (search.get('mq') as LatencyQuantile)
    : 'p95';
  const query = useMetrics(kind, namespace, name, range.range, range.step);
  const set = (key: string, value: string) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );
  return (
    <Card isCompact data-testid="metrics-panel">
      <CardTitle component="h2">Metrics over time</CardTitle>
      <CardBody>
        <Toolbar aria-label="Metrics options">
          <ToolbarContent>
            <ToolbarItem>
              <FormSelect
                aria-label="Time range"
                value={range.range}
                onChange={(_e, v) => set('mrange', v)}
                data-testid="metrics-range-select"
                style={{ width: 180 }}
              >
                {METRIC_RANGES.map((r) => (
                  <FormSelectOption key={r.range} value={r.range} label={r.label} />
                ))}
              </FormSelect>
            </ToolbarItem>
            <ToolbarItem>
              <FormSelect
                aria-label="Response time percentile"
                value={quantile}
                onChange={(_e, v) => set('mq', v)}
                data-testid="metrics-quantile-select"
                style={{ width: 120 }}
              >
                {LATENCY_QUANTILES.map((q) => (
                  <FormSelectOption key={q} value={q} label={q} />
                ))}
              </FormSelect>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        <Tabs
          activeKey={direction}
          onSelect={(_e, k) => set('mdir', String(k))}
          aria-label="Traffic direction"
          mountOnEnter
          unmountOnExit
        >
          {(['inbound', 'outbound'] as const).map((d) => (
            <Tab
              key={d}
              eventKey={d}
              title={<TabTitleText>{d === 'inbound' ? 'Inbound' : 'Outbound'}</TabTitleText>}
              data-testid={`metrics-tab-${d}`}
            >
              <QueryState isPending={query.isPending} error={query.error}>
                {() => (query.data ? <Charts m={query.data} direction={d} quantile={quantile} /> : null)}
              </QueryState>
            </Tab>
          ))}
        </Tabs>
      </CardBody>
    </Card>
  );
}

function Charts({ m, direction, quantile }: { m: MetricsResponse; direction: Direction; quantile: LatencyQuantile }) {
  const scope = m.directions.find((d) => d.direction === direction);
  const charts = chartsFor(m, direction, quantile);
  const markers = timeMarkersOf(m.markers);
  return (
    <div className="sluice-tab-body" data-testid={`metrics-${direction}`}>
      <p className="sluice-muted" data-testid="metrics-scope">
        {scope?.covers}; reported by the {scope?.reporter} proxy. Each point is the rate over the {m.rateWindow} ending
        there ({m.source === 'simulated' ? 'demo simulator' : 'Prometheus'}). Dashed lines: changes Sluice wrote (
        {m.markers.length}). Hover a chart for the values at a time, drag across it to zoom in, click a version to hide
        its line.
      </p>
      {m.note && (
        <p className="sluice-muted" data-testid="metrics-note">
          {m.note}
        </p>
      )}
      {charts.length === 0 ? (
        <p data-testid="metrics-empty">No {direction} traffic in this range.</p>
      ) : (
        <>
          <Gallery hasGutter minWidths={{ default: '420px' }}>
            {charts.map((c) => (
              <TimeChart
                key={c.id}
                title={c.title}
                times={m.timestamps}
                series={c.lines.map((l) => ({ label: l.version, color: l.color, values: l.values }))}
                markers={markers}
                format={c.format}
                height={170}
                testId={`metrics-chart-${c.id}`}
              />
            ))}
          </Gallery>
          <MetricsTable charts={charts} timestamps={m.timestamps} markers={markers} />
        </>
      )}
    </div>
  );
}

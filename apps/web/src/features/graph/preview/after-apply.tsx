import { useEffect, useMemo, useState } from 'react';
import { Alert } from '@patternfly/react-core';
import type { GraphPreview, GraphType } from '@sluice/model';
import { formatPercent, formatRps } from '@/lib/format';
import { useGraph } from '../api/get-graph';
import { comparePrediction, windowSeconds } from './compare-prediction';

interface Props {
  preview: GraphPreview;
  appliedAt: number;
  graphType: GraphType;
  injectServiceNodes: boolean;
}

/** Slack for the metrics of the first full window to arrive (one simulator tick, one scrape). */
const SETTLE_MS = 3000;

/**
 * After Apply: once a full window has passed, the observed graph is set against the prediction, and
 * the page says how close it came (edges within sampling tolerance, the biggest miss).
 */
export function AfterApply({ preview, appliedAt, graphType, injectServiceNodes }: Props) {
  const readyAt = appliedAt + windowSeconds(preview.window) * 1000 + SETTLE_MS;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (now >= readyAt) return;
    const t = setTimeout(() => setNow(Date.now()), Math.min(1000, readyAt - now));
    return () => clearTimeout(t);
  }, [now, readyAt]);
  const ready = now >= readyAt;
  const graph = useGraph({ namespaces: preview.namespaces, graphType, window: preview.window, injectServiceNodes });
  const observed = graph.data && Date.parse(graph.data.timestamp) >= readyAt - SETTLE_MS ? graph.data : undefined;
  const refetch = graph.refetch;
  useEffect(() => {
    if (ready && !observed) void refetch();
  }, [ready, observed, refetch]);
  const comparison = useMemo(() => (observed ? comparePrediction(preview, observed) : undefined), [preview, observed]);
  const name = new Map(preview.nodes.map((n) => [n.id, [n.name, n.version].filter(Boolean).join(' ')]));
  const edgeName = (id: string) => {
    const e = preview.edges.find((x) => x.id === id);
    return e ? `${name.get(e.source) ?? e.source} → ${name.get(e.target) ?? e.target}` : id;
  };

  if (!comparison) {
    const left = Math.max(0, Math.ceil((readyAt - now) / 1000));
    return (
      <Alert variant="info" isInline title="Applied" data-testid="after-apply-waiting">
        Comparing the prediction with what is observed once a full window ({preview.window}) has passed since Apply
        {left > 0 ? `: ${left} s left.` : ': waiting for the next window of metrics.'}
      </Alert>
    );
  }
  const { close, total, worst } = comparison;
  const allClose = close === total;
  return (
    <Alert
      variant={allClose ? 'success' : 'warning'}
      isInline
      title={`Prediction vs observed (${observed?.window ?? preview.window} after Apply): ${close} of ${total} edges within sampling tolerance`}
      data-testid="after-apply-comparison"
      data-close={close}
      data-total={total}
    >
      {worst && (
        <p data-testid="after-apply-worst">
          {allClose ? 'Largest difference' : 'Biggest miss'}: {edgeName(worst.id)}, expected share{' '}
          {formatPercent(worst.expectedShare)} with {formatPercent(worst.expectedErrorRate, 1)} errors (
          {formatRps(worst.expectedRps)}), observed {formatPercent(worst.observedShare)} with{' '}
          {formatPercent(worst.observedErrorRate, 1)} errors ({formatRps(worst.observedRps)}).
        </p>
      )}
    </Alert>
  );
}

import { Alert } from '@patternfly/react-core';
import type { TrafficCoverage } from '@sluice/model';

/*
 * What a traffic answer covers, said in words next to the numbers (issues 12 and 13): a widened
 * window, a window holding too little data, latency still on its way, or why there is no traffic.
 * Shared by the graph and the service traffic page so both say it the same way. The titles are
 * paragraphs, not headings: a notice is no section of the page, and an h4 under the page's h1 broke
 * the heading order (axe, journey 14, on a fresh stack where the window is still short of data).
 */
export function TrafficCoverageNotices({
  coverage,
  window,
  showEmpty,
}: {
  coverage: TrafficCoverage;
  window: string;
  /** Show `emptyReason` (the view has no traffic to draw). */
  showEmpty: boolean;
}) {
  return (
    <>
      {coverage.windowWidenedFrom && (
        <Alert
          component="p"
          variant="info"
          isInline
          isPlain
          title={`Rates over ${window} (widened from ${coverage.windowWidenedFrom})`}
          data-testid="window-widened"
        >
          {coverage.windowNote}
        </Alert>
      )}
      {coverage.sparse && (
        <Alert
          component="p"
          variant={coverage.sparse.tooFew ? 'warning' : 'info'}
          isInline
          isPlain
          title={
            coverage.sparse.tooFew
              ? `Too few samples in the last ${window} to show traffic`
              : `The last ${window} holds only ${coverage.sparse.coveredSeconds} s of data`
          }
          data-testid="sparse-window"
          data-too-few={coverage.sparse.tooFew ? 'true' : 'false'}
        >
          {coverage.sparse.message}
        </Alert>
      )}
      {coverage.partial && (
        <Alert
          component="p"
          variant="info"
          isInline
          isPlain
          title={`Partial: ${coverage.partial.missing.join(' and ')} not shown yet; rates are complete`}
          data-testid="traffic-partial"
        >
          {coverage.partial.reason}
        </Alert>
      )}
      {coverage.latencyAsOf && !coverage.partial && (
        <p className="sluice-muted" data-testid="latency-as-of">
          Latency as of {new Date(coverage.latencyAsOf).toLocaleTimeString()} (it is computed after the rates).
        </p>
      )}
      {showEmpty && coverage.emptyReason && !coverage.sparse?.tooFew && (
        <Alert component="p" variant="info" isInline isPlain title="No traffic" data-testid="empty-reason">
          {coverage.emptyReason}
        </Alert>
      )}
    </>
  );
}

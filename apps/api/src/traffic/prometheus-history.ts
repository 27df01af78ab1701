import type { PromClient } from './prom-client';
import type { MatrixItem } from './prom-parse';
import type { PromSetup } from './prom-setup';
import { groupLabel, historyQueries } from './promql-history';
import { TCP_METRIC_LABEL } from './promql';
import { stepEnds, type HistoryAnswer, type HistoryRequest, type StepRowsOf } from './history';
import { chooseWindow } from './window-policy';

/*
 * History from Prometheus: range queries evaluated at the same aligned step ends as the simulator's,
 * each rate over the step (widened to 4 sample intervals when the step is shorter, and said so). A
 * step where the mesh had fewer than two scrapes in the rate window is null (no rate can exist
 * there), so the chart shows a gap rather than a false zero.
 */
export async function prometheusHistory(
  client: PromClient,
  setup: PromSetup,
  req: HistoryRequest,
  timeoutMs: number,
  nowSec: number,
): Promise<HistoryAnswer> {
  const timestamps = stepEnds(nowSec, req.stepSeconds, req.points);
  const start = timestamps[0] ?? nowSec;
  const end = timestamps.at(-1) ?? nowSec;
  const choice = chooseWindow(`${req.stepSeconds}s`, setup.sampleIntervalSeconds);
  const range = (q: string) => client.range(q, start, end, req.stepSeconds, timeoutMs);
  const [scrapes, ...perSelection] = await Promise.all([
    range(`max(count_over_time(up[${choice.window}]))`),
    ...req.selections.map(async (s) => {
      const q = historyQueries(setup.metrics, s, choice.window);
      const [requests, buckets, tcp] = await Promise.all([range(q.requests), range(q.buckets), range(q.tcp)]);
      return { by: groupLabel(s), requests, buckets, tcp };
    }),
  ]);
  const scrapeCount = valuesByTime(scrapes[0]);
  const steps = timestamps.map((t) => {
    if ((scrapeCount.get(t) ?? 0) < 2) return null;
    return perSelection.map(({ by, requests, buckets, tcp }): StepRowsOf => {
      const group = (m: Record<string, string>) => (m[by] && m[by] !== 'unknown' ? m[by] : 'unknown');
      const at = (items: MatrixItem[]) =>
        items.flatMap((i) => {
          const v = valuesByTime(i).get(t);
          return v === undefined ? [] : [{ metric: i.metric, value: v }];
        });
      const tcpRows = new Map<string, StepRowsOf['tcp'][number]>();
      for (const { metric, value } of at(tcp)) {
        const g = group(metric);
        const row = tcpRows.get(g) ?? { group: g, sentBytesPerSec: 0, receivedBytesPerSec: 0 };
        if (metric[TCP_METRIC_LABEL] === 'sent') row.sentBytesPerSec += value;
        else row.receivedBytesPerSec += value;
        tcpRows.set(g, row);
      }
      return {
        requests: at(requests).map(({ metric, value }) => ({
          group: group(metric),
          responseCode: metric.response_code ?? '0',
          ...(metric.grpc_response_status ? { grpcResponseStatus: metric.grpc_response_status } : {}),
          rps: value,
        })),
        buckets: at(buckets).flatMap(({ metric, value }) => {
          const le = metric.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(metric.le);
          return Number.isNaN(le) ? [] : [{ group: group(metric), le, rate: value }];
        }),
        tcp: [...tcpRows.values()],
      };
    });
  });
  const missing = steps.filter((s) => s === null).length;
  const notes = [
    ...(choice.note ? [`rates ${choice.note}`] : []),
    ...(missing > 0
      ? [`${missing} of ${timestamps.length} steps have fewer than 2 scrapes of the mesh: no rate there`]
      : []),
  ];
  return { timestamps, steps, rateWindow: choice.window, ...(notes.length ? { note: notes.join('; ') } : {}) };
}

const cache = new WeakMap<MatrixItem, Map<number, number>>();

/** A series' values by (whole) epoch second, computed once per series. */
function valuesByTime(item: MatrixItem | undefined): Map<number, number> {
  if (!item) return new Map();
  let m = cache.get(item);
  if (!m) {
    m = new Map(item.values.map(([t, v]) => [Math.round(t), v]));
    cache.set(item, m);
  }
  return m;
}

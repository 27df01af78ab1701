import type { SluiceMetrics } from './metrics';

/*
 * A fetch for the Prometheus source that times every call to Prometheus's HTTP API. Wrapping fetch
 * measures exactly what goes over the wire (queued requests wait before it), and leaves the traffic
 * code alone. The endpoint label is the API path (api/v1/query, -/ready, ...), never the query text.
 */
export function timedFetch(
  metrics: Pick<SluiceMetrics, 'prometheusDuration'>,
  inner: typeof fetch = fetch,
): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const endpoint = url.pathname.replace(/^.*?\/(api\/v1\/|-\/)/, '$1');
    const end = metrics.prometheusDuration.startTimer({ endpoint });
    try {
      const response = await inner(input, init);
      end({ outcome: response.ok ? 'ok' : 'error' });
      return response;
    } catch (err) {
      end({ outcome: err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : 'error' });
      throw err;
    }
  };
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DestinationRule } from '@sluice/model';
import { renderWithProviders } from '@/test/render';
import { mockFetch, type Call } from '@/test/fetch-mock';
import { DestinationPolicyCard } from './destination-policy-card';

const reviews = (trafficPolicy?: Record<string, unknown>): DestinationRule => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'reviews', namespace: 'bookinfo', resourceVersion: '7' },
  spec: {
    host: 'reviews',
    subsets: [
      { name: 'v1', labels: { version: 'v1' } },
      { name: 'v3', labels: { version: 'v3' }, ...(trafficPolicy ? { trafficPolicy } : {}) },
    ],
  },
});

const dryRun = (dr: DestinationRule) => ({
  dryRun: true,
  object: dr,
  diff: '--- a\n+++ b\n+ http2MaxRequests: 1',
  findings: [],
});

/** GET the rule, answer dry runs, answer the write (or `write` decides). */
function api(dr: DestinationRule, write?: (c: Call) => { status?: number; body: unknown }) {
  return mockFetch(
    (c) => (c.method === 'GET' && c.url.endsWith('/destinationrules/reviews') ? { body: dr } : undefined),
    (c) => (c.method === 'POST' && c.url.includes('dryRun=true') ? { body: dryRun(dr) } : undefined),
    (c) =>
      c.method === 'POST' && c.url.includes('/destinationrules/reviews/edits')
        ? (write?.(c) ?? { body: { ...dryRun(dr), dryRun: false } })
        : undefined,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('DestinationPolicyCard', () => {
  it('sets the "trip fast" circuit breaker on subset v3 only, previewed, through the DestinationRule edits route', async () => {
    const calls = api(reviews());
    renderWithProviders(<DestinationPolicyCard namespace="bookinfo" name="reviews" />);
    await userEvent.selectOptions(await screen.findByLabelText('Applies to'), 'v3');
    await userEvent.click(screen.getByTestId('breaker-preset-trip-fast'));
    expect(screen.getByLabelText('Max requests in flight')).toHaveValue('1');
    // Unsaved edits keep the level: switching subsets now would throw them away.
    expect(screen.getByLabelText('Applies to')).toBeDisabled();
    expect(screen.getByTestId('policy-level-held')).toBeInTheDocument();
    await userEvent.click(screen.getByText('Load balancing'));
    await userEvent.click(screen.getByText('Circuit breaker'));
    expect(screen.getByLabelText('Max requests in flight')).toHaveValue('1');
    await waitFor(() => expect(screen.getByTestId('apply-circuit-breaker')).toBeEnabled());
    expect(screen.getByTestId('edit-preview')).toHaveTextContent('http2MaxRequests: 1');
    await userEvent.click(screen.getByTestId('apply-circuit-breaker'));
    await waitFor(() => expect(calls.writes()).toHaveLength(1));
    const write = calls.writes()[0]!;
    expect(write.url).toBe('/api/namespaces/bookinfo/destinationrules/reviews/edits');
    expect(write.body).toEqual({
      resourceVersion: '7',
      edits: [
        {
          op: 'setTrafficPolicy',
          subset: 'v3',
          policy: {
            connectionPool: { tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 1, http2MaxRequests: 1 } },
            outlierDetection: {
              consecutive5xxErrors: 1,
              interval: '1s',
              baseEjectionTime: '3m',
              maxEjectionPercent: 100,
            },
          },
        },
      ],
    });
    expect(await screen.findByText('Updated DestinationRule bookinfo/reviews')).toBeInTheDocument();
  });

  it('clears a stored breaker (keeping fields the form does not show) and badges the rule while it is set', async () => {
    const stored = {
      connectionPool: { http: { http2MaxRequests: 1, idleTimeout: '5s' } },
      outlierDetection: { consecutive5xxErrors: 5 },
    };
    const calls = api(reviews(stored));
    renderWithProviders(<DestinationPolicyCard namespace="bookinfo" name="reviews" />);
    expect(await screen.findByTestId('circuit-breaker-label')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Applies to'), 'v3');
    expect(screen.getByLabelText('Max requests in flight')).toHaveValue('1');
    await userEvent.click(screen.getByTestId('breaker-preset-off'));
    await waitFor(() => expect(screen.getByTestId('apply-circuit-breaker')).toBeEnabled());
    expect(screen.getByTestId('apply-circuit-breaker')).toHaveTextContent('Remove circuit breaker');
    await userEvent.click(screen.getByTestId('apply-circuit-breaker'));
    await waitFor(() => expect(calls.writes()).toHaveLength(1));
    // idleTimeout is not the form's: the pool stays with it, only the limits go.
    expect(calls.writes()[0]!.body).toMatchObject({
      edits: [{ subset: 'v3', policy: { connectionPool: { http: { idleTimeout: '5s' } }, outlierDetection: null } }],
    });
  });

  it('refuses a count that is not a whole number before sending anything, and shows 422 findings at the field', async () => {
    const calls = api(reviews(), () => ({
      status: 422,
      body: {
        error: {
          code: 'invalid',
          message: 'spec.trafficPolicy.outlierDetection.interval: "soon" is not a duration',
          details: [
            {
              path: 'spec.trafficPolicy.outlierDetection.interval',
              code: 'duration_invalid',
              severity: 'error',
              message: '"soon" is not a duration (use e.g. 500ms, 1s, 1m30s)',
            },
          ],
        },
      },
    }));
    renderWithProviders(<DestinationPolicyCard namespace="bookinfo" name="reviews" />);
    await userEvent.type(await screen.findByLabelText('Max requests in flight'), '1.5');
    expect(screen.getByText('a whole number, or empty for no limit')).toBeInTheDocument();
    expect(screen.getByTestId('apply-circuit-breaker')).toBeDisabled();
    await userEvent.clear(screen.getByLabelText('Max requests in flight'));
    await userEvent.type(screen.getByLabelText('Check every'), 'soon');
    await waitFor(() => expect(screen.getByTestId('apply-circuit-breaker')).toBeEnabled());
    await userEvent.click(screen.getByTestId('apply-circuit-breaker'));
    await waitFor(() => expect(calls.writes()).toHaveLength(1));
    const form = screen.getByTestId('circuit-breaker-form');
    expect(await within(form).findByTestId('field-error')).toHaveTextContent('"soon" is not a duration');
  });

  it('load balancing: sticky by header for the whole host; TLS: Istio mutual for subset v1', async () => {
    const calls = api(reviews());
    renderWithProviders(<DestinationPolicyCard namespace="bookinfo" name="reviews" />);
    await userEvent.click(await screen.findByText('Load balancing'));
    await userEvent.selectOptions(screen.getByLabelText('Spread requests'), 'hash');
    await userEvent.type(screen.getByLabelText('Header name'), 'x-user');
    await waitFor(() => expect(screen.getByTestId('apply-load-balancer')).toBeEnabled());
    await userEvent.click(screen.getByTestId('apply-load-balancer'));
    await waitFor(() => expect(calls.writes()).toHaveLength(1));
    expect(calls.writes()[0]!.body).toMatchObject({
      edits: [{ op: 'setTrafficPolicy', policy: { loadBalancer: { consistentHash: { httpHeaderName: 'x-user' } } } }],
    });
    expect((calls.writes()[0]!.body as { edits: { subset?: string }[] }).edits[0]!.subset).toBeUndefined();

    await userEvent.selectOptions(screen.getByLabelText('Applies to'), 'v1');
    await userEvent.click(screen.getByText('TLS'));
    await userEvent.selectOptions(screen.getByLabelText('TLS mode'), 'ISTIO_MUTUAL');
    await waitFor(() => expect(screen.getByTestId('apply-tls')).toBeEnabled());
    await userEvent.click(screen.getByTestId('apply-tls'));
    await waitFor(() => expect(calls.writes()).toHaveLength(2));
    expect(calls.writes()[1]!.body).toMatchObject({
      edits: [{ op: 'setTrafficPolicy', subset: 'v1', policy: { tls: { mode: 'ISTIO_MUTUAL' } } }],
    });
  });

  it('stale 409: "changed by someone else", reload reads the rule again and reapplies the same edit on its version', async () => {
    let version = '7';
    let posts = 0;
    const calls = mockFetch(
      (c) =>
        c.method === 'GET' && c.url.endsWith('/destinationrules/reviews')
          ? { body: { ...reviews(), metadata: { ...reviews().metadata, resourceVersion: version } } }
          : undefined,
      (c) => (c.method === 'POST' && c.url.includes('dryRun=true') ? { body: dryRun(reviews()) } : undefined),
      (c) => {
        if (c.method !== 'POST') return undefined;
        posts += 1;
        if (posts > 1) return { body: { ...dryRun(reviews()), dryRun: false } };
        version = '8'; // someone else wrote meanwhile
        return {
          status: 409,
          body: {
            error: {
              code: 'conflict',
              message: 'DestinationRule bookinfo/reviews was changed by someone else',
              details: { reason: 'stale', currentResourceVersion: '8' },
            },
          },
        };
      },
    );
    renderWithProviders(<DestinationPolicyCard namespace="bookinfo" name="reviews" />);
    await userEvent.click(await screen.findByTestId('breaker-preset-guard'));
    await waitFor(() => expect(screen.getByTestId('apply-circuit-breaker')).toBeEnabled());
    await userEvent.click(screen.getByTestId('apply-circuit-breaker'));
    expect(await screen.findByText('Changed by someone else')).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('conflict-reapply'));
    await waitFor(() => expect(calls.writes()).toHaveLength(2));
    const [first, second] = calls.writes().map((c) => c.body as { resourceVersion: string; edits: unknown });
    expect(first?.resourceVersion).toBe('7');
    expect(second?.resourceVersion).toBe('8');
    expect(second?.edits).toEqual(first?.edits);
    expect(await screen.findByText('Updated DestinationRule bookinfo/reviews')).toBeInTheDocument();
  });
});

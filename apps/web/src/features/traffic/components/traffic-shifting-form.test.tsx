import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '@/test/render';
import { mockFetch } from '@/test/fetch-mock';
import { dryRunResponse, reviewsTraffic } from '@/test/fixtures';
import { TrafficShiftingForm } from './traffic-shifting-form';

const traffic = reviewsTraffic();
const vs = traffic.virtualServices[0]!;
const route = vs.routes[0]!;
const isDryRun = (url: string) => url.includes('dryRun=true');

function renderForm() {
  return renderWithProviders(<TrafficShiftingForm traffic={traffic} vs={vs} route={route} />);
}
const row = (label: string) => screen.getAllByTestId('split-row').find((r) => r.dataset.destination === label)!;
const weightInput = (label: string) => within(row(label)).getByLabelText(`Weight for ${label} (%)`) as HTMLInputElement;

afterEach(() => vi.unstubAllGlobals());

describe('TrafficShiftingForm', () => {
  it('shows every subset with expected and observed share next to each other', () => {
    mockFetch();
    renderForm();
    expect(screen.getAllByTestId('split-row').map((r) => r.dataset.destination)).toEqual(['v1', 'v2', 'v3']);
    expect(within(row('v1')).getByTestId('expected-share')).toHaveTextContent('90%');
    expect(within(row('v1')).getByTestId('observed-share')).toHaveTextContent('88%');
    expect(within(row('v2')).getByTestId('expected-share')).toHaveTextContent('10%');
    expect(within(row('v3')).getByTestId('observed-share')).toHaveTextContent('–');
    expect(weightInput('v1').value).toBe('90');
    expect(screen.getByTestId('apply-weights')).toBeDisabled();
  });

  it('keeps the total at 100 when one weight is typed, respecting locks', async () => {
    mockFetch((c) => (isDryRun(c.url) ? { body: dryRunResponse } : undefined));
    renderForm();
    fireEvent.change(weightInput('v1'), { target: { value: '50' } });
    expect(weightInput('v2').value).toBe('50');
    await userEvent.click(within(row('v2')).getByRole('button', { name: 'Lock v2' }));
    fireEvent.change(weightInput('v1'), { target: { value: '20' } });
    expect([weightInput('v1').value, weightInput('v2').value, weightInput('v3').value]).toEqual(['20', '50', '30']);
    expect(screen.getByTestId('split-total')).toHaveTextContent('Total 100%');
  });

  it('previews the YAML diff with a dry run, then sends setWeights with the resourceVersion', async () => {
    const api = mockFetch((c) =>
      isDryRun(c.url)
        ? { body: dryRunResponse }
        : c.method === 'POST'
          ? { body: { ...dryRunResponse, dryRun: false } }
          : undefined,
    );
    renderForm();
    await userEvent.click(screen.getByRole('button', { name: '50 v1 / 50 v2' }));
    expect(await screen.findByTestId('yaml-diff')).toHaveTextContent(/\+\s+weight: 50/);
    await waitFor(() => expect(screen.getByTestId('apply-weights')).toBeEnabled());
    await userEvent.click(screen.getByTestId('apply-weights'));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    const write = api.writes()[0]!;
    expect(write.url).toBe('/api/namespaces/bookinfo/virtualservices/reviews/edits');
    expect(write.body).toEqual({
      resourceVersion: '42',
      edits: [
        {
          op: 'setWeights',
          route: { kind: 'http', index: 0 },
          weights: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 50 },
            { destination: { host: 'reviews', subset: 'v2' }, weight: 50 },
          ],
        },
      ],
    });
    expect(await screen.findByText('Updated VirtualService bookinfo/reviews')).toBeInTheDocument();
    expect(screen.getByText('http[0]: v1 50%, v2 50%')).toBeInTheDocument();
  });

  it('sends setTcpWeights for a tcp route', async () => {
    const api = mockFetch((c) =>
      isDryRun(c.url)
        ? { body: dryRunResponse }
        : c.method === 'POST'
          ? { body: { ...dryRunResponse, dryRun: false } }
          : undefined,
    );
    const tcpRoute = { ...route, kind: 'tcp' as const };
    renderWithProviders(<TrafficShiftingForm traffic={traffic} vs={vs} route={tcpRoute} />);
    await userEvent.click(screen.getByRole('button', { name: 'All to v2' }));
    await waitFor(() => expect(screen.getByTestId('apply-weights')).toBeEnabled());
    await userEvent.click(screen.getByTestId('apply-weights'));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]!.body).toMatchObject({
      edits: [
        {
          op: 'setTcpWeights',
          route: { kind: 'tcp', index: 0 },
          weights: [{ destination: { host: 'reviews', subset: 'v2' }, weight: 100 }],
        },
      ],
    });
  });

  it('on the route of an active rollout, Apply needs the explicit override, and the body carries it', async () => {
    const held = {
      ...vs,
      rollout: {
        phase: 'progressing' as const,
        stepIndex: 1,
        canaryWeight: 25,
        httpRouteIndex: 0,
        mode: 'automatic' as const,
      },
    };
    const api = mockFetch((c) =>
      isDryRun(c.url)
        ? { body: dryRunResponse }
        : c.method === 'POST'
          ? { body: { ...dryRunResponse, dryRun: false } }
          : undefined,
    );
    renderWithProviders(<TrafficShiftingForm traffic={traffic} vs={held} route={route} />);
    expect(screen.getByTestId('rollout-held-route')).toHaveTextContent('progressing, step 2, canary at 25%');
    await userEvent.click(screen.getByRole('button', { name: '50 v1 / 50 v2' }));
    expect(screen.getByTestId('apply-weights')).toBeDisabled();
    await userEvent.click(screen.getByLabelText('Override the rollout: write these weights and pause it'));
    await waitFor(() => expect(screen.getByTestId('apply-weights')).toBeEnabled());
    await userEvent.click(screen.getByTestId('apply-weights'));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]!.body).toMatchObject({ overrideRollout: true });
  });

  it('a 409 "rollout" (a rollout started after the page loaded) asks for the override instead of reloading', async () => {
    let attempts = 0;
    const api = mockFetch((c) => {
      if (isDryRun(c.url)) return { body: dryRunResponse };
      if (c.method !== 'POST') return undefined;
      attempts += 1;
      if ((c.body as { overrideRollout?: boolean }).overrideRollout)
        return { body: { ...dryRunResponse, dryRun: false } };
      return {
        status: 409,
        body: {
          error: {
            code: 'conflict',
            message: 'a manual rollout of v3 is progressing on this route',
            details: { reason: 'rollout', rollout: { phase: 'progressing' } },
          },
        },
      };
    });
    renderForm();
    await userEvent.click(screen.getByRole('button', { name: '50 v1 / 50 v2' }));
    await waitFor(() => expect(screen.getByTestId('apply-weights')).toBeEnabled());
    await userEvent.click(screen.getByTestId('apply-weights'));
    expect(await screen.findByTestId('rollout-held-route')).toBeInTheDocument();
    expect(screen.queryByTestId('conflict-dialog')).toBeNull();
    await userEvent.click(screen.getByTestId('override-rollout'));
    await waitFor(() => expect(screen.getByTestId('apply-weights')).toBeEnabled());
    await userEvent.click(screen.getByTestId('apply-weights'));
    await waitFor(() => expect(attempts).toBe(2));
    expect(api.writes()[1]!.body).toMatchObject({ overrideRollout: true });
  });

  it.each([
    ['150', 'Must be from 0 to 100, got 150'],
    ['-5', 'Must be from 0 to 100, got -5'],
    ['33.5', 'Use a whole number (got 33.5)'],
    ['', 'Enter a weight from 0 to 100'],
  ])('typed %j is an inline error with Apply disabled, and no other weight moves', async (text, message) => {
    mockFetch((c) => (isDryRun(c.url) ? { body: dryRunResponse } : undefined));
    renderForm();
    fireEvent.change(weightInput('v1'), { target: { value: '60' } });
    await waitFor(() => expect(screen.getByTestId('apply-weights')).toBeEnabled());
    fireEvent.change(weightInput('v2'), { target: { value: text } });
    expect(within(row('v2')).getByTestId('weight-error')).toHaveTextContent(message);
    expect(weightInput('v2')).toHaveAttribute('aria-invalid', 'true');
    expect([weightInput('v1').value, weightInput('v2').value]).toEqual(['60', text]);
    expect(screen.getByTestId('apply-weights')).toBeDisabled();
    // Fixing the field applies the weight and enables Apply again.
    fireEvent.change(weightInput('v2'), { target: { value: '30' } });
    expect(within(row('v2')).queryByTestId('weight-error')).toBeNull();
    expect(screen.getByTestId('split-total')).toHaveTextContent('Total 100%');
    await waitFor(() => expect(screen.getByTestId('apply-weights')).toBeEnabled());
  });

  it('a weight above what locked rows leave is an error naming the limit, not clamped', async () => {
    mockFetch((c) => (isDryRun(c.url) ? { body: dryRunResponse } : undefined));
    renderForm();
    await userEvent.click(within(row('v2')).getByRole('button', { name: 'Lock v2' }));
    fireEvent.change(weightInput('v1'), { target: { value: '95' } });
    expect(within(row('v1')).getByTestId('weight-error')).toHaveTextContent(
      'Must be from 0 to 90 (locked rows hold 10), got 95',
    );
    expect(screen.getByTestId('apply-weights')).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(weightInput('v1').value).toBe('90');
    expect(within(row('v1')).queryByTestId('weight-error')).toBeNull();
  });

  it('with several routes, observed shares are shown once for all routes together, never under a route as its own', () => {
    mockFetch();
    const jason = {
      kind: 'http' as const,
      index: 0,
      name: 'jason',
      matchSummary: ['headers.end-user exact "jason"'],
      expected: [{ destination: { host: 'reviews', subset: 'v2' }, share: 1 }],
      mirrors: [],
    };
    const twoRoutes = { ...vs, routes: [jason, { ...route, index: 1 }] };
    renderWithProviders(
      <TrafficShiftingForm traffic={{ ...traffic, virtualServices: [twoRoutes] }} vs={twoRoutes} route={jason} />,
    );
    expect(within(row('v2')).getByTestId('expected-share')).toHaveTextContent('100%');
    expect(within(row('v2')).getByTestId('observed-share')).toHaveTextContent('–');
    expect(screen.getByTestId('observed-all-routes')).toHaveTextContent(
      "Observed over 30s (all callers, all 2 http routes of reviews together: Istio's metrics do not record which route a request took): v1 88% · v2 12%",
    );
  });

  it('marks the diff as updating while it lags the form, and Apply writes only the change the diff shows', async () => {
    const api = mockFetch((c) =>
      isDryRun(c.url)
        ? { body: dryRunResponse }
        : c.method === 'POST'
          ? { body: { ...dryRunResponse, dryRun: false } }
          : undefined,
    );
    renderForm();
    fireEvent.change(weightInput('v1'), { target: { value: '60' } });
    await waitFor(() => expect(screen.getByTestId('edit-preview')).toHaveAttribute('data-state', 'current'));
    expect(screen.getByTestId('apply-weights')).toBeEnabled();
    // A new value: the old diff stays, marked as updating, and Apply waits for the new one.
    fireEvent.change(weightInput('v1'), { target: { value: '70' } });
    expect(screen.getByTestId('edit-preview')).toHaveAttribute('data-state', 'updating');
    expect(screen.getByTestId('edit-preview-updating')).toHaveTextContent('Updating');
    expect(screen.getByTestId('apply-weights')).toBeDisabled();
    await waitFor(() => expect(screen.getByTestId('edit-preview')).toHaveAttribute('data-state', 'current'));
    await waitFor(() => expect(screen.getByTestId('apply-weights')).toBeEnabled());
    await userEvent.click(screen.getByTestId('apply-weights'));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    const previewed = api.calls.filter((c) => isDryRun(c.url)).at(-1)?.body as { edits: unknown };
    expect((api.writes()[0]?.body as { edits: unknown }).edits).toEqual(previewed.edits);
  });
});

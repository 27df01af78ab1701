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
    await userEvent.click(screen.getByRole('button', { name: /Preset 50% v1, 50% v2/ }));
    expect(await screen.findByTestId('yaml-diff')).toHaveTextContent(/\+\s+weight: 50/);
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
    await userEvent.click(screen.getByRole('button', { name: /Preset 0% v1, 100% v2/ }));
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
    await userEvent.click(screen.getByRole('button', { name: /Preset 50% v1, 50% v2/ }));
    expect(screen.getByTestId('apply-weights')).toBeDisabled();
    await userEvent.click(screen.getByLabelText('Override the rollout: write these weights and pause it'));
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
    await userEvent.click(screen.getByRole('button', { name: /Preset 50% v1, 50% v2/ }));
    await userEvent.click(screen.getByTestId('apply-weights'));
    expect(await screen.findByTestId('rollout-held-route')).toBeInTheDocument();
    expect(screen.queryByTestId('conflict-dialog')).toBeNull();
    await userEvent.click(screen.getByTestId('override-rollout'));
    await userEvent.click(screen.getByTestId('apply-weights'));
    await waitFor(() => expect(attempts).toBe(2));
    expect(api.writes()[1]!.body).toMatchObject({ overrideRollout: true });
  });
});

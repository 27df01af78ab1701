import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '@/test/render';
import { mockFetch } from '@/test/fetch-mock';
import { dryRunResponse, reviewsTraffic } from '@/test/fixtures';
import { TrafficShiftingForm } from './traffic-shifting-form';

const traffic = reviewsTraffic('42');
const vs = traffic.virtualServices[0]!;
const route = vs.routes[0]!;
const isDryRun = (url: string) => url.includes('dryRun=true');
const dryRun = (c: { url: string }) => (isDryRun(c.url) ? { body: dryRunResponse } : undefined);

afterEach(() => vi.unstubAllGlobals());

async function changeAndApply() {
  const v1 = within(screen.getAllByTestId('split-row')[0]!).getByLabelText('Weight for v1 (%)');
  fireEvent.change(v1, { target: { value: '60' } });
  // Apply waits for the preview of exactly this change.
  await waitFor(() => expect(screen.getByTestId('apply-weights')).toBeEnabled());
  await waitFor(() => expect(screen.getByTestId('apply-weights')).toBeEnabled());
  await userEvent.click(screen.getByTestId('apply-weights'));
}

describe('write outcomes', () => {
  it('409: says the object changed, reloads and reapplies the same edit on the new resourceVersion', async () => {
    let attempts = 0;
    const api = mockFetch(
      dryRun,
      (c) =>
        c.method === 'GET' && c.url.includes('/services/reviews/traffic') ? { body: reviewsTraffic('43') } : undefined,
      (c) => {
        if (c.method !== 'POST') return undefined;
        attempts += 1;
        return attempts === 1
          ? {
              status: 409,
              body: {
                error: {
                  code: 'conflict',
                  message: 'stale resourceVersion',
                  details: { reason: 'stale', currentResourceVersion: '43' },
                },
              },
            }
          : { body: { ...dryRunResponse, dryRun: false } };
      },
    );
    renderWithProviders(<TrafficShiftingForm traffic={traffic} vs={vs} route={route} />);
    await changeAndApply();
    expect(await screen.findByText('Changed by someone else')).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('conflict-reapply'));
    await waitFor(() => expect(api.writes()).toHaveLength(2));
    const [first, second] = api.writes().map((c) => c.body as { resourceVersion: string; edits: unknown });
    expect(first?.resourceVersion).toBe('42');
    expect(second?.resourceVersion).toBe('43');
    expect(second?.edits).toEqual(first?.edits);
    expect(await screen.findByText('Updated VirtualService bookinfo/reviews')).toBeInTheDocument();
  });

  it('422: shows each finding next to the field it names', async () => {
    mockFetch(dryRun, (c) =>
      c.method === 'POST'
        ? {
            status: 422,
            body: {
              error: {
                code: 'invalid',
                message: 'validation failed',
                details: [
                  {
                    path: 'spec.http[0].route[1].weight',
                    code: 'subset_unknown',
                    severity: 'error',
                    message: 'subset v2 is not defined',
                  },
                ],
              },
            },
          }
        : undefined,
    );
    renderWithProviders(<TrafficShiftingForm traffic={traffic} vs={vs} route={route} />);
    await changeAndApply();
    const v2Row = screen.getAllByTestId('split-row')[1]!;
    expect(await within(v2Row).findByRole('alert')).toHaveTextContent('subset v2 is not defined');
    expect(within(screen.getByTestId('error-alert')).getByText(/spec.http\[0\].route\[1\].weight/)).toBeInTheDocument();
  });

  it('403: reports "Not allowed" instead of failing silently', async () => {
    mockFetch(dryRun, (c) =>
      c.method === 'POST'
        ? { status: 403, body: { error: { code: 'forbidden', message: 'Sluice runs read-only' } } }
        : undefined,
    );
    renderWithProviders(<TrafficShiftingForm traffic={traffic} vs={vs} route={route} />);
    await changeAndApply();
    expect(await screen.findAllByText('Not allowed')).not.toHaveLength(0);
    expect(screen.getByTestId('error-alert')).toHaveTextContent('Sluice runs read-only');
  });

  it.each([
    ['managed', 'Managed by a controller', 'VirtualService bookinfo/reviews is managed by Flagger'],
    ['rollout', 'A rollout controls this route', 'a rollout of reviews is in progress on this route'],
    ['state', 'Not possible in the current state', 'not now'],
  ])(
    '409 %s: an error naming the reason, never the "changed by someone else" reload dialog',
    async (reason, title, message) => {
      const api = mockFetch(dryRun, (c) =>
        c.method === 'POST'
          ? { status: 409, body: { error: { code: 'conflict', message, details: { reason } } } }
          : undefined,
      );
      renderWithProviders(<TrafficShiftingForm traffic={traffic} vs={vs} route={route} />);
      await changeAndApply();
      expect(await screen.findAllByText(title)).not.toHaveLength(0);
      expect(screen.getByTestId('error-alert')).toHaveTextContent(message);
      expect(screen.queryByTestId('conflict-dialog')).toBeNull();
      expect(screen.queryByText('Changed by someone else')).toBeNull();
      expect(api.writes()).toHaveLength(1);
    },
  );
});

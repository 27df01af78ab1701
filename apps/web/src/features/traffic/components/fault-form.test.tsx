import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '@/test/render';
import { mockFetch } from '@/test/fetch-mock';
import { dryRunResponse, reviewsTraffic } from '@/test/fixtures';
import { FaultForm } from './fault-form';

const traffic = reviewsTraffic();
const vs = traffic.virtualServices[0]!;
const route = vs.routes[0]!;
const service = { namespace: 'bookinfo', name: 'reviews' };

afterEach(() => vi.unstubAllGlobals());

describe('FaultForm', () => {
  it('switches on an abort and applies it with one click', async () => {
    const api = mockFetch((c) => (c.method === 'POST' ? { body: { ...dryRunResponse, dryRun: false } } : undefined));
    renderWithProviders(<FaultForm service={service} vs={vs} route={route} />);
    await userEvent.click(screen.getByLabelText('Abort requests'));
    await userEvent.clear(screen.getByLabelText('Abort percent'));
    await userEvent.type(screen.getByLabelText('Abort percent'), '20');
    await userEvent.clear(screen.getByLabelText('HTTP status'));
    await userEvent.type(screen.getByLabelText('HTTP status'), '555');
    await userEvent.click(screen.getByTestId('apply-fault'));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]!.body).toEqual({
      resourceVersion: '42',
      edits: [
        { op: 'setFault', route: { kind: 'http', index: 0 }, fault: { abort: { percent: 20, httpStatus: 555 } } },
      ],
    });
    expect(await screen.findByText('http[0]: abort HTTP 555 for 20%')).toBeInTheDocument();
  });

  it('a new abort or delay starts at 10 %, so one click never breaks all traffic', async () => {
    const api = mockFetch((c) => (c.method === 'POST' ? { body: { ...dryRunResponse, dryRun: false } } : undefined));
    renderWithProviders(<FaultForm service={service} vs={vs} route={route} />);
    await userEvent.click(screen.getByLabelText('Abort requests'));
    await userEvent.click(screen.getByLabelText('Inject delay'));
    expect(screen.getByLabelText('Abort percent')).toHaveValue(10);
    expect(screen.getByLabelText('Delay percent')).toHaveValue(10);
    await userEvent.click(screen.getByTestId('apply-fault'));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]!.body).toMatchObject({
      edits: [{ fault: { abort: { percent: 10, httpStatus: 503 }, delay: { percent: 10, fixedDelay: '5s' } } }],
    });
  });

  it('shows a 422 finding under the field it names', async () => {
    mockFetch((c) =>
      c.method === 'POST'
        ? {
            status: 422,
            body: {
              error: {
                code: 'invalid',
                message: 'invalid',
                details: [
                  {
                    path: 'spec.http[0].fault.abort.httpStatus',
                    code: 'abort_status',
                    severity: 'error',
                    message: 'httpStatus must be 200..599',
                  },
                ],
              },
            },
          }
        : undefined,
    );
    renderWithProviders(<FaultForm service={service} vs={vs} route={route} />);
    await userEvent.click(screen.getByLabelText('Abort requests'));
    await userEvent.click(screen.getByTestId('apply-fault'));
    expect(await screen.findAllByText('httpStatus must be 200..599')).toHaveLength(2);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { PodSummary } from '@sluice/model';
import { renderWithProviders } from '@/test/render';
import { PodsTable } from './pods-table';

const pod = (over: Partial<PodSummary>): PodSummary => ({
  namespace: 'bookinfo',
  name: 'reviews-v1-7f9c5d8b6d-x7k2p',
  labels: { app: 'reviews', version: 'v1' },
  version: 'v1',
  phase: 'Running',
  readyContainers: 2,
  containers: 2,
  restarts: 0,
  sidecar: true,
  node: 'node-a',
  startTime: '2026-01-01T00:00:00Z',
  ownerWorkload: 'reviews-v1',
  ...over,
});

afterEach(() => vi.useRealTimers());

describe('PodsTable', () => {
  it('shows each pod as kubectl would: phase, ready x/y, restarts, sidecar, node and age', () => {
    vi.useFakeTimers({ now: Date.parse('2026-01-01T03:30:00Z'), toFake: ['Date'] });
    renderWithProviders(
      <PodsTable
        label="Pods of workload reviews-v1"
        listed
        showVersion
        pods={[
          pod({}),
          pod({
            name: 'reviews-v1-plain',
            phase: 'Pending',
            readyContainers: 0,
            sidecar: false,
            restarts: 4,
            node: undefined,
            startTime: undefined,
          }),
        ]}
      />,
    );
    const table = screen.getByRole('grid', { name: 'Pods of workload reviews-v1' });
    const rows = within(table).getAllByTestId('pod-row');
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['reviews-v1-7f9c5d8b6d-x7k2p', 'v1', 'Running', '2/2', '0', 'yes', 'node-a', '3h'],
      ['reviews-v1-plain', 'v1', 'Pending', '0/2', '4', 'no', '–', '–'],
    ]);
  });

  it('tells "no pods" apart from a store that does not list pods', () => {
    const { unmount } = renderWithProviders(<PodsTable label="Pods" listed pods={[]} />);
    expect(screen.getByText('No pods.')).toBeTruthy();
    unmount();
    renderWithProviders(<PodsTable label="Pods" listed={false} pods={[]} />);
    expect(screen.getByText(/does not list pods/)).toBeTruthy();
  });
});

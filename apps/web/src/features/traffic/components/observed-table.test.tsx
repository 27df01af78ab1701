import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderWithProviders } from '@/test/render';
import { reviewsTraffic } from '@/test/fixtures';
import { ObservedTable } from './observed-table';

describe('ObservedTable', () => {
  it('lists requests that reached no version apart, saying what happened to them, never as an unexplained "unknown"', () => {
    const observed = {
      ...reviewsTraffic().observed,
      rps: 12.5,
      unrouted: [
        { reason: 'fault_abort' as const, rps: 2, errorRate: 1 },
        { reason: 'local_reply' as const, rps: 0.5, errorRate: 0 },
      ],
    };
    renderWithProviders(<ObservedTable observed={observed} protocol="http" />);
    expect(screen.getAllByTestId('observed-row').map((r) => r.dataset.version)).toEqual(['v1', 'v2']);
    const [aborted, local] = screen.getAllByTestId('observed-unrouted');
    expect(aborted).toHaveTextContent('Aborted by fault injection (before routing: no version)');
    expect(within(aborted!).getByText('16.0% of all')).toBeInTheDocument();
    expect(within(aborted!).getByText('100.0%')).toBeInTheDocument();
    expect(local).toHaveTextContent("Answered by the caller's sidecar (redirect, direct response or no route)");
  });
});

import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import type { ServiceTraffic } from '@sluice/model';
import { TrafficCoverageNotices } from '@/components/traffic-coverage';
import { ObservedTable } from './observed-table';

/* The service traffic page's observed block never shows an empty window as a quiet "no traffic". */

const empty = (extra: Partial<ServiceTraffic['observed']>): ServiceTraffic['observed'] => ({
  window: '30s',
  rps: 0,
  versions: [],
  bySource: [],
  ...extra,
});

describe('observed traffic coverage', () => {
  it('too few samples: the table row and the notice say so, not "no traffic"', () => {
    const observed = empty({
      sparse: {
        coveredSeconds: 0.4,
        tooFew: true,
        message: 'the simulator has run for 0.4 s: too little of the 30 s window for steady rates yet',
      },
      emptyReason: 'the simulator has run for 0.4 s: too little of the 30 s window for steady rates yet',
    });
    render(
      <>
        <TrafficCoverageNotices coverage={observed} window={observed.window} showEmpty />
        <ObservedTable observed={observed} protocol="http" />
      </>,
    );
    expect(screen.getByTestId('sparse-window')).toHaveTextContent('Too few samples in the last 30s');
    expect(screen.getByTestId('observed-table')).toHaveTextContent('Too few samples in the last 30s to show traffic.');
    expect(screen.getByTestId('observed-table')).not.toHaveTextContent('No traffic');
    expect(screen.queryByTestId('empty-reason')).toBeNull();
  });

  it('a full window without requests names the reason; a widened window says from what', () => {
    const observed = empty({
      window: '60s',
      windowWidenedFrom: '30s',
      windowNote: 'widened from 30s to 60s: Prometheus has a new sample every 15 s',
      emptyReason: 'no requests or connections were reported for demoapp/demoapp in the last 60s',
    });
    render(<TrafficCoverageNotices coverage={observed} window={observed.window} showEmpty />);
    expect(screen.getByTestId('window-widened')).toHaveTextContent('Rates over 60s (widened from 30s)');
    expect(screen.getByTestId('empty-reason')).toHaveTextContent('no requests or connections were reported');
  });
});

import type { MetricsResponse } from '@sluice/model';
import { describe, expect, it } from 'vitest';
import { chartsFor, timeMarkersOf } from './chart-data';

const answer = (series: MetricsResponse['series']): MetricsResponse => ({
  target: { kind: 'service', namespace: 'bookinfo', name: 'reviews' },
  source: 'simulated',
  range: '1m',
  step: '30s',
  rateWindow: '30s',
  timestamps: [0, 30_000],
  directions: [],
  series,
  markers: [],
});

describe('chartsFor', () => {
  const m = answer([
    { metric: 'requestRate', direction: 'inbound', version: 'v3', values: [0, 4] },
    { metric: 'requestRate', direction: 'inbound', version: 'v1', values: [4, 0] },
    { metric: 'p95', direction: 'inbound', version: 'v1', values: [12, null] },
    { metric: 'p99', direction: 'inbound', version: 'v1', values: [30, null] },
    { metric: 'requestRate', direction: 'outbound', version: 'v3', values: [0, 2] },
  ]);

  it('draws one chart per metric of the direction, the chosen percentile only, a line per version', () => {
    const charts = chartsFor(m, 'inbound', 'p95');
    expect(charts.map((c) => c.id)).toEqual(['requestRate', 'p95']);
    expect(charts[0]?.lines.map((l) => l.version)).toEqual(['v3', 'v1']);
    expect(chartsFor(m, 'inbound', 'p99').map((c) => c.id)).toEqual(['requestRate', 'p99']);
    expect(chartsFor(m, 'outbound', 'p95').map((c) => c.id)).toEqual(['requestRate']);
  });

  it('gives a version the same colour on every chart and in both directions', () => {
    const color = (dir: 'inbound' | 'outbound', id: string, v: string) =>
      chartsFor(m, dir, 'p95')
        .find((c) => c.id === id)
        ?.lines.find((l) => l.version === v)?.color;
    expect(color('inbound', 'requestRate', 'v1')).toBe(color('inbound', 'p95', 'v1'));
    expect(color('inbound', 'requestRate', 'v3')).toBe(color('outbound', 'requestRate', 'v3'));
    expect(color('inbound', 'requestRate', 'v1')).not.toBe(color('inbound', 'requestRate', 'v3'));
  });

  it('formats each metric in its unit', () => {
    const [rate, p95] = chartsFor(m, 'inbound', 'p95');
    expect(rate?.format(4)).toBe('4.00');
    expect(p95?.format(12)).toBe('12ms');
    expect(
      chartsFor(
        answer([{ metric: 'errorRate', direction: 'inbound', version: 'v1', values: [0.125] }]),
        'inbound',
        'p95',
      )[0]?.format(0.125),
    ).toBe('12.5%');
  });
});

describe('timeMarkersOf', () => {
  const marker = (at: string, summary: string, actor?: string) => ({
    at,
    action: 'update',
    kind: 'VirtualService',
    namespace: 'bookinfo',
    name: 'reviews',
    summary,
    ...(actor ? { actor } : {}),
  });

  it('puts each change at its time, labelled with what changed, described in full with who did it', () => {
    const [m] = timeMarkersOf([marker('2026-01-01T10:00:05.000Z', 'edit: setWeights', 'alice')]);
    expect(m?.at).toBe(Date.parse('2026-01-01T10:00:05.000Z'));
    expect(m?.label).toBe('setWeights');
    expect(m?.description).toMatch(/^\d\d:\d\d:\d\d VirtualService reviews: edit: setWeights by alice$/);
  });

  it('drops a marker whose time does not parse rather than drawing it at 1970', () => {
    expect(timeMarkersOf([marker('not a time', 'replace'), marker('2026-01-01T10:00:00Z', 'replace')])).toHaveLength(1);
  });
});

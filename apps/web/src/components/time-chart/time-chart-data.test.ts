import { describe, expect, it } from 'vitest';
import { chartDescription, latest, markerTime, placeMarkers, toAlignedData, valueRange } from './time-chart-data';

const line = (label: string, values: (number | null)[]) => ({ label, color: '#000', values });
const marker = (at: number, label = 'setWeights') => ({ at, label, description: `${label} at ${at}` });

describe('toAlignedData', () => {
  it('gives uPlot the times then a column per series, in order', () => {
    expect(toAlignedData([1000, 2000], [line('v1', [4, 0]), line('v3', [0, 4])])).toEqual([
      [1000, 2000],
      [4, 0],
      [0, 4],
    ]);
  });

  it('keeps a missing value a gap (null), never a zero, and pads a short series with gaps', () => {
    expect(toAlignedData([1, 2, 3], [line('v1', [null, Number.NaN])])).toEqual([
      [1, 2, 3],
      [null, null, null],
    ]);
  });
});

describe('valueRange', () => {
  it('starts at 0 and ends at a nice number at or above every series', () => {
    expect(valueRange([line('v1', [1, 2]), line('v2', [4, null])])).toEqual([0, 5]);
    expect(valueRange([line('v1', [null])])).toEqual([0, 1]);
  });
});

describe('marker placement', () => {
  const data = [100, 200] as const;

  it('draws a change inside the data where it happened', () => {
    expect(markerTime(150, data, data)).toBe(150);
  });

  it('pins a change newer than the last step (or older than the first) to that edge, so it shows at once', () => {
    expect(markerTime(230, data, data)).toBe(200);
    expect(markerTime(90, data, data)).toBe(100);
  });

  it('does not draw a change outside a zoomed-in view', () => {
    expect(markerTime(150, data, [160, 200])).toBeNull();
    expect(markerTime(230, data, [100, 180])).toBeNull();
    expect(markerTime(170, data, [160, 200])).toBe(170);
  });

  it('places the markers of a chart, and none on a chart without data', () => {
    const placed = placeMarkers([marker(150), marker(250), marker(120)], [100, 200], [140, 200]);
    expect(placed.map((p) => p.t)).toEqual([150, 200]);
    expect(placeMarkers([marker(150)], [], [0, 1])).toEqual([]);
  });
});

describe('chartDescription', () => {
  it('names the lines, the scale and every marked change, for screen readers', () => {
    const text = chartDescription('Request rate', [line('v1', [3]), line('v3', [null])], String, [
      marker(1, 'setWeights'),
    ]);
    expect(text).toBe('Request rate, a line each for v1, v3, up to 5; 1 change marked: setWeights at 1');
    expect(chartDescription('p99', [line('v1', [])], String, [])).toContain('no changes marked');
  });
});

describe('latest', () => {
  it('is the newest value that is not missing', () => {
    expect(latest([1, 2, null])).toBe(2);
    expect(latest([null, null])).toBeNull();
    expect(latest([3, 0])).toBe(0);
  });
});

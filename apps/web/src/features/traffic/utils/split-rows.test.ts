import { describe, expect, it } from 'vitest';
import { reviewsTraffic } from '@/test/fixtures';
import { buildSplitRows, initialWeights } from './split-rows';

const traffic = reviewsTraffic();
const route = traffic.virtualServices[0]!.routes[0]!;

describe('buildSplitRows', () => {
  it('keeps rows in the DestinationRule subset order whatever order the route lists them in', () => {
    // After "All to v2" is applied the stored route names only v2; rows must not move under the user.
    const allToV2 = { ...route, expected: [{ destination: { host: 'reviews', subset: 'v2' }, share: 1 }] };
    const rows = buildSplitRows(allToV2, traffic.subsets);
    expect(rows.map((r) => [r.label, r.inRoute])).toEqual([
      ['v1', false],
      ['v2', true],
      ['v3', false],
    ]);
    expect(initialWeights(rows)).toEqual([0, 100, 0]);
    const reversed = { ...route, expected: [...route.expected].reverse() };
    expect(buildSplitRows(reversed, traffic.subsets).map((r) => r.label)).toEqual(['v1', 'v2', 'v3']);
  });
});

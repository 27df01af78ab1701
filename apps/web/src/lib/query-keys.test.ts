import { QueryClient, partialMatchKey, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queryKeysForServerEvent } from './events';
import { CONFIG_WRITE_KEYS, invalidateAfterConfigWrite, queryKeys } from './query-keys';

// The one key factory: every cached view is refreshed by the prefixes that events and writes use.
const refreshedBy = (prefixes: readonly QueryKey[], key: QueryKey) => prefixes.some((p) => partialMatchKey(key, p));

describe('queryKeys', () => {
  it('puts the rollout view under its namespace traffic prefix, so new traffic refreshes gates and split', () => {
    const traffic = queryKeysForServerEvent('traffic', JSON.stringify({ timestamp: '2026-01-01T00:00:00Z' }));
    expect(refreshedBy(traffic, queryKeys.rollout.detail('data-product', 'data-product'))).toBe(true);
  });

  it('keeps graphs with and without service nodes apart (they have different edges)', () => {
    const a = queryKeys.graph.view(['bookinfo'], 'versionedApp', '30s');
    const b = queryKeys.graph.view(['bookinfo'], 'versionedApp', '30s', false);
    expect(a).not.toEqual(b);
    expect(queryKeys.graph.view(['b', 'a'], 'app', '1m')).toEqual(queryKeys.graph.view(['a', 'b'], 'app', '1m'));
  });

  it('a config write refreshes the traffic view, the graph, service lists, config lists and details, and rollouts', () => {
    for (const key of [
      queryKeys.traffic.detail('bookinfo', 'reviews', '30s'),
      queryKeys.graph.view(['bookinfo'], 'versionedApp', '30s'),
      queryKeys.services.list('bookinfo'),
      queryKeys.config.list(['bookinfo']),
      queryKeys.config.detail('bookinfo', 'virtualservices', 'reviews'),
      queryKeys.rollout.detail('bookinfo', 'reviews'),
    ])
      expect(refreshedBy(CONFIG_WRITE_KEYS, key), JSON.stringify(key)).toBe(true);
    expect(refreshedBy(CONFIG_WRITE_KEYS, queryKeys.session)).toBe(false);
  });

  it('invalidateAfterConfigWrite marks exactly those queries stale', async () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.traffic.detail('bookinfo', 'reviews', '30s'), {});
    client.setQueryData(queryKeys.health, {});
    invalidateAfterConfigWrite(client);
    expect(client.getQueryState(queryKeys.traffic.detail('bookinfo', 'reviews', '30s'))?.isInvalidated).toBe(true);
    expect(client.getQueryState(queryKeys.health)?.isInvalidated).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { queryKeysForServerEvent } from './events';

describe('queryKeysForServerEvent', () => {
  it('maps a traffic event to the graph and traffic prefixes only', () => {
    expect(queryKeysForServerEvent('traffic', JSON.stringify({ timestamp: '2026-01-01T00:00:00Z' }))).toEqual([
      ['graph'],
      ['traffic'],
    ]);
  });

  it('maps a VirtualService change to graph, traffic, services, namespaces, config lists and its detail', () => {
    const keys = queryKeysForServerEvent(
      'config',
      JSON.stringify({
        type: 'MODIFIED',
        kind: 'VirtualService',
        namespace: 'bookinfo',
        name: 'reviews',
        resourceVersion: '7',
      }),
    );
    expect(keys).toEqual([
      ['graph'],
      ['traffic'],
      ['services'],
      ['namespaces'],
      ['config', 'list'],
      ['config', 'detail', 'bookinfo', 'virtualservices', 'reviews'],
    ]);
  });

  it('maps a DestinationRule deletion to its plural detail key', () => {
    const keys = queryKeysForServerEvent(
      'config',
      JSON.stringify({ type: 'DELETED', kind: 'DestinationRule', namespace: 'demoapp', name: 'demoapp' }),
    );
    expect(keys).toContainEqual(['config', 'detail', 'demoapp', 'destinationrules', 'demoapp']);
  });

  it('does not touch config queries when a Service or Workload changes', () => {
    const keys = queryKeysForServerEvent(
      'config',
      JSON.stringify({ type: 'ADDED', kind: 'Workload', namespace: 'bookinfo', name: 'reviews-v4' }),
    );
    expect(keys).toEqual([['graph'], ['traffic'], ['services'], ['namespaces']]);
  });

  it('ignores malformed JSON, unknown shapes and unknown event types', () => {
    expect(queryKeysForServerEvent('config', '{not json')).toEqual([]);
    expect(queryKeysForServerEvent('config', JSON.stringify({ kind: 'Pod' }))).toEqual([]);
    expect(queryKeysForServerEvent('traffic', JSON.stringify({ nope: 1 }))).toEqual([]);
    expect(queryKeysForServerEvent('heartbeat', '{}')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { graphPreviewSchema, graphSchema } from '@sluice/model';
import { decodePreview, encodePreview, previewHref } from '@/lib/graph-preview-link';
import { comparePrediction } from './compare-prediction';
import { previewEdgeLabel, toPreviewElements } from './preview-elements';

/* The preview overlay's pure parts: labels and classes the canvas draws, the link, the after-Apply verdict. */

const node = (id: string, name: string, version?: string) => ({
  id,
  kind: version ? 'app' : 'service',
  namespace: 'demoapp',
  name,
  ...(version ? { version } : {}),
  flags: {},
});
const traffic = (rps: number, share: number, errorRate: number) => ({ rps, share, errorRate });

const preview = graphPreviewSchema.parse({
  timestamp: '2026-11-30T02:00:00Z',
  window: '30s',
  graphType: 'versionedApp',
  namespaces: ['demoapp'],
  nodes: [
    node('gw', 'istio-ingressgateway'),
    node('svc:proxy', 'proxy'),
    node('proxy', 'proxy', 'v1'),
    node('svc:demoapp', 'demoapp'),
    node('v10', 'demoapp', 'v1.0'),
    node('v11', 'demoapp', 'v1.1'),
  ],
  edges: [
    {
      id: 'gw->svc:proxy',
      source: 'gw',
      target: 'svc:proxy',
      protocol: 'http',
      now: traffic(4, 1, 0),
      expected: { ...traffic(4, 1, 0.001), retries: { rps: 0.6, errorRate: 0.2 } },
      change: 'changed',
      inBlastRadius: true,
    },
    {
      id: 'proxy->svc:demoapp',
      source: 'proxy',
      target: 'svc:demoapp',
      protocol: 'http',
      now: traffic(10, 1, 0),
      expected: traffic(10, 1, 0.16),
      change: 'changed',
      inBlastRadius: true,
    },
    {
      id: 'svc:demoapp->v10',
      source: 'svc:demoapp',
      target: 'v10',
      protocol: 'http',
      now: traffic(9, 0.9, 0),
      change: 'disappears',
      inBlastRadius: false,
    },
    {
      id: 'svc:demoapp->v11',
      source: 'svc:demoapp',
      target: 'v11',
      protocol: 'http',
      expected: traffic(8.4, 1, 0),
      change: 'appears',
      inBlastRadius: false,
    },
  ],
  blastRadius: [
    {
      node: 'svc:proxy',
      edges: ['gw->svc:proxy'],
      nowErrorRate: 0,
      expectedErrorRate: 0.001,
      expectedFailingRetriesPerSec: 0.12,
    },
    {
      node: 'svc:demoapp',
      edges: ['proxy->svc:demoapp'],
      nowErrorRate: 0,
      expectedErrorRate: 0.16,
      expectedFailingRetriesPerSec: 0,
    },
  ],
  unknownShares: [],
  assumptions: [],
  findings: [],
});

describe('preview elements', () => {
  it('labels edges "now -> expected", and says when an edge appears or goes', () => {
    const [, intoDemoapp, gone, fresh] = preview.edges;
    expect(previewEdgeLabel(intoDemoapp!, 'errors')).toBe('0.0% → 16.0%');
    expect(previewEdgeLabel(intoDemoapp!, 'share')).toBe('100%');
    expect(previewEdgeLabel(gone!, 'share')).toBe('gone (was 90%)');
    expect(previewEdgeLabel(fresh!, 'share')).toBe('new: 100%');
  });

  it('marks appearing, disappearing and blast-radius edges and nodes for the stylesheet', () => {
    const { nodes, edges } = toPreviewElements(preview, 'share');
    const classes = (id: string) => [...nodes, ...edges].find((e) => e.data.id === id)?.classes ?? '';
    expect(classes('svc:demoapp->v11')).toContain('change-appears');
    expect(classes('svc:demoapp->v10')).toContain('change-disappears');
    expect(classes('gw->svc:proxy')).toContain('blast');
    expect(classes('svc:proxy')).toContain('blast');
    expect(classes('v10')).not.toContain('blast');
  });
});

describe('preview link', () => {
  it('round-trips the pending changes through the URL and opens the changed namespaces with istio-system', () => {
    const state = {
      changes: [
        {
          namespace: 'demoapp',
          kind: 'VirtualService',
          name: 'demoapp',
          resourceVersion: '7',
          edits: [{ op: 'setFault', note: 'ünïcode' }],
        },
      ],
      label: 'Abort 20 % on demoapp',
      returnTo: '/services/demoapp/demoapp?window=30s',
    };
    expect(decodePreview(encodePreview(state))).toEqual(state);
    const url = new URL(previewHref(state, '1m'), 'http://x');
    expect(url.searchParams.get('namespaces')).toBe('demoapp,istio-system');
    expect(url.searchParams.get('window')).toBe('1m');
    expect(decodePreview('not-a-preview')).toBeUndefined();
  });
});

describe('comparing the prediction with what was observed after Apply', () => {
  const observed = (errorRate: number, rps = 10) =>
    graphSchema.parse({
      timestamp: '2026-11-30T02:01:00Z',
      window: '30s',
      graphType: 'versionedApp',
      nodes: [],
      edges: [
        {
          id: 'proxy->svc:demoapp',
          source: 'proxy',
          target: 'svc:demoapp',
          protocol: 'http',
          rps,
          share: 1,
          errorRate,
          responses: {},
        },
        {
          id: 'gw->svc:proxy',
          source: 'gw',
          target: 'svc:proxy',
          protocol: 'http',
          rps: 4,
          share: 1,
          errorRate: 0,
          responses: {},
        },
        {
          id: 'svc:demoapp->v11',
          source: 'svc:demoapp',
          target: 'v11',
          protocol: 'http',
          rps: 8.5,
          share: 1,
          errorRate: 0,
          responses: {},
        },
      ],
    });

  it('counts an edge close when it is within sampling tolerance of the expected numbers', () => {
    const result = comparePrediction(preview, observed(0.15));
    expect(result).toMatchObject({ close: 3, total: 3 });
  });

  it('names the biggest miss when the observed errors are far from the prediction', () => {
    const result = comparePrediction(preview, observed(0.4));
    expect(result.close).toBe(2);
    expect(result.worst).toMatchObject({ id: 'proxy->svc:demoapp', expectedErrorRate: 0.16, observedErrorRate: 0.4 });
  });

  it('judges the split, not the demand: a busier window with the predicted split and errors is close', () => {
    expect(comparePrediction(preview, observed(0.16, 30))).toMatchObject({ close: 3, total: 3 });
  });
});

import type { ReactElement } from 'react';
import { Button, Popover } from '@patternfly/react-core';

const SHAPES: [string, string, ReactElement][] = [
  [
    'service',
    'Service (a Kubernetes Service: the split to its versions starts here)',
    <polygon key="s" points="9,1 17,16 1,16" fill="#f2f9f9" stroke="#009596" strokeWidth="1.5" />,
  ],
  [
    'app',
    'App version (versioned app graph) or app',
    <rect key="a" x="1" y="3" width="16" height="12" rx="3" fill="#fff" stroke="#6a6e73" strokeWidth="1.5" />,
  ],
  [
    'workload',
    'Workload',
    <ellipse key="w" cx="9" cy="9" rx="8" ry="7" fill="#fff" stroke="#6a6e73" strokeWidth="1.5" />,
  ],
  [
    'ingress',
    'Ingress gateway',
    <polygon key="i" points="9,1 17,9 9,17 1,9" fill="#e7f1fa" stroke="#0066cc" strokeWidth="1.5" />,
  ],
  [
    'unknown',
    'Unknown caller (no sidecar, or outside the mesh)',
    <ellipse
      key="u"
      cx="9"
      cy="9"
      rx="8"
      ry="7"
      fill="#fff"
      stroke="#8a8d90"
      strokeDasharray="3 2"
      strokeWidth="1.5"
    />,
  ],
];

const EDGES: [string, string, string, string?][] = [
  ['healthy', 'No errors', '#3e8635'],
  ['degraded', 'Some errors (4xx, 5xx, no response)', '#f0ab00'],
  ['failing', 'More than 5% errors', '#c9190b'],
  ['idle', 'No requests in the window', '#8a8d90', '2 3'],
  ['tcp', 'TCP (connections/s)', '#0066cc', '6 3'],
  ['mirror', 'Mirrored copy (not counted in shares)', '#8476d1', '1 3'],
];

const BADGES: [string, string][] = [
  ['VS', 'a VirtualService routes it'],
  ['split', 'traffic shifting (weights)'],
  ['match', 'request routing (match routes)'],
  ['fault', 'fault injection'],
  ['mirror', 'mirroring'],
  ['timeout / retry', 'timeout or retries set'],
  ['rollout', 'a Sluice canary rollout is active'],
  ['gw', 'VirtualService bound to a gateway only'],
  ['cb', 'circuit breaker (connection pool or outlier detection)'],
  ['thick border', 'routed by Istio config'],
];

/** Node shapes, edge styles and badges of the canvas, in a popover (the table view needs none). */
export function GraphLegend() {
  const body = (
    <div className="sluice-graph-legend" data-testid="graph-legend">
      <strong>Nodes</strong>
      <ul className="sluice-plain-list">
        {SHAPES.map(([id, text, shape]) => (
          <li key={id}>
            <svg width="18" height="18" aria-hidden="true">
              {shape}
            </svg>{' '}
            {text}
          </li>
        ))}
      </ul>
      <strong>Edges</strong>
      <ul className="sluice-plain-list">
        {EDGES.map(([id, text, color, dash]) => (
          <li key={id}>
            <svg width="28" height="10" aria-hidden="true">
              <line x1="1" y1="5" x2="27" y2="5" stroke={color} strokeWidth="2.5" strokeDasharray={dash} />
            </svg>{' '}
            {text}
          </li>
        ))}
      </ul>
      <strong>Find and hide</strong>
      <p>
        <code>rps &gt; 10</code>, <code>error &gt; 5%</code>, <code>share &lt; 50%</code>, <code>p95 &gt; 200ms</code>,{' '}
        <code>name = reviews</code> (<code>*</code> matches anything), <code>version = v2</code>, <code>namespace</code>
        , <code>app</code>, <code>kind</code>, <code>protocol</code>; the words <code>idle</code>, <code>fault</code>,{' '}
        <code>mirroring</code>, <code>splitting</code>, <code>vs</code> (with <code>not</code>); joined by{' '}
        <code>and</code> / <code>or</code>. A node&apos;s rps and error are of the traffic into it.
      </p>
      <strong>Badges</strong>
      <ul className="sluice-plain-list">
        {BADGES.map(([b, text]) => (
          <li key={b}>
            <code>{b}</code> {text}
          </li>
        ))}
      </ul>
    </div>
  );
  return (
    <Popover headerContent="Legend" bodyContent={body} position="bottom" aria-label="Graph legend">
      <Button variant="link" isInline data-testid="graph-legend-toggle">
        Legend
      </Button>
    </Popover>
  );
}

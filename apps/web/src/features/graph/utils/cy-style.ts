import type { StylesheetJson } from 'cytoscape';

/* Colours follow PatternFly's palette, so the graph reads like the rest of the console. */
const COLOR = {
  idle: '#b8bbbe',
  healthy: '#3e8635',
  degraded: '#f0ab00',
  failing: '#c9190b',
  tcp: '#009596',
  mirror: '#8476d1',
  text: '#151515',
  select: '#0066cc',
};

export const CY_STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'text-wrap': 'wrap',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'font-size': 11,
      // Labels too small to read are not drawn: the main cost of painting a 1,000-node graph zoomed out.
      'min-zoomed-font-size': 7,
      'font-family': 'RedHatText, "Red Hat Text", Overpass, Helvetica, Arial, sans-serif',
      color: COLOR.text,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
      'background-color': '#ffffff',
      'border-width': 2,
      'border-color': '#6a6e73',
      width: 30,
      height: 30,
    },
  },
  { selector: 'node.app', style: { shape: 'round-rectangle' } },
  { selector: 'node.workload', style: { shape: 'ellipse' } },
  {
    selector: 'node.service',
    style: { shape: 'round-triangle', 'background-color': '#f2f9f9', 'border-color': '#009596' },
  },
  {
    selector: 'node.ingress',
    style: { shape: 'round-diamond', 'background-color': '#e7f1fa', 'border-color': '#0066cc', width: 36, height: 36 },
  },
  { selector: 'node.unknown', style: { shape: 'ellipse', 'border-style': 'dashed', 'border-color': '#8a8d90' } },
  { selector: 'node.routed', style: { 'border-width': 3.5 } },
  { selector: 'node.node-degraded', style: { 'border-color': COLOR.degraded } },
  { selector: 'node.node-failing', style: { 'border-color': COLOR.failing, 'background-color': '#fef0ef' } },
  // Namespace boxes (large graphs): an expanded one frames its nodes, its name readable from afar;
  // a collapsed one is a single big node standing for all of them.
  {
    selector: 'node.namespace',
    style: {
      shape: 'round-rectangle',
      'background-color': '#f5f5f5',
      'background-opacity': 0.6,
      'border-width': 2,
      'border-style': 'dashed',
      'border-color': '#8a8d90',
      'text-valign': 'top',
      'text-halign': 'center',
      'text-margin-y': -6,
      'font-size': 36,
      'font-weight': 'bold',
      'min-zoomed-font-size': 4,
      padding: '24px',
    },
  },
  {
    selector: 'node.namespace.collapsed',
    style: {
      width: 170,
      height: 110,
      'border-style': 'solid',
      'border-width': 3,
      'background-color': '#e7f1fa',
      'border-color': '#0066cc',
      'text-valign': 'center',
      'text-margin-y': 0,
      'font-size': 22,
    },
  },
  { selector: 'edge.aggregate', style: { 'line-style': 'solid', opacity: 0.7, 'font-size': 18 } },
  { selector: 'node:selected', style: { 'border-color': COLOR.select, 'border-width': 4, 'overlay-opacity': 0 } },
  {
    selector: 'edge',
    style: {
      width: 'data(width)',
      'curve-style': 'bezier',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.9,
      'line-color': COLOR.idle,
      'target-arrow-color': COLOR.idle,
      label: 'data(label)',
      'font-size': 10,
      'min-zoomed-font-size': 7,
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.9,
      'text-background-padding': '2px',
      color: '#3c3f42',
    },
  },
  { selector: 'edge.healthy', style: { 'line-color': COLOR.healthy, 'target-arrow-color': COLOR.healthy } },
  { selector: 'edge.degraded', style: { 'line-color': COLOR.degraded, 'target-arrow-color': COLOR.degraded } },
  { selector: 'edge.failing', style: { 'line-color': COLOR.failing, 'target-arrow-color': COLOR.failing } },
  // TCP carries no status codes: its own colour and a square arrow so it never reads as "healthy http".
  {
    selector: 'edge.tcp',
    style: {
      'line-color': COLOR.tcp,
      'target-arrow-color': COLOR.tcp,
      'target-arrow-shape': 'square',
      'line-style': 'solid',
    },
  },
  {
    selector: 'edge.mirrored',
    style: {
      'line-style': 'dashed',
      'line-dash-pattern': [6, 4],
      'line-color': COLOR.mirror,
      'target-arrow-color': COLOR.mirror,
    },
  },
  {
    selector: 'edge:selected',
    style: { 'line-color': COLOR.select, 'target-arrow-color': COLOR.select, 'overlay-opacity': 0 },
  },
  // Graph tools' "Find": a halo that leaves the health colours readable.
  { selector: '.found', style: { 'overlay-color': '#f4c145', 'overlay-opacity': 0.45, 'overlay-padding': 6 } },
];

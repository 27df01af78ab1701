/* The lazily loaded half of the graph tools: the graph page fetches it after its first render (decision 0051 budget). */
export { applyGraphTools } from './apply-graph-tools';
export { GraphMinimap } from './graph-minimap';
export { GraphToolsBar } from './graph-tools-bar';

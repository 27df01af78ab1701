import { useEffect, useMemo, useState } from 'react';
import type { Graph } from '@sluice/model';
import type { GraphToolParams, GraphToolsResult } from './apply-graph-tools';
import type * as ToolsModuleNs from './graph-tools';

type ToolsModule = typeof ToolsModuleNs;

/**
 * The graph page's one hook into the tools: loads them after the first render (so the page's
 * initial bundle stays within its budget) and applies them to the graph. Until they arrive the
 * graph is shown as it is.
 */
export function useGraphTools(graph: Graph | undefined, params: GraphToolParams) {
  const [tools, setTools] = useState<ToolsModule | null>(null);
  useEffect(() => {
    let live = true;
    void import('./graph-tools').then((m) => live && setTools(m));
    return () => {
      live = false;
    };
  }, []);
  const { find, hide, hideIdle } = params;
  const result: GraphToolsResult | undefined = useMemo(
    () => (tools && graph ? tools.applyGraphTools(graph, { find, hide, hideIdle }) : undefined),
    [tools, graph, find, hide, hideIdle],
  );
  return { Bar: tools?.GraphToolsBar, Minimap: tools?.GraphMinimap, result, shown: result?.graph ?? graph };
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { API_ROUTES, graphPreviewSchema, type GraphType, type PendingChange } from '@sluice/model';
import { apiRequest, queryString } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/* POST /api/graph/preview: a read (nothing is written), so a query; refreshed with the graph's keys. */

export interface PreviewParams {
  namespaces: readonly string[];
  graphType: GraphType;
  window: string;
  injectServiceNodes: boolean;
  changes: readonly PendingChange[];
  matchShares: Readonly<Record<string, number>>;
}

export const previewGraph = (p: PreviewParams, signal?: AbortSignal) =>
  apiRequest(
    `${API_ROUTES.graphPreview}${queryString({
      namespaces: p.namespaces.join(','),
      graphType: p.graphType,
      window: p.window,
      injectServiceNodes: p.injectServiceNodes ? undefined : 'false',
    })}`,
    graphPreviewSchema,
    {
      method: 'POST',
      body: { changes: p.changes, ...(Object.keys(p.matchShares).length > 0 ? { matchShares: p.matchShares } : {}) },
      signal,
    },
  );

export const usePreviewGraph = (p: PreviewParams, enabled: boolean) =>
  useQuery({
    // Under the graph's key: a new traffic window refreshes the preview as it does the graph.
    queryKey: [...queryKeys.graph.all, 'preview', p],
    queryFn: ({ signal }) => previewGraph(p, signal),
    placeholderData: keepPreviousData,
    enabled: enabled && p.namespaces.length > 0,
  });

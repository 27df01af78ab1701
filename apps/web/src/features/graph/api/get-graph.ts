import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { API_ROUTES, graphSchema, type GraphType } from '@sluice/model';
import { apiRequest, queryString } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export interface GraphParams {
  namespaces: readonly string[];
  graphType: GraphType;
  window: string;
  /** false: callers connect straight to versions (a split per caller, e.g. gateway vs mesh); default true. */
  injectServiceNodes?: boolean;
}

export const getGraph = ({ namespaces, graphType, window, injectServiceNodes }: GraphParams, signal?: AbortSignal) =>
  apiRequest(
    `${API_ROUTES.graph}${queryString({ namespaces: namespaces.join(','), graphType, window, injectServiceNodes: injectServiceNodes === false ? 'false' : undefined })}`,
    graphSchema,
    { signal },
  );

export const graphQueryOptions = (p: GraphParams) =>
  queryOptions({
    queryKey: queryKeys.graph.view(p.namespaces, p.graphType, p.window, p.injectServiceNodes !== false),
    queryFn: ({ signal }) => getGraph(p, signal),
    // Keep drawing the previous graph while a new window or namespace loads: no blank flash.
    placeholderData: keepPreviousData,
  });

export const useGraph = (p: GraphParams) => useQuery({ ...graphQueryOptions(p), enabled: p.namespaces.length > 0 });

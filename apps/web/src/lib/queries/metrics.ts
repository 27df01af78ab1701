import { queryOptions, useQuery } from '@tanstack/react-query';
import { API_ROUTES, apiPath, metricsResponseSchema, type MetricsTargetKind } from '@sluice/model';
import { apiRequest, queryString } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/* Metrics over time of a service or workload: shared by the service page and the workload page. */

const route = (kind: MetricsTargetKind) =>
  kind === 'service' ? API_ROUTES.serviceMetrics : API_ROUTES.workloadMetrics;

export const getMetrics = (
  kind: MetricsTargetKind,
  ns: string,
  name: string,
  range: string,
  step: string,
  signal?: AbortSignal,
) =>
  apiRequest(`${apiPath(route(kind), { ns, name })}${queryString({ range, step })}`, metricsResponseSchema, {
    signal,
  });

export const metricsQueryOptions = (kind: MetricsTargetKind, ns: string, name: string, range: string, step: string) =>
  queryOptions({
    queryKey: queryKeys.metrics.detail(ns, kind, name, range, step),
    queryFn: ({ signal }) => getMetrics(kind, ns, name, range, step, signal),
  });

export const useMetrics = (kind: MetricsTargetKind, ns: string, name: string, range: string, step: string) =>
  useQuery(metricsQueryOptions(kind, ns, name, range, step));

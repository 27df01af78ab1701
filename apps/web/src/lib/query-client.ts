import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';

/**
 * Server events and polling decide when data is stale, so queries stay fresh for a long time and
 * never refetch just because the window regained focus. Client errors (4xx) are not retried.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5 * 60_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}

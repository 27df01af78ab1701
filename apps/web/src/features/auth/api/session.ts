import { queryOptions } from '@tanstack/react-query';
import { CSRF_HEADER, sessionSchema, type Session } from '@sluice/model';
import { ApiError, SESSION_PATH, apiRequest } from '@/lib/api-client';
import { getCsrfToken, setCsrfToken } from '@/lib/csrf';
import { queryKeys } from '@/lib/query-keys';

/** Who is logged in, or null (401). Keeps the CSRF token in memory for the api client's writes. */
export async function getSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    const session = await apiRequest(SESSION_PATH, sessionSchema, { signal });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    throw err;
  }
}

export const sessionQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.session, queryFn: ({ signal }) => getSession(signal), staleTime: Infinity });

export async function login(token: string): Promise<Session> {
  const session = await apiRequest(SESSION_PATH, sessionSchema, { method: 'POST', body: { token } });
  setCsrfToken(session.csrfToken);
  return session;
}

/** Ends the session on the server (204, no body) and forgets the CSRF token whatever the answer. */
export async function logout(): Promise<void> {
  const csrf = getCsrfToken();
  try {
    await fetch(SESSION_PATH, { method: 'DELETE', headers: csrf ? { [CSRF_HEADER]: csrf } : {} });
  } finally {
    setCsrfToken(undefined);
  }
}

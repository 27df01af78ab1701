/*
 * Token login (`--auth token`): the session's CSRF token lives here, in memory only (never
 * localStorage: a reload asks GET /api/session for it again). The api client sends it on every write.
 * A 401 from any request means the session is gone; listeners (the auth gate) show the login page.
 */

let csrfToken: string | undefined;
const unauthorizedListeners = new Set<() => void>();

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function getCsrfToken(): string | undefined {
  return csrfToken;
}

export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function notifyUnauthorized(): void {
  for (const listener of [...unauthorizedListeners]) listener();
}

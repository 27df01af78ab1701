import { useEffect, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Loading } from '@/components/page-state';
import { onUnauthorized } from '@/lib/csrf';
import { useHealth } from '@/lib/queries/health';
import { sessionQueryOptions } from '../api/session';
import { queryKeys } from '@/lib/query-keys';
import { LoginPage } from './login-page';

/** The token-login session when the API runs with `--auth token` (undefined otherwise or while loading; null = logged out). */
export function useSession() {
  const health = useHealth();
  const tokenAuth = health.data?.auth === 'token';
  return { tokenAuth, session: useQuery({ ...sessionQueryOptions(), enabled: tokenAuth }) };
}

/**
 * Shows the login page instead of the app when the API asks for a token (healthz `auth: "token"`) and
 * there is no session. Without token auth (the demo) it renders the app at once. A 401 from any request
 * later (idle expiry, logout in another tab) brings the login page back.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const health = useHealth();
  const { tokenAuth, session } = useSession();
  useEffect(() => onUnauthorized(() => client.setQueryData(queryKeys.session, null)), [client]);

  if (health.isPending) return <Loading label="Connecting to Sluice" />;
  // No token auth, or the API is down (the shell's banner says so).
  if (!tokenAuth) return <>{children}</>;
  if (session.isPending) return <Loading label="Checking your session" />;
  if (session.data === null) return <LoginPage />;
  return <>{children}</>;
}

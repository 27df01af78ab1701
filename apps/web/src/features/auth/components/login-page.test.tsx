import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiRequest } from '@/lib/api-client';
import { getCsrfToken, setCsrfToken } from '@/lib/csrf';
import { mockFetch, type Call } from '@/test/fetch-mock';
import { renderWithProviders } from '@/test/render';
import { AuthGate } from './auth-gate';
import { LogoutButton } from './logout-button';
import { healthSchema } from '@sluice/model';

const health = (auth: 'none' | 'token') => (c: Call) =>
  c.url === '/api/healthz'
    ? {
        body: {
          status: 'ok',
          cluster: auth === 'token' ? 'kubernetes' : 'demo',
          metrics: 'simulated',
          clusterReachable: true,
          metricsReachable: true,
          readOnly: false,
          auth,
        },
      }
    : undefined;
const session = {
  user: { username: 'sluice-viewer', groups: ['sluice:viewers', 'system:authenticated'] },
  csrfToken: 'csrf-123',
};
const unauthorized = { status: 401, body: { error: { code: 'unauthorized', message: 'Not logged in' } } };

function App() {
  return (
    <AuthGate>
      <LogoutButton />
      <p>the console</p>
    </AuthGate>
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
});

describe('token login', () => {
  it('demo (auth none): shows the console at once and never asks for a session', async () => {
    const api = mockFetch(health('none'));
    renderWithProviders(<App />);
    expect(await screen.findByText('the console')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Log out' })).not.toBeInTheDocument();
    expect(api.calls.map((c) => c.url)).not.toContain('/api/session');
  });

  it('asks for a Kubernetes bearer token, logs in, then sends the CSRF token on writes and logs out', async () => {
    let loggedIn = false;
    const api = mockFetch(health('token'), (c) => {
      if (c.url !== '/api/session') return undefined;
      if (c.method === 'POST') {
        loggedIn = true;
        return { body: session };
      }
      if (c.method === 'DELETE') {
        loggedIn = false;
        return { status: 204, body: null };
      }
      return loggedIn ? { body: session } : unauthorized;
    });
    renderWithProviders(<App />);
    const input = await screen.findByLabelText(/Kubernetes bearer token/);
    expect(input).toHaveAttribute('type', 'password');
    expect(screen.queryByText('the console')).not.toBeInTheDocument();

    await userEvent.type(input, 'my-token');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('the console')).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ token: 'my-token' });
    expect(screen.getByTestId('session-user')).toHaveTextContent('sluice-viewer');
    // The token is kept nowhere in the browser; the CSRF token only in memory.
    expect(JSON.stringify({ ...localStorage })).not.toContain('my-token');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('csrf-123');
    expect(getCsrfToken()).toBe('csrf-123');

    await apiRequest('/api/healthz', healthSchema, { method: 'POST', body: {} });
    await apiRequest('/api/healthz', healthSchema);
    const [write, read] = api.calls.filter((c) => c.url === '/api/healthz').slice(-2);
    expect(write?.headers['x-csrf-token']).toBe('csrf-123');
    expect(read?.headers['x-csrf-token']).toBeUndefined();

    await userEvent.click(screen.getByRole('button', { name: 'Log out' }));
    expect(await screen.findByLabelText(/Kubernetes bearer token/)).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'DELETE')?.headers['x-csrf-token']).toBe('csrf-123');
    expect(getCsrfToken()).toBeUndefined();
  });

  it('says so when the apiserver rejects the token, and stays on the login page', async () => {
    mockFetch(health('token'), (c) =>
      c.url === '/api/session'
        ? c.method === 'POST'
          ? {
              status: 401,
              body: { error: { code: 'unauthorized', message: 'The Kubernetes API server rejected this token' } },
            }
          : unauthorized
        : undefined,
    );
    renderWithProviders(<App />);
    await userEvent.type(await screen.findByLabelText(/Kubernetes bearer token/), 'bad');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByTestId('login-error')).toHaveTextContent('rejected this token');
    expect(screen.queryByText('the console')).not.toBeInTheDocument();
  });

  it('shows the server reason when login is refused by a rate limit or session cap (429)', async () => {
    const message = 'Too many login attempts from this address (20 a 60 s); try again in 42 s';
    mockFetch(health('token'), (c) =>
      c.url === '/api/session'
        ? c.method === 'POST'
          ? { status: 429, body: { error: { code: 'too_many_requests', message } } }
          : unauthorized
        : undefined,
    );
    renderWithProviders(<App />);
    await userEvent.type(await screen.findByLabelText(/Kubernetes bearer token/), 'token');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByTestId('login-error')).toHaveTextContent('try again in 42 s');
    expect(screen.queryByText('the console')).not.toBeInTheDocument();
  });

  it('goes back to the login page when a request answers 401 (session expired)', async () => {
    let expired = false;
    mockFetch(
      health('token'),
      (c) => (c.url === '/api/session' ? (expired ? unauthorized : { body: session }) : undefined),
      (c) => (c.url === '/api/namespaces' ? unauthorized : undefined),
    );
    renderWithProviders(<App />);
    expect(await screen.findByText('the console')).toBeInTheDocument();
    expired = true;
    await apiRequest('/api/namespaces', healthSchema).catch(() => undefined);
    await waitFor(() => expect(screen.getByLabelText(/Kubernetes bearer token/)).toBeInTheDocument());
  });
});

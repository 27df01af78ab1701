import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { renderWithProviders } from '@/test/render';
import { mockFetch } from '@/test/fetch-mock';
import ServicesListPage from './services-list-page';

afterEach(() => vi.unstubAllGlobals());

const summary = (name: string, routingSetup: { available: boolean; reason?: string }) => ({
  namespace: 'demoapp',
  name,
  ports: [{ port: 8080, protocol: 'http' }],
  versions: ['v1'],
  virtualServices: name === 'proxy' ? ['proxy'] : [],
  destinationRules: [],
  hasRouting: false,
  routingSetup,
});
const reason = 'VirtualService demoapp/proxy already exists (for fe.toptops.top)';
const planned = {
  destinationRule: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'backend', namespace: 'demoapp' },
    spec: { host: 'backend', subsets: [{ name: 'v3-6', labels: { version: 'v3.6' } }] },
  },
  virtualService: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'backend', namespace: 'demoapp' },
    spec: {
      hosts: ['backend'],
      http: [{ name: 'default', route: [{ destination: { host: 'backend', subset: 'v3-6' }, weight: 100 }] }],
    },
  },
};

function renderList() {
  return renderWithProviders(
    <Routes>
      <Route path="/services" element={<ServicesListPage />} />
    </Routes>,
    { route: '/services?namespaces=demoapp' },
  );
}
const row = (name: string) => screen.getAllByTestId('service-row').find((r) => r.dataset.name === name)!;

describe('Set up traffic management', () => {
  it('is offered only where it can work; elsewhere the reason is shown', async () => {
    mockFetch((c) =>
      c.url === '/api/namespaces/demoapp/services'
        ? { body: { items: [summary('backend', { available: true }), summary('proxy', { available: false, reason })] } }
        : undefined,
    );
    renderList();
    await screen.findAllByTestId('service-row');
    expect(within(row('backend')).getByTestId('setup-routing')).toBeInTheDocument();
    expect(within(row('proxy')).queryByTestId('setup-routing')).toBeNull();
    expect(within(row('proxy')).getByTestId('setup-routing-unavailable')).toHaveTextContent(reason);
  });

  it('previews the DestinationRule and VirtualService it creates, and creates them only on confirmation', async () => {
    const api = mockFetch((c) => {
      if (c.url === '/api/namespaces/demoapp/services')
        return { body: { items: [summary('backend', { available: true })] } };
      if (c.url.endsWith('/services/backend/routing?dryRun=true')) return { body: { dryRun: true, ...planned } };
      if (c.url.endsWith('/services/backend/routing')) return { status: 201, body: planned };
      return undefined;
    });
    renderList();
    await userEvent.click(await screen.findByTestId('setup-routing'));
    const modal = await screen.findByTestId('setup-routing-modal');
    expect(await within(modal).findByTestId('setup-preview-DestinationRule')).toHaveTextContent('version: v3.6');
    expect(within(modal).getByTestId('setup-preview-VirtualService')).toHaveTextContent('weight: 100');
    expect(api.writes()).toHaveLength(0);
    await userEvent.click(within(modal).getByTestId('setup-routing-confirm'));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]?.url).toBe('/api/namespaces/demoapp/services/backend/routing');
    expect(await screen.findByText('Traffic management set up for demoapp/backend')).toBeInTheDocument();
  });

  it('a 409 "exists" from the preview says so, never "changed by someone else", and offers no Create', async () => {
    mockFetch((c) => {
      if (c.url === '/api/namespaces/demoapp/services')
        return { body: { items: [summary('backend', { available: true })] } };
      if (c.url.includes('/routing'))
        return {
          status: 409,
          body: {
            error: {
              code: 'conflict',
              message: 'Service demoapp/backend already has routing',
              details: { reason: 'exists' },
            },
          },
        };
      return undefined;
    });
    renderList();
    await userEvent.click(await screen.findByTestId('setup-routing'));
    const modal = await screen.findByTestId('setup-routing-modal');
    expect(await within(modal).findByTestId('error-alert')).toHaveTextContent('already has routing');
    expect(within(modal).getByText('Traffic management cannot be set up here')).toBeInTheDocument();
    expect(screen.queryByText('Changed by someone else')).toBeNull();
    expect(within(modal).getByTestId('setup-routing-confirm')).toBeDisabled();
  });
});

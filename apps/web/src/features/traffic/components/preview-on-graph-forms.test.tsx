import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '@/test/render';
import { mockFetch } from '@/test/fetch-mock';
import { dryRunResponse, reviewsTraffic } from '@/test/fixtures';
import { landedPreview, withPreviewLanding } from '@/test/preview-landing';
import { AddRouteForm } from './add-route-form';
import { HeadersForm } from './headers-form';
import { RewriteForm } from './rewrite-form';
import { RouteCard } from './route-card';

/*
 * "Preview on graph" on the route forms of issue 15 and the route card's remove step: the graph
 * opens with exactly the edits Apply would send, on the version the form is based on, and the
 * form's page to come back to. Nothing is written.
 */

const traffic = reviewsTraffic();
const vs = traffic.virtualServices[0]!;
const route = vs.routes[0]!;
const service = { namespace: 'bookinfo', name: 'reviews' };
const ref = route.name ? { kind: 'http', name: route.name } : { kind: 'http', index: 0 };

afterEach(() => vi.unstubAllGlobals());

const api = () => mockFetch((c) => (c.method === 'POST' ? { body: { ...dryRunResponse, dryRun: true } } : undefined));

describe('Preview on graph on the route forms', () => {
  it('Rewrite: disabled until something changes, then opens the graph with the setRewrite', async () => {
    const calls = api();
    renderWithProviders(withPreviewLanding(<RewriteForm service={service} vs={vs} route={route} />), {
      route: '/form?tab=rewrite',
    });
    expect(screen.getByTestId('preview-on-graph')).toBeDisabled();
    await userEvent.selectOptions(screen.getByLabelText('Path'), 'uri');
    await userEvent.clear(screen.getByLabelText('New path'));
    await userEvent.type(screen.getByLabelText('New path'), '/v2/');
    await userEvent.click(screen.getByTestId('preview-on-graph'));
    const state = landedPreview(await screen.findByTestId('preview-landing'));
    expect(state.changes).toEqual([
      {
        namespace: 'bookinfo',
        kind: 'VirtualService',
        name: 'reviews',
        resourceVersion: '42',
        edits: [{ op: 'setRewrite', route: ref, rewrite: { uri: '/v2/' } }],
      },
    ]);
    expect(state.label).toMatch(/^Rewrite on bookinfo\/reviews route/);
    expect(state.returnTo).toBe('/form?tab=rewrite');
    expect(calls.writes()).toHaveLength(0);
  });

  it('Headers: an unfinished header row keeps the preview disabled (nothing to preview yet)', async () => {
    api();
    renderWithProviders(withPreviewLanding(<HeadersForm service={service} vs={vs} route={route} />), {
      route: '/form',
    });
    await userEvent.click(screen.getByTestId('add-header-op'));
    expect(screen.getByTestId('preview-on-graph')).toBeDisabled();
    await userEvent.type(screen.getByLabelText('Header'), 'x-canary');
    await userEvent.type(screen.getByLabelText('Value'), '1');
    await userEvent.click(screen.getByTestId('preview-on-graph'));
    const state = landedPreview(await screen.findByTestId('preview-landing'));
    expect(state.changes[0]?.edits).toMatchObject([
      { op: 'setHeaders', route: ref, headers: { request: { set: { 'x-canary': '1' } } } },
    ]);
  });

  it('Add route: previews the whole addRoute + setMatch + setWeights request', async () => {
    api();
    renderWithProviders(withPreviewLanding(<AddRouteForm traffic={traffic} vs={vs} />), { route: '/form' });
    await userEvent.type(screen.getByLabelText('Route name'), 'beta');
    await userEvent.click(screen.getByTestId('preview-on-graph'));
    const state = landedPreview(await screen.findByTestId('preview-landing'));
    expect(state.changes[0]?.edits.map((e) => e.op)).toEqual(['addRoute', 'setMatch', 'setWeights']);
    expect(state.label).toBe('New route "beta" on bookinfo/reviews');
  });

  it('Remove route: the confirm step offers a preview of the removal, and writes nothing', async () => {
    const calls = api();
    const two = { ...vs, routes: [route, { ...route, index: 1, name: 'other' }] };
    renderWithProviders(withPreviewLanding(<RouteCard traffic={traffic} vs={two} route={route} />), {
      route: '/form',
    });
    expect(screen.queryByTestId('preview-remove-route')).toBeNull();
    await userEvent.click(screen.getByTestId('remove-route'));
    await userEvent.click(screen.getByTestId('preview-remove-route'));
    const state = landedPreview(await screen.findByTestId('preview-landing'));
    expect(state.changes[0]?.edits).toEqual([{ op: 'removeRoute', route: ref }]);
    expect(calls.writes()).toHaveLength(0);
  });
});

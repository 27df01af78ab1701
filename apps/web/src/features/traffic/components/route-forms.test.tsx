import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '@/test/render';
import { mockFetch } from '@/test/fetch-mock';
import { dryRunResponse, reviewsTraffic } from '@/test/fixtures';
import { HeadersForm } from './headers-form';
import { MatchForm } from './match-form';
import { RedirectForm } from './redirect-form';
import { RewriteForm } from './rewrite-form';

/*
 * The route forms of issue 15: each shows the dry-run diff of exactly what Apply sends, Apply waits
 * for it, and the write carries the form's base resourceVersion and the op the form stands for.
 */

const traffic = reviewsTraffic();
const vs = traffic.virtualServices[0]!;
const route = vs.routes[0]!;
const service = { namespace: 'bookinfo', name: 'reviews' };
const ref = route.name ? { kind: 'http', name: route.name } : { kind: 'http', index: 0 };

afterEach(() => vi.unstubAllGlobals());

const api = () =>
  mockFetch((c) =>
    c.method === 'POST'
      ? { body: { ...dryRunResponse, diff: '--- a\n+++ b\n+  rewrite:\n', dryRun: c.url.includes('dryRun=true') } }
      : undefined,
  );

/** Apply is enabled once the preview of the current values has arrived. */
async function applyWhenPreviewed(testId: string) {
  await screen.findByTestId('edit-preview');
  await waitFor(() => expect(screen.getByTestId(testId)).toBeEnabled(), { timeout: 3000 });
  await userEvent.click(screen.getByTestId(testId));
}

describe('route forms', () => {
  it('Rewrite: replaces the path and writes setRewrite after previewing it', async () => {
    const calls = api();
    renderWithProviders(<RewriteForm service={service} vs={vs} route={route} />);
    await userEvent.selectOptions(screen.getByLabelText('Path'), 'uri');
    await userEvent.clear(screen.getByLabelText('New path'));
    await userEvent.type(screen.getByLabelText('New path'), '/v2/');
    await applyWhenPreviewed('apply-rewrite');
    await waitFor(() => expect(calls.writes()).toHaveLength(1));
    expect(calls.writes()[0]!.body).toEqual({
      resourceVersion: '42',
      edits: [{ op: 'setRewrite', route: ref, rewrite: { uri: '/v2/' } }],
    });
    // The preview was asked for with the same edits before the write.
    expect(calls.calls.some((c) => c.url.includes('dryRun=true'))).toBe(true);
  });

  it('Redirect: refuses a port that is not one before asking the server, then writes setRedirect', async () => {
    const calls = api();
    const redirecting = { ...route, expected: [], redirect: { uri: '/', authority: 'backend', port: 8082 } };
    renderWithProviders(<RedirectForm service={service} vs={vs} route={redirecting} />);
    await userEvent.clear(screen.getByLabelText('Redirect port'));
    await userEvent.type(screen.getByLabelText('Redirect port'), '80x');
    expect(screen.getByTestId('form-problem')).toHaveTextContent('port must be a whole number');
    expect(screen.getByTestId('apply-redirect')).toBeDisabled();
    await userEvent.clear(screen.getByLabelText('Redirect port'));
    await userEvent.type(screen.getByLabelText('Redirect port'), '9090');
    await userEvent.selectOptions(screen.getByLabelText('Status'), '308');
    await applyWhenPreviewed('apply-redirect');
    await waitFor(() => expect(calls.writes()).toHaveLength(1));
    expect(calls.writes()[0]!.body).toMatchObject({
      edits: [
        { op: 'setRedirect', route: ref, redirect: { uri: '/', authority: 'backend', port: 9090, redirectCode: 308 } },
      ],
    });
  });

  it('Headers: a set on one destination is a setHeaders with its destinationIndex', async () => {
    const calls = api();
    const withDestinations = {
      ...route,
      destinations: route.expected.map((e) => ({ destination: e.destination, weight: Math.round(e.share * 100) })),
    };
    renderWithProviders(<HeadersForm service={service} vs={vs} route={withDestinations} />);
    await userEvent.selectOptions(screen.getByLabelText('Apply to'), '0');
    await userEvent.click(screen.getByTestId('add-header-op'));
    const row = screen.getByTestId('header-row');
    await userEvent.type(within(row).getByLabelText('Header'), 'User-Agent');
    await userEvent.type(within(row).getByLabelText('Value'), 'Chrome');
    await applyWhenPreviewed('apply-headers');
    await waitFor(() => expect(calls.writes()).toHaveLength(1));
    expect(calls.writes()[0]!.body).toMatchObject({
      edits: [
        {
          op: 'setHeaders',
          route: ref,
          destinationIndex: 0,
          headers: { request: { set: { 'User-Agent': 'Chrome' } } },
        },
      ],
    });
  });

  it('Match: a header condition is a setMatch of the whole list', async () => {
    const calls = api();
    renderWithProviders(<MatchForm service={service} vs={vs} route={{ ...route, match: [] }} />);
    await userEvent.click(screen.getByTestId('add-match-block'));
    const condition = screen.getByTestId('match-condition');
    await userEvent.selectOptions(within(condition).getByLabelText('Condition on'), 'header');
    await userEvent.type(within(condition).getByLabelText('Name'), 'x-canary');
    await userEvent.selectOptions(within(condition).getByLabelText('How'), 'exact');
    await userEvent.type(within(condition).getByLabelText('Value'), 'true');
    await applyWhenPreviewed('apply-match');
    await waitFor(() => expect(calls.writes()).toHaveLength(1));
    expect(calls.writes()[0]!.body).toMatchObject({
      edits: [{ op: 'setMatch', route: ref, match: [{ headers: { 'x-canary': { exact: 'true' } } }] }],
    });
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { virtualServiceSchema } from '@sluice/model';
import { renderWithProviders } from '@/test/render';
import { mockFetch } from '@/test/fetch-mock';
import { queryKeys } from '@/lib/query-keys';
import { useIstioObject } from '../api/get-istio-object';
import { YamlEditor } from './yaml-editor';

afterEach(() => vi.unstubAllGlobals());

// CodeMirror needs layout jsdom does not do; these tests are about the editor's flow (validation,
// Save, conflicts), so the code editor is a textarea here. The real one is driven in e2e journey 18.
vi.mock('./yaml-code-editor', () => ({
  default: ({ value, onChange, ariaLabel }: { value: string; onChange: (t: string) => void; ariaLabel: string }) => (
    <textarea
      aria-label={ariaLabel}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      data-testid="yaml-input"
    />
  ),
}));

const vs = (rv: string, timeout?: string) =>
  virtualServiceSchema.parse({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'ratings', namespace: 'bookinfo', resourceVersion: rv },
    spec: {
      hosts: ['ratings'],
      http: [{ ...(timeout ? { timeout } : {}), route: [{ destination: { host: 'ratings', subset: 'v1' } }] }],
    },
  });
const ref = { namespace: 'bookinfo', plural: 'virtualservices', name: 'ratings' };
const input = () => screen.getByTestId('yaml-input') as HTMLTextAreaElement;

/** As on the config detail page: the editor gets the object from the (live) query. */
function Detail() {
  const query = useIstioObject(ref);
  return query.data ? <YamlEditor objectRef={ref} object={query.data} /> : null;
}
const isGet = (c: { method: string; url: string }) => c.method === 'GET' && c.url.endsWith('/virtualservices/ratings');

describe('YamlEditor', () => {
  it('validates in the browser and keeps Save disabled while there are errors', async () => {
    mockFetch();
    renderWithProviders(<YamlEditor objectRef={ref} object={vs('5')} />);
    await screen.findByTestId('yaml-input');
    fireEvent.change(input(), { target: { value: input().value.replace('- ratings', '- ratings\n    - ratings') } });
    expect(await screen.findByTestId('local-findings')).toHaveTextContent('host_duplicate');
    expect(screen.getByTestId('save-yaml')).toBeDisabled();
  });

  it('shows the diff of what Save will write, and the findings with their lines, before saving', async () => {
    mockFetch();
    renderWithProviders(<YamlEditor objectRef={ref} object={vs('5', '1s')} />);
    await screen.findByTestId('yaml-input');
    expect(screen.queryByTestId('yaml-save-preview')).toBeNull();
    fireEvent.change(input(), { target: { value: input().value.replace('timeout: 1s', 'timeout: 2s') } });
    const preview = await screen.findByTestId('yaml-save-preview');
    expect(preview).toHaveTextContent('- timeout: 1s');
    expect(preview).toHaveTextContent('+ timeout: 2s');
    fireEvent.change(input(), { target: { value: input().value.replace('timeout: 2s', 'timeout: soon') } });
    expect(await screen.findByTestId('local-findings')).toHaveTextContent(/line \d+: spec\.http\[0\]\.timeout/);
    expect(screen.getByTestId('save-yaml')).toBeDisabled();
  });

  it('on 409 re-bases the edit on the latest resourceVersion and leaves it for review', async () => {
    const api = mockFetch(
      (c) =>
        c.method === 'PUT'
          ? {
              status: 409,
              body: {
                error: {
                  code: 'conflict',
                  message: 'stale',
                  details: { reason: 'stale', currentResourceVersion: '6' },
                },
              },
            }
          : undefined,
      (c) => (c.method === 'GET' && c.url.endsWith('/virtualservices/ratings') ? { body: vs('6') } : undefined),
    );
    renderWithProviders(<YamlEditor objectRef={ref} object={vs('5')} />);
    await screen.findByTestId('yaml-input');
    fireEvent.change(input(), { target: { value: input().value.replace('subset: v1', 'subset: v2') } });
    await userEvent.click(screen.getByTestId('save-yaml'));
    expect(api.writes()[0]?.body).toEqual({ yaml: expect.stringContaining('resourceVersion: "5"') });
    await userEvent.click(await screen.findByTestId('conflict-reapply'));
    await waitFor(() => expect(input().value).toContain('resourceVersion: "6"'));
    expect(input().value).toContain('subset: v2');
    expect(screen.getByText('Your edit is now based on resourceVersion 6')).toBeInTheDocument();
  });

  it('on 409 shows what Save would change in the version stored now, and saves only on an explicit click', async () => {
    let stored = vs('5');
    const conflict = {
      status: 409,
      body: {
        error: { code: 'conflict', message: 'stale', details: { reason: 'stale', currentResourceVersion: '6' } },
      },
    };
    const api = mockFetch(
      (c) => (isGet(c) ? { body: stored } : undefined),
      (c) => (c.method === 'PUT' ? (api.writes().length === 1 ? conflict : { body: vs('7', '2s') }) : undefined),
    );
    const { client } = renderWithProviders(<Detail />);
    await screen.findByTestId('yaml-input');
    fireEvent.change(input(), { target: { value: input().value.replace('subset: v1', 'subset: v2') } });

    // Someone else sets a timeout; the live update reaches the page while the edit is open.
    stored = vs('6', '2s');
    await act(() => client.invalidateQueries({ queryKey: queryKeys.config.all }));
    expect(await screen.findByTestId('stale-base-warning')).toHaveTextContent('resourceVersion 5 -> 6');
    expect(input().value).toContain('subset: v2');
    expect(input().value).not.toContain('timeout');

    await userEvent.click(screen.getByTestId('save-yaml'));
    expect(api.writes()[0]?.body).toEqual({ yaml: expect.stringContaining('resourceVersion: "5"') });
    await userEvent.click(await screen.findByTestId('conflict-reapply'));
    const review = await screen.findByTestId('conflict-review');
    expect(review).toHaveTextContent('Your edit is now based on resourceVersion 6');
    // Their timeout would be dropped, our subset written: both visible before anything is saved.
    const diff = within(review).getByTestId('conflict-diff');
    expect(diff).toHaveTextContent(/-\s+timeout: 2s/);
    expect(diff).toHaveTextContent(/-\s+subset: v1/);
    expect(diff).toHaveTextContent(/\+\s+subset: v2/);
    expect(screen.queryByTestId('stale-base-warning')).not.toBeInTheDocument();
    expect(api.writes()).toHaveLength(1);

    // Carry their change over: the diff shrinks to ours alone.
    fireEvent.change(input(), {
      target: { value: input().value.replace('subset: v2\n', 'subset: v2\n      timeout: 2s\n') },
    });
    await waitFor(() => expect(screen.getByTestId('conflict-diff')).not.toHaveTextContent(/-\s+timeout/));
    expect(screen.getByTestId('conflict-diff')).toHaveTextContent(/\+\s+subset: v2/);
    await userEvent.click(screen.getByTestId('save-yaml'));
    await waitFor(() => expect(api.writes()).toHaveLength(2));
    const yaml = (api.writes()[1]?.body as { yaml: string }).yaml;
    expect(yaml).toContain('resourceVersion: "6"');
    expect(yaml).toContain('timeout: 2s');
    expect(yaml).toContain('subset: v2');
    expect(await screen.findByText('Saved VirtualService bookinfo/ratings')).toBeInTheDocument();
  });

  it('follows the stored object while there are no edits', async () => {
    let stored = vs('5');
    mockFetch((c) => (isGet(c) ? { body: stored } : undefined));
    const { client } = renderWithProviders(<Detail />);
    await screen.findByTestId('yaml-input');
    stored = vs('6', '2s');
    await act(() => client.invalidateQueries({ queryKey: queryKeys.config.all }));
    await waitFor(() => expect(input().value).toContain('timeout: 2s'));
    expect(input().value).toContain('resourceVersion: "6"');
    expect(screen.queryByTestId('stale-base-warning')).not.toBeInTheDocument();
    expect(screen.getByTestId('save-yaml')).toBeDisabled();
  });
});

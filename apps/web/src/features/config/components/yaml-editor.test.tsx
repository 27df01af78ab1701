import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { virtualServiceSchema } from '@sluice/model';
import { renderWithProviders } from '../../../test/render';
import { mockFetch } from '../../../test/fetch-mock';
import { YamlEditor } from './yaml-editor';

afterEach(() => vi.unstubAllGlobals());

const vs = (rv: string) =>
  virtualServiceSchema.parse({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'ratings', namespace: 'bookinfo', resourceVersion: rv },
    spec: { hosts: ['ratings'], http: [{ route: [{ destination: { host: 'ratings', subset: 'v1' } }] }] },
  });
const ref = { namespace: 'bookinfo', plural: 'virtualservices', name: 'ratings' };
const input = () => screen.getByTestId('yaml-input') as HTMLTextAreaElement;

describe('YamlEditor', () => {
  it('validates in the browser and keeps Save disabled while there are errors', async () => {
    mockFetch();
    renderWithProviders(<YamlEditor objectRef={ref} object={vs('5')} />);
    fireEvent.change(input(), { target: { value: input().value.replace('- ratings', '- ratings\n    - ratings') } });
    expect(await screen.findByTestId('local-findings')).toHaveTextContent('host_duplicate');
    expect(screen.getByTestId('save-yaml')).toBeDisabled();
  });

  it('on 409 re-bases the edit on the latest resourceVersion and leaves it for review', async () => {
    const api = mockFetch(
      (c) => (c.method === 'PUT' ? { status: 409, body: { error: { code: 'conflict', message: 'stale', details: { currentResourceVersion: '6' } } } } : undefined),
      (c) => (c.method === 'GET' && c.url.endsWith('/virtualservices/ratings') ? { body: vs('6') } : undefined),
    );
    renderWithProviders(<YamlEditor objectRef={ref} object={vs('5')} />);
    fireEvent.change(input(), { target: { value: input().value.replace('subset: v1', 'subset: v2') } });
    await userEvent.click(screen.getByTestId('save-yaml'));
    expect(api.writes()[0]?.body).toEqual({ yaml: expect.stringContaining('resourceVersion: "5"') });
    await userEvent.click(await screen.findByTestId('conflict-reapply'));
    await waitFor(() => expect(input().value).toContain('resourceVersion: "6"'));
    expect(input().value).toContain('subset: v2');
    expect(screen.getByText('Your edit is now based on resourceVersion 6')).toBeInTheDocument();
  });
});

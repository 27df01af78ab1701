import { useEffect, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ServiceTraffic } from '@sluice/model';
import { renderWithProviders } from '@/test/render';
import { mockFetch } from '@/test/fetch-mock';
import { dryRunResponse, reviewsTraffic } from '@/test/fixtures';
import { FaultForm } from './fault-form';
import { MatchRouteForm } from './match-route-form';
import { MirrorForm } from './mirror-form';
import { TimeoutRetriesForm } from './timeout-retries-form';
import { TrafficShiftingForm } from './traffic-shifting-form';

/*
 * A live update (SSE -> refetch) brings a new resourceVersion while a form is open. A form with
 * unsaved edits keeps them and the version they are based on (a warning says so, Apply gets the
 * 409 and its dialog); a pristine form follows the server.
 */

afterEach(() => vi.unstubAllGlobals());

const isDryRun = (url: string) => url.includes('dryRun=true');
const written = (rv: string) => ({
  body: {
    ...dryRunResponse,
    dryRun: false,
    object: { ...dryRunResponse.object, metadata: { ...dryRunResponse.object.metadata, resourceVersion: rv } },
  },
});
const conflict = {
  status: 409,
  body: {
    error: {
      code: 'conflict',
      message: 'stale resourceVersion',
      details: { reason: 'stale', currentResourceVersion: '43' },
    },
  },
};

/** reviews at resourceVersion 43: someone else moved the split to 80/20 and set a fault. */
function theirs(): ServiceTraffic {
  const t = reviewsTraffic('43');
  const route = t.virtualServices[0]!.routes[0]!;
  t.virtualServices[0]!.routes[0] = {
    ...route,
    expected: [
      { ...route.expected[0]!, share: 0.8 },
      { ...route.expected[1]!, share: 0.2 },
    ],
    fault: { delay: { percent: 50, fixedDelay: '2s' } },
  };
  return t;
}

type Form = 'shift' | 'fault' | 'match' | 'mirror' | 'resilience';
let serve: (t: ServiceTraffic) => void = () => undefined;

function Page({ form }: { form: Form }) {
  const [traffic, setTraffic] = useState(() => reviewsTraffic('42'));
  useEffect(() => {
    serve = setTraffic;
  }, []);
  const vs = traffic.virtualServices[0]!;
  const route = vs.routes[0]!;
  if (form === 'fault') return <FaultForm service={{ namespace: 'bookinfo', name: 'reviews' }} vs={vs} route={route} />;
  if (form === 'mirror') return <MirrorForm traffic={traffic} vs={vs} route={route} />;
  if (form === 'resilience')
    return <TimeoutRetriesForm service={{ namespace: 'bookinfo', name: 'reviews' }} vs={vs} route={route} />;
  if (form === 'match') return <MatchRouteForm traffic={traffic} vs={vs} />;
  return <TrafficShiftingForm traffic={traffic} vs={vs} route={route} />;
}

const weight = (label: string) =>
  within(screen.getAllByTestId('split-row').find((r) => r.dataset.destination === label)!).getByLabelText(
    `Weight for ${label} (%)`,
  ) as HTMLInputElement;
const serverChanges = () => act(() => serve(theirs()));

describe('forms when the VirtualService changes under them', () => {
  it('dirty traffic shifting keeps the edit and its base, warns, and Apply gets the conflict dialog', async () => {
    const api = mockFetch((c) =>
      isDryRun(c.url) ? { body: dryRunResponse } : c.method === 'POST' ? conflict : undefined,
    );
    renderWithProviders(<Page form="shift" />);
    fireEvent.change(weight('v1'), { target: { value: '60' } });
    expect(screen.queryByTestId('stale-base-warning')).not.toBeInTheDocument();

    serverChanges();
    expect(weight('v1').value).toBe('60');
    expect(weight('v2').value).toBe('40');
    const warning = screen.getByTestId('stale-base-warning');
    expect(warning).toHaveTextContent(
      'This VirtualService was changed by someone else since you started editing (resourceVersion 42 -> 43).',
    );
    expect(warning).toHaveTextContent('Apply will ask you to reload and reapply; or discard your edits.');

    await waitFor(() => expect(screen.getByTestId('apply-weights')).toBeEnabled());

    await userEvent.click(screen.getByTestId('apply-weights'));
    expect(await screen.findByText('Changed by someone else')).toBeInTheDocument();
    const [write] = api.writes();
    expect(write?.body).toMatchObject({
      resourceVersion: '42',
      edits: [{ op: 'setWeights', weights: [{ weight: 60 }, { weight: 40 }] }],
    });
    // The edit survives the dialog being dismissed, too.
    await userEvent.click(screen.getByTestId('conflict-discard'));
    expect(weight('v1').value).toBe('60');
  });

  it('reload and reapply writes the kept edit on the latest version, then the form follows the server', async () => {
    const api = mockFetch(
      (c) => (isDryRun(c.url) ? { body: dryRunResponse } : undefined),
      (c) => (c.method === 'GET' && c.url.includes('/services/reviews/traffic') ? { body: theirs() } : undefined),
      (c) => (c.method === 'POST' ? (api.writes().length === 1 ? conflict : written('44')) : undefined),
    );
    renderWithProviders(<Page form="shift" />);
    fireEvent.change(weight('v1'), { target: { value: '60' } });
    serverChanges();
    await waitFor(() => expect(screen.getByTestId('apply-weights')).toBeEnabled());
    await userEvent.click(screen.getByTestId('apply-weights'));
    await userEvent.click(await screen.findByTestId('conflict-reapply'));
    await waitFor(() => expect(api.writes()).toHaveLength(2));
    expect(api.writes().map((w) => (w.body as { resourceVersion: string }).resourceVersion)).toEqual(['42', '43']);
    expect(api.writes()[1]?.body).toMatchObject({ edits: [{ weights: [{ weight: 60 }, { weight: 40 }] }] });
    expect(await screen.findByText('Updated VirtualService bookinfo/reviews')).toBeInTheDocument();
    expect(screen.queryByTestId('stale-base-warning')).not.toBeInTheDocument();
    // The written values stay while the page still holds version 43 (no flash of the other person's split) ...
    expect(weight('v1').value).toBe('60');
    expect(screen.getByTestId('apply-weights')).toBeDisabled();
    // ... and the stored version the write produced replaces them.
    act(() => serve(reviewsTraffic('44')));
    expect(weight('v1').value).toBe('90');
  });

  it('an edit made right after Apply, before the page hears of the write, is based on the written version', async () => {
    const api = mockFetch((c) =>
      isDryRun(c.url) ? { body: dryRunResponse } : c.method === 'POST' ? written('43') : undefined,
    );
    renderWithProviders(<Page form="shift" />);
    fireEvent.change(weight('v1'), { target: { value: '80' } });
    await waitFor(() => expect(screen.getByTestId('apply-weights')).toBeEnabled());
    await userEvent.click(screen.getByTestId('apply-weights'));
    expect(await screen.findByText('Updated VirtualService bookinfo/reviews')).toBeInTheDocument();
    fireEvent.change(weight('v1'), { target: { value: '70' } });
    serverChanges(); // version 43 is our own write (80/20)
    expect(screen.queryByTestId('stale-base-warning')).not.toBeInTheDocument();
    expect(weight('v1').value).toBe('70');
    await waitFor(() => expect(screen.getByTestId('apply-weights')).toBeEnabled());
    await userEvent.click(screen.getByTestId('apply-weights'));
    await waitFor(() => expect(api.writes()).toHaveLength(2));
    expect(api.writes()[1]?.body).toMatchObject({ resourceVersion: '43' });
  });

  it('after Apply the form restarts from the stored version its write produced', async () => {
    mockFetch((c) => (isDryRun(c.url) ? { body: dryRunResponse } : c.method === 'POST' ? written('43') : undefined));
    renderWithProviders(<Page form="fault" />);
    await userEvent.click(screen.getByLabelText('Inject delay'));
    await userEvent.clear(screen.getByLabelText('Fixed delay'));
    await userEvent.type(screen.getByLabelText('Fixed delay'), '2s');
    await userEvent.clear(screen.getByLabelText('Delay percent'));
    await userEvent.type(screen.getByLabelText('Delay percent'), '50');
    await userEvent.click(screen.getByTestId('apply-fault'));
    expect(await screen.findByText('Updated VirtualService bookinfo/reviews')).toBeInTheDocument();
    serverChanges();
    expect(screen.getByTestId('delay-switch')).toBeChecked();
    expect(screen.queryByTestId('stale-base-warning')).not.toBeInTheDocument();
    // The form's base is now the stored route, which has a fault: switching it off removes it.
    await userEvent.click(screen.getByLabelText('Inject delay'));
    expect(screen.getByTestId('apply-fault')).toHaveTextContent('Remove fault injection');
  });

  it('a pristine form follows the server live', () => {
    mockFetch();
    renderWithProviders(<Page form="shift" />);
    expect(weight('v1').value).toBe('90');
    serverChanges();
    expect(weight('v1').value).toBe('80');
    expect(weight('v2').value).toBe('20');
    expect(screen.queryByTestId('stale-base-warning')).not.toBeInTheDocument();
    expect(screen.getByTestId('apply-weights')).toBeDisabled();
  });

  it('"Discard my edits" resets the form to the latest version', async () => {
    const api = mockFetch((c) =>
      isDryRun(c.url)
        ? { body: dryRunResponse }
        : c.method === 'POST'
          ? { body: { ...dryRunResponse, dryRun: false } }
          : undefined,
    );
    renderWithProviders(<Page form="shift" />);
    fireEvent.change(weight('v1'), { target: { value: '60' } });
    serverChanges();
    await userEvent.click(screen.getByTestId('discard-edits'));
    expect(weight('v1').value).toBe('80');
    expect(screen.queryByTestId('stale-base-warning')).not.toBeInTheDocument();
    // Edits from here on are based on the latest version.
    fireEvent.change(weight('v1'), { target: { value: '70' } });
    await waitFor(() => expect(screen.getByTestId('apply-weights')).toBeEnabled());
    await userEvent.click(screen.getByTestId('apply-weights'));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]?.body).toMatchObject({ resourceVersion: '43' });
  });

  it('the fault form keeps unsaved switches and fields; pristine it shows the new fault', async () => {
    const api = mockFetch((c) => (c.method === 'POST' ? conflict : undefined));
    const first = renderWithProviders(<Page form="fault" />);
    serverChanges();
    expect(screen.getByTestId('delay-switch')).toBeChecked();
    expect(screen.getByLabelText('Fixed delay')).toHaveValue('2s');
    first.unmount();

    renderWithProviders(<Page form="fault" />);
    await userEvent.click(screen.getByLabelText('Abort requests'));
    await userEvent.clear(screen.getByLabelText('HTTP status'));
    await userEvent.type(screen.getByLabelText('HTTP status'), '502');
    serverChanges();
    expect(screen.getByTestId('delay-switch')).not.toBeChecked();
    expect(screen.getByLabelText('HTTP status')).toHaveValue(502);
    expect(screen.getByTestId('stale-base-warning')).toHaveTextContent('resourceVersion 42 -> 43');
    await userEvent.click(screen.getByTestId('apply-fault'));
    expect(await screen.findByTestId('conflict-dialog')).toBeInTheDocument();
    expect(api.writes()[0]?.body).toEqual({
      resourceVersion: '42',
      edits: [
        { op: 'setFault', route: { kind: 'http', index: 0 }, fault: { abort: { percent: 10, httpStatus: 502 } } },
      ],
    });

    await userEvent.click(screen.getByTestId('conflict-discard'));
    await userEvent.click(screen.getByTestId('discard-edits'));
    expect(screen.getByTestId('delay-switch')).toBeChecked();
    expect(screen.getByTestId('abort-switch')).not.toBeChecked();
  });

  it('the match route form keeps what was typed', async () => {
    mockFetch();
    renderWithProviders(<Page form="match" />);
    await userEvent.type(screen.getByTestId('match-value'), 'jason');
    serverChanges();
    expect(screen.getByTestId('match-value')).toHaveValue('jason');
    expect(screen.getByTestId('stale-base-warning')).toBeInTheDocument();
  });

  it('the mirror and timeout forms keep what was typed', async () => {
    mockFetch();
    const mirror = renderWithProviders(<Page form="mirror" />);
    await userEvent.clear(screen.getByTestId('mirror-percent'));
    await userEvent.type(screen.getByTestId('mirror-percent'), '25');
    serverChanges();
    expect(screen.getByTestId('mirror-percent')).toHaveValue(25);
    expect(screen.getByTestId('stale-base-warning')).toBeInTheDocument();
    mirror.unmount();

    renderWithProviders(<Page form="resilience" />);
    await userEvent.click(screen.getByTestId('timeout-switch'));
    await userEvent.clear(screen.getByTestId('timeout-input'));
    await userEvent.type(screen.getByTestId('timeout-input'), '3s');
    serverChanges();
    expect(screen.getByTestId('timeout-input')).toHaveValue('3s');
    expect(screen.getByTestId('stale-base-warning')).toBeInTheDocument();
  });
});

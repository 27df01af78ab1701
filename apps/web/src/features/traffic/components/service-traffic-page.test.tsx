import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { renderWithProviders } from '@/test/render';
import { mockFetch } from '@/test/fetch-mock';
import { reviewsTraffic } from '@/test/fixtures';
import ServiceTrafficPage from './service-traffic-page';

/* The service page on a service with a rollout in progress (issue 11: drift is never silent). */

afterEach(() => vi.unstubAllGlobals());

const render = () =>
  renderWithProviders(
    <Routes>
      <Route path="/namespaces/:ns/services/:name" element={<ServiceTrafficPage />} />
    </Routes>,
    { route: '/namespaces/bookinfo/services/reviews' },
  );

describe('ServiceTrafficPage with an active rollout', () => {
  it('shows a banner linking to the rollout, and the rollout route asks for an explicit override', async () => {
    const traffic = reviewsTraffic();
    const [vs, ...rest] = traffic.virtualServices;
    const held = {
      ...traffic,
      virtualServices: [
        {
          ...vs!,
          rollout: {
            phase: 'paused' as const,
            stepIndex: 2,
            canaryWeight: 50,
            httpRouteIndex: 0,
            mode: 'automatic' as const,
          },
        },
        ...rest,
      ],
    };
    mockFetch((c) => (c.url.includes('/services/reviews/traffic') ? { body: held } : undefined));
    render();
    const banner = await screen.findByTestId('rollout-banner');
    expect(banner).toHaveTextContent('An automatic rollout is paused on VirtualService reviews: step 3, canary at 50%');
    expect(screen.getByTestId('rollout-banner-link')).toHaveAttribute(
      'href',
      expect.stringContaining('/namespaces/bookinfo/services/reviews/rollout'),
    );
    expect(await screen.findByTestId('override-rollout')).not.toBeChecked();
  });

  it('no banner without a rollout', async () => {
    mockFetch((c) => (c.url.includes('/services/reviews/traffic') ? { body: reviewsTraffic() } : undefined));
    render();
    expect(await screen.findByTestId('service-title')).toBeInTheDocument();
    expect(screen.queryByTestId('rollout-banner')).toBeNull();
  });
});

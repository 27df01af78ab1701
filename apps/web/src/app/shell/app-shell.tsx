import { Suspense } from 'react';
import {
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadLogo,
  MastheadMain,
  MastheadToggle,
  Nav,
  NavItem,
  NavList,
  Page,
  PageSidebar,
  PageSidebarBody,
  PageToggleButton,
  SkipToContent,
} from '@patternfly/react-core';
import { BarsIcon } from '@patternfly/react-icons';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { Loading } from '@/components/page-state';
import { UnsavedEditsGuard } from '@/components/unsaved-edits-guard';
import { useGlobalLink, useGlobalParams } from '@/lib/url-state';
import { useServerEvents } from '@/lib/use-server-events';
import { LogoutButton } from '@/features/auth/components/logout-button';
import { GlobalToolbar } from './global-toolbar';
import { HealthIndicator } from './health-indicator';

const NAV = [
  { to: '/', label: 'Overview', match: '/' },
  { to: '/graph', label: 'Traffic graph', match: '/graph' },
  { to: '/services', label: 'Services', match: '/services' },
  { to: '/istio', label: 'Istio config', match: '/istio' },
];

/** Masthead, navigation and the shared toolbar around every page; owns the one event stream. */
export function AppShell() {
  const { namespaces, refresh } = useGlobalParams();
  const liveStatus = useServerEvents(namespaces, refresh);
  const link = useGlobalLink();
  const { pathname } = useLocation();

  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadToggle>
          <PageToggleButton variant="plain" aria-label="Toggle navigation">
            <BarsIcon />
          </PageToggleButton>
        </MastheadToggle>
        <MastheadBrand>
          <MastheadLogo component={(props) => <NavLink {...props} to={link('/graph')} />}>
            <span className="sluice-brand">
              <svg viewBox="0 0 16 16" width="22" height="22" aria-hidden="true">
                <path d="M2 3h12v3H2zM2 10h5v3H2zM9 10h5v3H9z" fill="#0066cc" />
              </svg>
              Sluice
            </span>
          </MastheadLogo>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <div className="sluice-masthead-right">
          <HealthIndicator />
          <LogoutButton />
        </div>
      </MastheadContent>
    </Masthead>
  );

  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label="Main">
          <NavList>
            {NAV.map((n) => (
              <NavItem
                key={n.to}
                isActive={
                  n.match === '/'
                    ? pathname === '/'
                    : pathname.startsWith(n.match) || (n.match === '/services' && pathname.includes('/services/'))
                }
              >
                <NavLink to={link(n.to)}>{n.label}</NavLink>
              </NavItem>
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );

  return (
    <Page
      masthead={masthead}
      sidebar={sidebar}
      isManagedSidebar
      skipToContent={<SkipToContent href="#main">Skip to content</SkipToContent>}
      mainContainerId="main"
    >
      <GlobalToolbar liveStatus={liveStatus} />
      <UnsavedEditsGuard />
      <Suspense fallback={<Loading label="Loading page" />}>
        <Outlet />
      </Suspense>
    </Page>
  );
}

import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { Link, Outlet, RouterProvider, createMemoryRouter } from 'react-router-dom';
import { useReportUnsaved } from '../lib/unsaved-edits';
import { UnsavedEditsGuard } from './unsaved-edits-guard';

function Form() {
  const [dirty, setDirty] = useState(false);
  useReportUnsaved(dirty);
  return (
    <>
      <button onClick={() => setDirty(true)}>Edit</button>
      <Link to="/other">Go elsewhere</Link>
      <Link to="/form?tab=fault">Another tab</Link>
    </>
  );
}

function renderApp() {
  const router = createMemoryRouter(
    [
      {
        element: (
          <>
            <UnsavedEditsGuard />
            <Outlet />
          </>
        ),
        children: [
          { path: '/form', element: <Form /> },
          { path: '/other', element: <p>Other page</p> },
        ],
      },
    ],
    { initialEntries: ['/form'] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

const beforeUnload = () => {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
};

describe('UnsavedEditsGuard', () => {
  it('lets a pristine page go without asking', async () => {
    const router = renderApp();
    expect(beforeUnload()).toBe(false);
    await userEvent.click(screen.getByText('Go elsewhere'));
    expect(router.state.location.pathname).toBe('/other');
  });

  it('with unsaved edits: asks before an in-app navigation and before unload; query changes pass', async () => {
    const router = renderApp();
    await userEvent.click(screen.getByText('Edit'));
    expect(beforeUnload()).toBe(true);

    await userEvent.click(screen.getByText('Another tab'));
    expect(router.state.location.search).toBe('?tab=fault');
    expect(screen.queryByTestId('unsaved-edits-dialog')).toBeNull();

    await userEvent.click(screen.getByText('Go elsewhere'));
    expect(await screen.findByTestId('unsaved-edits-dialog')).toHaveTextContent('Leave with unsaved edits?');
    await userEvent.click(screen.getByTestId('unsaved-stay'));
    expect(router.state.location.pathname).toBe('/form');
    expect(screen.getByText('Edit')).toBeInTheDocument();

    await userEvent.click(screen.getByText('Go elsewhere'));
    await userEvent.click(await screen.findByTestId('unsaved-leave'));
    expect(await screen.findByText('Other page')).toBeInTheDocument();
    // The form is gone, and with it the warning.
    expect(beforeUnload()).toBe(false);
  });
});

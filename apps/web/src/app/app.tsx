import { useState } from 'react';
import { RouterProvider } from 'react-router-dom';
import { AuthGate } from '../features/auth/components/auth-gate';
import { AppProviders } from './providers';
import { createRouter } from './router';

export function App() {
  const [router] = useState(createRouter);
  return (
    <AppProviders>
      <AuthGate>
        <RouterProvider router={router} />
      </AuthGate>
    </AppProviders>
  );
}

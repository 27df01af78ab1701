import { Bullseye, EmptyState, EmptyStateBody, Spinner } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { ApiErrorAlert } from './api-error-alert';

export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <Bullseye style={{ minHeight: 200 }}>
      <Spinner aria-label={label} />
    </Bullseye>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <EmptyState titleText={title} headingLevel="h2">
      {children && <EmptyStateBody>{children}</EmptyStateBody>}
    </EmptyState>
  );
}

/** Loading / error / content for one query, so every page handles the three the same way. */
export function QueryState({
  isPending,
  error,
  children,
}: {
  isPending: boolean;
  error: unknown;
  children: () => ReactNode;
}) {
  if (error) return <ApiErrorAlert error={error} />;
  if (isPending) return <Loading />;
  return <>{children()}</>;
}

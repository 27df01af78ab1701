import { Alert } from '@patternfly/react-core';
import type { ConflictReason } from '@sluice/model';
import { ApiError } from '../lib/api-client';
import { FindingsList } from './findings-list';

/** 409s by their typed reason: only `stale` is "someone else changed it" (and gets the reload dialog). */
const CONFLICT_TITLES: Record<ConflictReason, string> = {
  stale: 'Changed by someone else',
  exists: 'Already exists',
  managed: 'Managed by a controller',
  rollout: 'A rollout controls this route',
  state: 'Not possible in the current state',
};

/** What an operator needs to read from a failed request; stale 409s get their own dialog (conflict-dialog). */
export function describeError(error: unknown): { title: string; message: string } {
  if (!(error instanceof ApiError))
    return { title: 'Something went wrong', message: error instanceof Error ? error.message : String(error) };
  switch (error.code) {
    case 'forbidden':
      return {
        title: 'Not allowed',
        message: `${error.message}. Sluice may be read-only, or your Kubernetes account lacks the permission (RBAC).`,
      };
    case 'invalid':
      return { title: 'The change was rejected by validation', message: error.message };
    case 'conflict':
      return { title: CONFLICT_TITLES[error.conflictReason ?? 'state'], message: error.message };
    case 'not_found':
      return { title: 'Not found', message: error.message };
    case 'too_many_requests':
      return { title: 'Too many requests', message: error.message };
    case 'unavailable':
      return { title: 'Cluster or metrics unavailable', message: error.message };
    case 'network':
      return { title: 'Sluice API unreachable', message: error.message };
    default:
      return { title: `Request failed (${error.status || error.code})`, message: error.message };
  }
}

export function ApiErrorAlert({
  error,
  title,
  isInline = true,
}: {
  error: unknown;
  title?: string;
  isInline?: boolean;
}) {
  const d = describeError(error);
  const findings = error instanceof ApiError ? error.findings : [];
  return (
    <Alert
      variant={error instanceof ApiError && error.code === 'forbidden' ? 'warning' : 'danger'}
      isInline={isInline}
      title={title ?? d.title}
      data-testid="error-alert"
    >
      <p>{d.message}</p>
      <FindingsList findings={findings} />
    </Alert>
  );
}

import { useEffect } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { EditFor, EditablePlural } from '@sluice/model';
import { Label, Spinner } from '@patternfly/react-core';
import { ApiError } from '@/lib/api-client';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { FindingsList } from '@/components/findings-list';
import { YamlDiff } from '@/components/yaml-diff';
import { useDebounced } from '@/lib/use-debounced';
import { dryRunQueryOptions, type EditTarget } from './post-edits';

/**
 * The YAML that Apply would write, from a server dry run (so it is exactly what the model produces).
 * The dry run waits for the form to settle and takes a round trip, so for a moment the diff shown is
 * of an earlier value: it is then marked "Updating" (and dimmed), and `onCurrentChange(false)` tells
 * the form, which keeps Apply disabled until the diff shown is the diff of what Apply sends.
 */
export function EditPreview<P extends EditablePlural>({
  target,
  resourceVersion,
  edits,
  onCurrentChange,
}: {
  target: EditTarget<P>;
  resourceVersion: string;
  edits: EditFor<P>[] | undefined;
  onCurrentChange?: (current: boolean) => void;
}) {
  const settled = useDebounced(edits, 300);
  const query = useQuery({
    ...dryRunQueryOptions(target, resourceVersion, settled ?? []),
    enabled: settled !== undefined && settled.length > 0,
    // While the next dry run is on its way the last diff stays, marked as updating, instead of a spinner.
    placeholderData: keepPreviousData,
  });
  const caughtUp = JSON.stringify(settled) === JSON.stringify(edits);
  const updating = !caughtUp || query.isFetching || query.isPlaceholderData;
  const current = !updating && query.isSuccess;
  useEffect(() => onCurrentChange?.(current), [current, onCurrentChange]);

  if (!settled || settled.length === 0) return null;
  if (query.isPending) return <Spinner size="md" aria-label="Computing the YAML diff" />;
  const status = updating && (
    <Label isCompact color="orange" data-testid="edit-preview-updating">
      Updating: the diff below is of an earlier value
    </Label>
  );
  if (query.error) {
    // A 422 from a dry run is the expected way to learn the change is invalid: show its findings, not an error.
    if (query.error instanceof ApiError && query.error.code === 'invalid')
      return (
        <>
          {status}
          <FindingsList findings={query.error.findings} testId="preview-findings" />
        </>
      );
    return <ApiErrorAlert error={query.error} title="Could not preview the change" />;
  }
  return (
    <div
      data-testid="edit-preview"
      data-state={updating ? 'updating' : 'current'}
      aria-busy={updating}
      className={updating ? 'sluice-preview-updating' : undefined}
    >
      <div aria-live="polite">{status}</div>
      {query.data && <YamlDiff diff={query.data.diff} />}
      {query.data && <FindingsList findings={query.data.findings} testId="preview-findings" />}
    </div>
  );
}

/**
 * The "What Apply will write" section every form shows under a dirty change: the dry-run diff, headed
 * by what Apply would do now (on a stale base, reapplying on the latest version).
 */
export function ApplyDiffSection<P extends EditablePlural>({
  stale,
  ...preview
}: {
  stale: boolean;
  target: EditTarget<P>;
  resourceVersion: string;
  edits: EditFor<P>[] | undefined;
  onCurrentChange?: (current: boolean) => void;
}) {
  return (
    <section aria-label="YAML diff of this change">
      {/* Previewed on the latest version: once stale, that is what reload-and-reapply would write. */}
      <h4 className="sluice-subhead">
        {stale ? 'What reapplying on the latest version would write' : 'What Apply will write'}
      </h4>
      <EditPreview {...preview} />
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import type { Edit } from '@sluice/model';
import { Spinner } from '@patternfly/react-core';
import { ApiError } from '@/lib/api-client';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { FindingsList } from '@/components/findings-list';
import { YamlDiff } from '@/components/yaml-diff';
import { dryRunQueryOptions, type VsRef } from '../api/post-edits';
import { useDebounced } from '../hooks/use-debounced';

/** The YAML that Apply would write, from a server dry run (so it is exactly what the model produces). */
export function EditPreview({
  vs,
  resourceVersion,
  edits,
}: {
  vs: VsRef;
  resourceVersion: string;
  edits: Edit[] | undefined;
}) {
  const settled = useDebounced(edits, 300);
  const query = useQuery({
    ...dryRunQueryOptions(vs, resourceVersion, settled ?? []),
    enabled: settled !== undefined && settled.length > 0,
  });
  if (!settled || settled.length === 0) return null;
  if (query.isPending) return <Spinner size="md" aria-label="Computing the YAML diff" />;
  if (query.error) {
    // A 422 from a dry run is the expected way to learn the change is invalid: show its findings, not an error.
    if (query.error instanceof ApiError && query.error.code === 'invalid')
      return <FindingsList findings={query.error.findings} testId="preview-findings" />;
    return <ApiErrorAlert error={query.error} title="Could not preview the change" />;
  }
  return (
    <div data-testid="edit-preview">
      <YamlDiff diff={query.data.diff} />
      <FindingsList findings={query.data.findings} testId="preview-findings" />
    </div>
  );
}

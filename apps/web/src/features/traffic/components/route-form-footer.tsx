import { useState } from 'react';
import { ActionGroup, Button, HelperText, HelperTextItem } from '@patternfly/react-core';
import type { Edit, VirtualServiceView } from '@sluice/model';
import type { EditBase } from '@/lib/edit-kit/use-edit-base';
import { ApplyDiffSection } from '@/lib/edit-kit/edit-preview';
import { PreviewOnGraphButton } from '@/lib/edit-kit/preview-on-graph';
import { WriteFeedback } from '@/lib/edit-kit/write-feedback';
import { StaleBaseWarning } from '@/components/stale-base-warning';
import type { VsWriter } from '../hooks/use-vs-writer';

interface Props {
  vs: VirtualServiceView;
  edit: Pick<EditBase<unknown, unknown>, 'dirty' | 'reset' | 'stale' | 'discard' | 'resourceVersion'>;
  writer: VsWriter;
  /** What Apply sends; undefined while the form holds something that is not yet an edit (see `problems`). */
  edits: Edit[] | undefined;
  /** Why there is nothing to apply yet, said next to the button. */
  problems?: string[];
  label?: string;
  /** What the change does, in words: the title of the graph preview ("Preview on graph"). */
  previewLabel: string;
  testId: string;
  onApplied?: () => void;
}

/**
 * How every route form ends, like the traffic-shifting form: the YAML diff of exactly what Apply will
 * write (a server dry run; Apply waits until the diff shown is current), the stale-base warning, the
 * 409 dialog and inline 422 findings, and Apply / Preview on graph / Reset.
 */
export function RouteFormFooter({
  vs,
  edit,
  writer,
  edits,
  problems = [],
  label = 'Apply',
  previewLabel,
  testId,
  onApplied,
}: Props) {
  const [previewCurrent, setPreviewCurrent] = useState(false);
  const handleApply = async () => {
    if (edits && (await writer.apply(edits))) onApplied?.();
  };
  return (
    <>
      {edit.dirty && edits && (
        <ApplyDiffSection
          stale={edit.stale !== null}
          target={{ plural: 'virtualservices', namespace: vs.namespace, name: vs.name }}
          resourceVersion={vs.resourceVersion}
          edits={edits}
          onCurrentChange={setPreviewCurrent}
        />
      )}
      {problems.length > 0 && (
        <HelperText>
          {problems.map((p) => (
            <HelperTextItem key={p} variant="error" data-testid="form-problem">
              {p}
            </HelperTextItem>
          ))}
        </HelperText>
      )}
      <StaleBaseWarning edit={edit} isPending={writer.isPending} />
      <WriteFeedback writer={writer} />
      <ActionGroup>
        <Button
          variant="primary"
          onClick={() => void handleApply()}
          isDisabled={writer.readOnly || Boolean(vs.managedBy) || !edit.dirty || !edits || !previewCurrent}
          isLoading={writer.isPending}
          data-testid={testId}
        >
          {label}
        </Button>
        <PreviewOnGraphButton
          target={{ plural: 'virtualservices', namespace: vs.namespace, name: vs.name }}
          resourceVersion={edit.resourceVersion}
          edits={edit.dirty ? edits : undefined}
          label={previewLabel}
        />
        <Button variant="link" onClick={edit.reset} isDisabled={!edit.dirty}>
          Reset
        </Button>
      </ActionGroup>
    </>
  );
}

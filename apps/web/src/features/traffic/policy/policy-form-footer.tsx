import { ActionGroup, Button } from '@patternfly/react-core';
import type { DestinationRule, DestinationRuleEdit } from '@sluice/model';
import type { EditBase } from '@/lib/edit-kit/use-edit-base';
import { StaleBaseWarning } from '@/components/stale-base-warning';
import { ApplyDiffSection } from '@/lib/edit-kit/edit-preview';
import { WriteFeedback } from '@/lib/edit-kit/write-feedback';
import { PreviewOnGraphButton } from '@/lib/edit-kit/preview-on-graph';
import type { usePolicyForm } from './use-policy-form';

type FooterForm = Pick<
  ReturnType<typeof usePolicyForm>,
  'writer' | 'target' | 'previewCurrent' | 'setPreviewCurrent' | 'apply'
> & { edit: Pick<EditBase<DestinationRule, unknown>, 'dirty' | 'resourceVersion' | 'reset' | 'stale' | 'discard'> };

/** What every policy form ends with: the YAML diff of the change, stale/409/422 feedback and Apply. */
export function PolicyFormFooter({
  form,
  edits,
  label,
  testId,
}: {
  form: FooterForm;
  /** The edits Apply sends; undefined while the form is pristine or invalid. */
  edits: DestinationRuleEdit[] | undefined;
  label: string;
  testId: string;
}) {
  const { edit, writer } = form;
  return (
    <>
      {edit.dirty && edits && (
        <ApplyDiffSection
          stale={edit.stale !== null}
          target={form.target}
          resourceVersion={edit.resourceVersion}
          edits={edits}
          onCurrentChange={form.setPreviewCurrent}
        />
      )}
      <StaleBaseWarning edit={edit} isPending={writer.isPending} kind="DestinationRule" />
      <WriteFeedback writer={writer} />
      <ActionGroup>
        <Button
          variant="primary"
          onClick={() => edits && form.apply(edits)}
          isDisabled={writer.readOnly || !edit.dirty || !edits || !form.previewCurrent}
          isLoading={writer.isPending}
          data-testid={testId}
        >
          {label}
        </Button>
        <PreviewOnGraphButton
          target={form.target}
          resourceVersion={edit.resourceVersion}
          edits={edit.dirty ? edits : undefined}
          label={`${label} on DestinationRule ${form.target.namespace}/${form.target.name}`}
        />
        <Button variant="link" onClick={edit.reset} isDisabled={!edit.dirty}>
          Reset
        </Button>
      </ActionGroup>
    </>
  );
}

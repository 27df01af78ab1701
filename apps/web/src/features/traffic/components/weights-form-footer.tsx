import { ActionGroup, Button } from '@patternfly/react-core';
import type { EditFor, ServiceTraffic, VirtualServiceView } from '@sluice/model';
import type { EditTarget } from '@/lib/edit-kit/post-edits';
import type { ObjectWriter } from '@/lib/edit-kit/use-object-writer';
import { PreviewOnGraphButton } from '@/lib/edit-kit/preview-on-graph';
import { WriteFeedback } from '@/lib/edit-kit/write-feedback';
import { RolloutOverride } from './rollout-override';

type WeightPlural = 'virtualservices' | 'httproutes';

interface WeightsFormFooterProps<P extends WeightPlural> {
  target: EditTarget<P>;
  /** The version the edit is based on (what Preview on graph and Apply send). */
  resourceVersion: string;
  edit: EditFor<P>;
  previewLabel: string;
  writer: ObjectWriter<P>;
  dirty: boolean;
  readOnly: boolean;
  /** A weight field holds text that is not a weight: Apply waits, Reset clears it. */
  hasInputProblem: boolean;
  /** The weights add up to a split Apply may send. */
  validSplit: boolean;
  /** The diff shown is the diff of what Apply sends. */
  previewCurrent: boolean;
  /** A rollout holds these weights: Apply needs the explicit override. */
  held?: {
    traffic: Pick<ServiceTraffic, 'namespace' | 'service'>;
    rollout: VirtualServiceView['rollout'];
    override: boolean;
    setOverride: (override: boolean) => void;
  };
  onApply: () => void;
  onReset: () => void;
}

/**
 * The end of a weights form (VirtualService route or HTTPRoute rule): the rollout override when a
 * rollout holds the weights, the write's feedback, and Apply / Preview on graph / Reset.
 */
export function WeightsFormFooter<P extends WeightPlural>({
  target,
  resourceVersion,
  edit,
  previewLabel,
  writer,
  dirty,
  readOnly,
  hasInputProblem,
  validSplit,
  previewCurrent,
  held,
  onApply,
  onReset,
}: WeightsFormFooterProps<P>) {
  const sendable = !hasInputProblem && validSplit;
  return (
    <>
      {held && (
        <RolloutOverride
          traffic={held.traffic}
          rollout={held.rollout}
          checked={held.override}
          onChange={held.setOverride}
          isDisabled={readOnly}
        />
      )}
      <WriteFeedback writer={writer} />
      <ActionGroup>
        <Button
          variant="primary"
          onClick={onApply}
          isDisabled={!dirty || readOnly || !sendable || !previewCurrent || (held !== undefined && !held.override)}
          isLoading={writer.isPending}
          data-testid="apply-weights"
        >
          Apply
        </Button>
        <PreviewOnGraphButton
          target={target}
          resourceVersion={resourceVersion}
          edits={dirty && sendable ? [edit] : undefined}
          label={previewLabel}
        />
        <Button variant="link" onClick={onReset} isDisabled={!dirty && !hasInputProblem}>
          Reset
        </Button>
      </ActionGroup>
    </>
  );
}

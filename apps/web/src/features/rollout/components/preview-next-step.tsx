import { Button } from '@patternfly/react-core';
import { TopologyIcon } from '@patternfly/react-icons';
import {
  nextRolloutState,
  rolloutActionAvailable,
  rolloutEdits,
  type RolloutState,
  type RolloutView,
} from '@sluice/model';
import { useLocation, useNavigate } from 'react-router-dom';
import { previewHref } from '@/lib/graph-preview-link';
import { useGlobalParams } from '@/lib/url-state';

/**
 * "Preview next step on graph": the weights the next step writes (the model's own state machine and
 * rollout edits), overlaid on the graph; Apply there moves the rollout, pinned to this step.
 */
export function PreviewNextStep({ view, state }: { view: RolloutView; state: RolloutState }) {
  const navigate = useNavigate();
  const location = useLocation();
  const { window } = useGlobalParams();
  const { virtualService, resourceVersion } = view;
  if (!rolloutActionAvailable(state, 'next') || !virtualService || !resourceVersion) return null;
  // Only the weights of the next state are used: its timestamps can be the state's own.
  const next = nextRolloutState(state, undefined, Date.parse(state.updatedAt), { kind: 'next', actor: 'preview' });
  if (next.refused) return null;
  const weight = next.state.phase === 'promoted' ? 100 : (next.state.plan.steps[next.state.stepIndex] ?? 0);
  const handleClick = () => {
    const change = {
      namespace: view.namespace,
      kind: 'VirtualService',
      name: virtualService,
      resourceVersion,
      edits: rolloutEdits(next.state),
    };
    void navigate(
      previewHref(
        {
          changes: [change],
          label: `Rollout of ${view.service}: next step, canary at ${weight}%`,
          returnTo: `${location.pathname}${location.search}`,
          rolloutNext: { namespace: view.namespace, service: view.service, expectedStep: state.stepIndex },
        },
        window,
      ),
    );
  };
  return (
    <Button variant="secondary" icon={<TopologyIcon />} onClick={handleClick} data-testid="rollout-preview-next">
      Preview next step on graph
    </Button>
  );
}

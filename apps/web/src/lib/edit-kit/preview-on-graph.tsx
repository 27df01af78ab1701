import { Button } from '@patternfly/react-core';
import { TopologyIcon } from '@patternfly/react-icons';
import { EDIT_KINDS, type EditFor, type EditablePlural } from '@sluice/model';
import { useLocation, useNavigate } from 'react-router-dom';
import { previewHref } from '@/lib/graph-preview-link';
import { useGlobalParams } from '@/lib/url-state';
import type { EditTarget } from './post-edits';

/**
 * "Preview on graph": opens the graph with this form's pending edits overlaid (expected traffic beside
 * the current, the blast radius of new errors) and an Apply button there. Nothing is written until
 * that Apply; Back returns to this form.
 */
export function PreviewOnGraphButton<P extends EditablePlural>({
  target,
  resourceVersion,
  edits,
  label,
  testId = 'preview-on-graph',
}: {
  target: EditTarget<P>;
  resourceVersion: string;
  /** The edits Apply would send; undefined while the form has nothing to apply. */
  edits: EditFor<P>[] | undefined;
  label: string;
  testId?: string;
}) {
  const navigate = useNavigate();
  const location = useLocation();
  const { window } = useGlobalParams();
  const kind = EDIT_KINDS[target.plural].kind;
  const handleClick = () => {
    if (!edits || edits.length === 0) return;
    const change = { namespace: target.namespace, kind, name: target.name, resourceVersion, edits };
    // The edits travel in the URL, so the unsaved-edits guard lets this navigation through.
    void navigate(
      previewHref({ changes: [change], label, returnTo: `${location.pathname}${location.search}` }, window),
      { state: { carriesEdits: true } },
    );
  };
  return (
    <Button
      variant="secondary"
      icon={<TopologyIcon />}
      onClick={handleClick}
      isDisabled={!edits || edits.length === 0}
      data-testid={testId}
    >
      Preview on graph
    </Button>
  );
}

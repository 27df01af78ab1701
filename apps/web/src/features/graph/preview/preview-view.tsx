import { useState } from 'react';
import {
  Alert,
  Button,
  Flex,
  List,
  ListItem,
  PageSection,
  Title,
  ToggleGroup,
  ToggleGroupItem,
} from '@patternfly/react-core';
import { unmodelledEffects, type GraphPreview, type GraphType } from '@sluice/model';
import { Link } from 'react-router-dom';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { Loading } from '@/components/page-state';
import { TrafficCoverageNotices } from '@/components/traffic-coverage';
import { formatPercent, formatRps } from '@/lib/format';
import { decodePreview } from '@/lib/graph-preview-link';
import { useReadOnly } from '@/lib/queries/use-read-only';
import { AfterApply } from './after-apply';
import { NotModelledNotice } from './not-modelled-notice';
import { PreviewCanvas } from './preview-canvas';
import type { PreviewLabelMode } from './preview-elements';
import { usePreviewGraph } from './preview-api';
import { PreviewTable } from './preview-table';
import { UnknownSharesForm } from './unknown-shares-form';
import { useApplyPreview } from './use-apply-preview';

interface Props {
  encoded: string;
  namespaces: string[];
  graphType: GraphType;
  window: string;
  serviceNodes: boolean;
  onExit: () => void;
}

const LABELS: { id: PreviewLabelMode; text: string }[] = [
  { id: 'share', text: 'Share' },
  { id: 'rps', text: 'Rate' },
  { id: 'errors', text: 'Errors' },
];

/** What the numbers cover, said once above them (window, scope, reporter). */
function Covers({ preview }: { preview: GraphPreview }) {
  return (
    <p className="sluice-muted" data-testid="preview-covers">
      Now: the last {preview.window} observed up to {new Date(preview.timestamp).toLocaleTimeString()} in{' '}
      {preview.namespaces.join(', ')} (mesh and gateway callers; rates as the caller&apos;s proxy reports them, retries
      apart). Expected: the same demand through the changed config, hop by hop.
    </p>
  );
}

/** The graph page with pending changes overlaid: lazy-loaded, only when the URL carries `preview`. */
export default function PreviewView({ encoded, namespaces, graphType, window, serviceNodes, onExit }: Props) {
  const state = decodePreview(encoded);
  const [mode, setMode] = useState<PreviewLabelMode>('share');
  const [matchShares, setMatchShares] = useState<Record<string, number>>({});
  const changes = state?.changes ?? [];
  const applier = useApplyPreview(changes, state?.rolloutNext);
  const readOnly = useReadOnly();
  const query = usePreviewGraph(
    { namespaces, graphType, window, injectServiceNodes: serviceNodes, changes, matchShares },
    state !== undefined && applier.appliedAt === undefined,
  );
  const preview = query.data;
  // A rollout step moves the rollout itself: the warning that a direct weight edit would pause it does not apply.
  const findings = (preview?.findings ?? []).filter((f) => !(state?.rolloutNext && f.code === 'rollout_drift'));
  // The notice above says these; the assumptions list keeps the rest.
  const notModelled = new Set(unmodelledEffects(changes));
  const assumptions = (preview?.assumptions ?? []).filter((a) => !notModelled.has(a));

  if (!state) {
    return (
      <PageSection>
        <Alert variant="danger" isInline title="This preview link is not readable" data-testid="preview-bad-link">
          <Button variant="link" isInline onClick={onExit}>
            Show the live graph
          </Button>
        </Alert>
      </PageSection>
    );
  }
  return (
    <PageSection data-testid="graph-preview" aria-label="Preview on graph">
      <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }}>
        <Title headingLevel="h1">Preview: {state.label}</Title>
        <Flex>
          {state.returnTo && (
            <Link to={state.returnTo} data-testid="preview-back">
              Back to the form
            </Link>
          )}
          <Button variant="link" onClick={onExit} data-testid="preview-exit">
            Live graph
          </Button>
          <Button
            variant="primary"
            onClick={applier.apply}
            isLoading={applier.isPending}
            isDisabled={readOnly || applier.appliedAt !== undefined || !preview}
            data-testid="preview-apply"
          >
            {applier.appliedAt !== undefined ? 'Applied' : 'Apply'}
          </Button>
        </Flex>
      </Flex>
      {applier.error && <ApiErrorAlert error={applier.error} />}
      {/* After Apply the preview's base version is gone (a refetch would be a stale 409): not an error. */}
      {query.error && applier.appliedAt === undefined && <ApiErrorAlert error={query.error} />}
      <NotModelledNotice changes={changes} />
      {!preview && query.isPending && <Loading label="Computing the preview" />}
      {preview && (
        <>
          {applier.appliedAt !== undefined && (
            <AfterApply
              preview={preview}
              appliedAt={applier.appliedAt}
              graphType={graphType}
              injectServiceNodes={serviceNodes}
            />
          )}
          <Covers preview={preview} />
          {preview.metricsError && (
            <Alert variant="warning" isInline title="Metrics unavailable: the preview has no demand to work from">
              {preview.metricsError}
            </Alert>
          )}
          <TrafficCoverageNotices coverage={preview} window={preview.window} showEmpty={preview.edges.length === 0} />
          {preview.blastRadius.length > 0 ? (
            <section aria-label="Blast radius" data-testid="blast-radius">
              <Title headingLevel="h2" size="md">
                Blast radius: callers that would see new errors
              </Title>
              <List>
                {preview.blastRadius.map((b) => {
                  const node = preview.nodes.find((n) => n.id === b.node);
                  return (
                    <ListItem key={b.node} data-testid="blast-radius-node" data-node={b.node}>
                      Callers of {node ? [node.name, node.version].filter(Boolean).join(' ') : b.node} ({b.edges.length}{' '}
                      edge{b.edges.length === 1 ? '' : 's'}): up to {formatPercent(b.expectedErrorRate, 1)} of requests
                      fail (now {formatPercent(b.nowErrorRate, 1)})
                      {b.expectedFailingRetriesPerSec > 0 &&
                        `, and ${formatRps(b.expectedFailingRetriesPerSec)} retried attempts fail that the callers' retries hide`}
                    </ListItem>
                  );
                })}
              </List>
            </section>
          ) : (
            <p data-testid="blast-radius-none">No caller would see new errors.</p>
          )}
          <UnknownSharesForm unknown={preview.unknownShares} given={matchShares} onChange={setMatchShares} />
          {assumptions.length > 0 && (
            <section aria-label="Assumptions" data-testid="preview-assumptions">
              <Title headingLevel="h2" size="md">
                What the prediction assumes
              </Title>
              <List>
                {assumptions.map((a) => (
                  <ListItem key={a}>{a}</ListItem>
                ))}
              </List>
            </section>
          )}
          {findings.length > 0 && (
            <Alert variant="warning" isInline title="Validation warnings">
              <List>
                {findings.map((f) => (
                  <ListItem key={`${f.object}${f.path}${f.code}`}>
                    {f.object} {f.path}: {f.message}
                  </ListItem>
                ))}
              </List>
            </Alert>
          )}
          <ToggleGroup aria-label="Edge labels">
            {LABELS.map((l) => (
              <ToggleGroupItem key={l.id} text={l.text} isSelected={mode === l.id} onChange={() => setMode(l.id)} />
            ))}
          </ToggleGroup>
          <PreviewCanvas preview={preview} mode={mode} />
          <PreviewTable preview={preview} />
        </>
      )}
    </PageSection>
  );
}

import { useMemo, useState } from 'react';
import { Form, ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import type { RouteView, ServiceTraffic, VirtualServiceView } from '@sluice/model';
import { findingsAt } from '@/components/findings-list';
import { formatPercent } from '@/lib/format';
import { useEditBase } from '@/lib/edit-kit/use-edit-base';
import { StaleBaseWarning } from '@/components/stale-base-warning';
import { isRolloutConflict } from '@/lib/edit-kit/use-object-writer';
import { useVsWriter } from '../hooks/use-vs-writer';
import { canMove, isValidSplit, maxFor, presetsFor, rebalance } from '../utils/split-math';
import { observedColumn, observedForVs } from '../utils/observed-for-vs';
import { buildSplitRows, initialWeights, observedFor, weightsEdit } from '../utils/split-rows';
import { ApplyDiffSection } from '@/lib/edit-kit/edit-preview';
import { WeightsFormFooter } from './weights-form-footer';
import { SplitRowControl } from './split-row-control';

interface TrafficShiftingFormProps {
  traffic: ServiceTraffic;
  vs: VirtualServiceView;
  route: RouteView;
}

/** Linked sliders for one route's weighted destinations; the total is 100 at every step. */
export function TrafficShiftingForm({ traffic, vs, route: latestRoute }: TrafficShiftingFormProps) {
  // Rows and weights come from the route the edit is based on, which is the latest one unless the user has unsaved edits.
  const base = useEditBase({ route: latestRoute, subsets: traffic.subsets }, vs.resourceVersion, (s) =>
    initialWeights(buildSplitRows(s.route, s.subsets)),
  );
  const { route, subsets } = base.source;
  const rows = useMemo(() => buildSplitRows(route, subsets), [route, subsets]);
  const weights = base.values;
  const setWeights = base.setValues;
  // Locks belong to rows (by key), not to positions, so a new base with other rows cannot misapply them.
  const [lockedKeys, setLockedKeys] = useState<ReadonlySet<string>>(() => new Set());
  const locked = useMemo(() => rows.map((r) => lockedKeys.has(r.key)), [rows, lockedKeys]);
  const unlockAll = () => setLockedKeys(new Set());
  const writer = useVsWriter(
    { namespace: vs.namespace, name: vs.name },
    base.resourceVersion,
    { namespace: traffic.namespace, name: traffic.service },
    base.commit,
  );
  const dirty = base.dirty;
  const edit = useMemo(() => weightsEdit(route, rows, weights), [route, rows, weights]);
  const readOnly = Boolean(vs.managedBy) || writer.readOnly;
  const routePath = `spec.${route.kind}[${route.index}]`;
  const observed = useMemo(() => observedForVs(traffic.observed, vs), [traffic.observed, vs]);
  const observedCol = observedColumn(vs, route, observed.scope);

  // A rollout holds this route (known from the view, or learnt from a 409): weights go through only with an explicit override.
  const heldByRollout =
    (route.kind === 'http' && vs.rollout?.httpRouteIndex === route.index) || isRolloutConflict(writer.error);
  const [override, setOverride] = useState(false);
  const setRow = (i: number, value: number) => setWeights((ws) => rebalance(ws, locked, i, value));
  // Rows whose field holds text that is not a usable weight (by row key): Apply waits until they are fixed.
  type Draft = { text: string; message: string };
  const [drafts, setDrafts] = useState<ReadonlyMap<string, Draft>>(() => new Map());
  const handleDraft = (key: string, draft: Draft | undefined) =>
    setDrafts((m) => {
      if (!draft && !m.has(key)) return m;
      const next = new Map(m);
      if (draft) next.set(key, draft);
      else next.delete(key);
      return next;
    });
  const hasInputProblem = rows.some((r) => drafts.has(r.key));
  // Apply writes only what the diff shows: it waits while the preview is catching up with the form.
  const [previewCurrent, setPreviewCurrent] = useState(false);
  const handleReset = () => {
    setDrafts(new Map());
    base.reset();
  };
  const handleApply = async () => {
    if (await writer.apply([edit], heldByRollout && override ? { overrideRollout: true } : {})) {
      unlockAll();
      setOverride(false);
    }
  };

  return (
    <Form
      onSubmit={(e) => e.preventDefault()}
      aria-label={`Traffic shifting for ${route.kind} route ${route.index}`}
      data-testid="traffic-shifting-form"
    >
      {rows.length >= 2 && (
        <ToggleGroup aria-label="Split presets" isCompact>
          {presetsFor(rows.map((r) => r.label)).map((p) => (
            <ToggleGroupItem
              key={p.id}
              text={p.text}
              isSelected={p.weights.every((w, i) => weights[i] === w)}
              isDisabled={readOnly}
              onChange={() => {
                setDrafts(new Map());
                setWeights(p.weights);
                unlockAll();
              }}
              data-testid={`preset-${p.id}`}
            />
          ))}
        </ToggleGroup>
      )}
      <div className="sluice-split-grid">
        <div className="sluice-split-row sluice-split-head" aria-hidden="true">
          <span>Destination</span>
          <span>Weight</span>
          <span />
          <span />
          <span>Expected</span>
          <span title={`Observed over ${traffic.observed.window}: ${observedCol.coverage}`}>{observedCol.heading}</span>
        </div>
        {rows.map((row, i) => {
          const fieldFindings = findingsAt(writer.findings, `${routePath}.route[${i}]`);
          return (
            <SplitRowControl
              key={row.key}
              row={row}
              weight={weights[i] ?? 0}
              max={maxFor(weights, locked, i)}
              locked={locked[i] ?? false}
              movable={!readOnly && canMove(locked, i)}
              observed={observedCol.perRow ? observedFor(row, observed.versions, traffic.subsets) : undefined}
              error={fieldFindings.map((f) => f.message).join('; ') || undefined}
              onWeight={(v) => setRow(i, v)}
              draft={drafts.get(row.key)}
              onDraft={(d) => handleDraft(row.key, d)}
              onToggleLock={() =>
                setLockedKeys((ks) => {
                  const next = new Set(ks);
                  if (!next.delete(row.key)) next.add(row.key);
                  return next;
                })
              }
            />
          );
        })}
      </div>
      {!observedCol.perRow && (
        <p className="sluice-muted" data-testid="observed-all-routes">
          Observed over {traffic.observed.window} ({observedCol.coverage}):{' '}
          {observed.versions.map((v) => `${v.version} ${formatPercent(v.share)}`).join(' · ') || 'no traffic'}
        </p>
      )}
      <p className="sluice-muted" data-testid="split-total">
        Total {weights.reduce((a, b) => a + b, 0)}% {vs.managedBy && `· weights are managed by ${vs.managedBy}`}
        {hasInputProblem && ' · fix the weight marked in red to apply'}
      </p>
      <StaleBaseWarning edit={base} isPending={writer.isPending} />
      {dirty && (
        <ApplyDiffSection
          stale={base.stale !== null}
          target={{ plural: 'virtualservices', namespace: vs.namespace, name: vs.name }}
          resourceVersion={vs.resourceVersion}
          edits={[edit]}
          onCurrentChange={setPreviewCurrent}
        />
      )}
      <WeightsFormFooter
        target={{ plural: 'virtualservices', namespace: vs.namespace, name: vs.name }}
        resourceVersion={base.resourceVersion}
        edit={edit}
        previewLabel={`Split ${rows.map((r, i) => `${r.label} ${weights[i] ?? 0}%`).join(' / ')} on ${vs.namespace}/${vs.name}`}
        writer={writer}
        dirty={dirty}
        readOnly={readOnly}
        hasInputProblem={hasInputProblem}
        validSplit={isValidSplit(weights)}
        previewCurrent={previewCurrent}
        held={heldByRollout ? { traffic, rollout: vs.rollout, override, setOverride } : undefined}
        onApply={() => void handleApply()}
        onReset={handleReset}
      />
    </Form>
  );
}

import { useMemo, useState } from 'react';
import { Form, ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import type { GatewayRouteView, ServiceTraffic } from '@sluice/model';
import { findingsAt } from '@/components/findings-list';
import { StaleBaseWarning } from '@/components/stale-base-warning';
import { ApplyDiffSection } from '@/lib/edit-kit/edit-preview';
import { useEditBase } from '@/lib/edit-kit/use-edit-base';
import { isRolloutConflict } from '@/lib/edit-kit/use-object-writer';
import { useRouteWriter } from '../hooks/use-route-writer';
import { backendWeightsEdit, buildBackendRows, initialBackendWeights, observedForBackend } from '../utils/backend-rows';
import { canMove, isValidSplit, maxFor, presetsFor, rebalance } from '../utils/split-math';
import { WeightsFormFooter } from './weights-form-footer';
import { SplitRowControl } from './split-row-control';

interface BackendWeightsFormProps {
  traffic: ServiceTraffic;
  route: GatewayRouteView;
  ruleIndex: number;
}

/**
 * Linked sliders for one HTTPRoute rule's backendRefs, built from the same parts as the
 * VirtualService form (split math, presets, the edit kit's base version, dry-run diff, conflict
 * dialog): the total is 100 at every step and Apply writes the weights through setBackendWeights.
 */
export function BackendWeightsForm({ traffic, route: latestRoute, ruleIndex }: BackendWeightsFormProps) {
  const base = useEditBase(latestRoute, latestRoute.resourceVersion, (r) =>
    initialBackendWeights(
      r.rules[ruleIndex] ?? { index: ruleIndex, matchSummary: [], backends: [], expected: [], filters: [] },
    ),
  );
  const route = base.source;
  const rule = route.rules[ruleIndex];
  const rows = useMemo(() => (rule ? buildBackendRows(rule) : []), [rule]);
  const weights = base.values;
  const [lockedKeys, setLockedKeys] = useState<ReadonlySet<string>>(() => new Set());
  const locked = useMemo(() => rows.map((r) => lockedKeys.has(r.key)), [rows, lockedKeys]);
  const writer = useRouteWriter(
    { namespace: route.namespace, name: route.name },
    base.resourceVersion,
    { namespace: traffic.namespace, name: traffic.service },
    base.commit,
  );
  type Draft = { text: string; message: string };
  const [drafts, setDrafts] = useState<ReadonlyMap<string, Draft>>(() => new Map());
  const [previewCurrent, setPreviewCurrent] = useState(false);
  const [override, setOverride] = useState(false);
  if (!rule) return null;
  // A rollout holds this rule (known from the view, or learnt from a 409): weights go through only with an explicit override.
  const heldByRollout = latestRoute.rollout?.httpRouteIndex === rule.index || isRolloutConflict(writer.error);
  const edit = backendWeightsEdit(rule, weights);
  const readOnly = writer.readOnly;
  const hasInputProblem = rows.some((r) => drafts.has(r.key));
  const handleDraft = (key: string, draft: Draft | undefined) =>
    setDrafts((m) => {
      const next = new Map(m);
      if (draft) next.set(key, draft);
      else next.delete(key);
      return next;
    });
  const handleApply = async () => {
    if (await writer.apply([edit], heldByRollout && override ? { overrideRollout: true } : {})) {
      setLockedKeys(new Set());
      setOverride(false);
    }
  };
  const rulePath = `spec.rules[${rule.index}]`;
  const scopeText = route.scope === 'gateway' ? 'gateway callers' : 'mesh callers';

  return (
    <Form
      onSubmit={(e) => e.preventDefault()}
      aria-label={`Backend weights for ${route.kind} ${route.name} rule ${rule.index}`}
      data-testid="backend-weights-form"
      data-route={route.name}
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
                base.setValues(p.weights);
                setLockedKeys(new Set());
              }}
              data-testid={`preset-${p.id}`}
            />
          ))}
        </ToggleGroup>
      )}
      <div className="sluice-split-grid">
        <div className="sluice-split-row sluice-split-head" aria-hidden="true">
          <span>Backend</span>
          <span>Weight</span>
          <span />
          <span />
          <span>Expected</span>
          <span title={`Observed over ${traffic.observed.window}, ${scopeText}, by the version behind each backend`}>
            Observed ({scopeText})
          </span>
        </div>
        {rows.map((row, i) => {
          const backend = rule.backends[i];
          return (
            <SplitRowControl
              key={row.key}
              row={row}
              weight={weights[i] ?? 0}
              max={maxFor(weights, locked, i)}
              locked={locked[i] ?? false}
              movable={!readOnly && canMove(locked, i)}
              observed={backend ? observedForBackend(traffic, route, backend) : undefined}
              error={
                findingsAt(writer.findings, `${rulePath}.backendRefs[${i}]`)
                  .map((f) => f.message)
                  .join('; ') || undefined
              }
              onWeight={(v) => base.setValues((ws) => rebalance(ws, locked, i, v))}
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
      <p className="sluice-muted" data-testid="split-total">
        Total {weights.reduce((a, b) => a + b, 0)}%{hasInputProblem && ' · fix the weight marked in red to apply'}
      </p>
      <StaleBaseWarning edit={base} isPending={writer.isPending} />
      {base.dirty && (
        <ApplyDiffSection
          stale={base.stale !== null}
          target={{ plural: 'httproutes', namespace: route.namespace, name: route.name }}
          resourceVersion={latestRoute.resourceVersion}
          edits={[edit]}
          onCurrentChange={setPreviewCurrent}
        />
      )}
      <WeightsFormFooter
        target={{ plural: 'httproutes', namespace: route.namespace, name: route.name }}
        resourceVersion={base.resourceVersion}
        edit={edit}
        previewLabel={`Backend weights of ${route.kind} ${route.namespace}/${route.name} rule ${rule.index}: ${rows
          .map((r, i) => `${r.label} ${weights[i] ?? 0}%`)
          .join(', ')}`}
        writer={writer}
        dirty={base.dirty}
        readOnly={readOnly}
        hasInputProblem={hasInputProblem}
        validSplit={isValidSplit(weights)}
        previewCurrent={previewCurrent}
        held={heldByRollout ? { traffic, rollout: latestRoute.rollout, override, setOverride } : undefined}
        onApply={() => void handleApply()}
        onReset={() => {
          setDrafts(new Map());
          base.reset();
        }}
      />
    </Form>
  );
}

import { useMemo, useState } from 'react';
import { ActionGroup, Button, Form, ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import type { RouteView, ServiceTraffic, VirtualServiceView } from '@sluice/model';
import { findingsAt } from '../../../components/findings-list';
import { useVsWriter } from '../hooks/use-vs-writer';
import { applyPreset, canMove, isValidSplit, maxFor, PRESETS, rebalance } from '../utils/split-math';
import { observedForVs } from '../utils/observed-for-vs';
import { buildSplitRows, initialWeights, observedFor, weightsEdit } from '../utils/split-rows';
import { EditPreview } from './edit-preview';
import { SplitRowControl } from './split-row-control';
import { WriteFeedback } from './write-feedback';

interface TrafficShiftingFormProps {
  traffic: ServiceTraffic;
  vs: VirtualServiceView;
  route: RouteView;
}

/** Linked sliders for one route's weighted destinations; the total is 100 at every step. */
export function TrafficShiftingForm({ traffic, vs, route }: TrafficShiftingFormProps) {
  const rows = useMemo(() => buildSplitRows(route, traffic.subsets), [route, traffic.subsets]);
  const start = useMemo(() => initialWeights(rows), [rows]);
  const [weights, setWeights] = useState(start);
  const [locked, setLocked] = useState<boolean[]>(() => rows.map(() => false));
  const writer = useVsWriter({ namespace: vs.namespace, name: vs.name }, vs.resourceVersion, { namespace: traffic.namespace, name: traffic.service });
  const dirty = weights.some((w, i) => w !== start[i]);
  const edit = useMemo(() => weightsEdit(route, rows, weights), [route, rows, weights]);
  const readOnly = Boolean(vs.managedBy) || writer.readOnly;
  const routePath = `spec.${route.kind}[${route.index}]`;
  const observed = useMemo(() => observedForVs(traffic.observed, vs), [traffic.observed, vs]);

  const setRow = (i: number, value: number) => setWeights((ws) => rebalance(ws, locked, i, value));
  const handleApply = async () => {
    if (await writer.apply([edit])) setLocked(rows.map(() => false));
  };

  return (
    <Form onSubmit={(e) => e.preventDefault()} aria-label={`Traffic shifting for ${route.kind} route ${route.index}`} data-testid="traffic-shifting-form">
      {rows.length >= 2 && (
        <ToggleGroup aria-label="Split presets" isCompact>
          {PRESETS.map((p) => (
            <ToggleGroupItem
              key={p.join('-')}
              text={`${p[0]}/${p[1]}`}
              aria-label={`Preset ${p[0]}% ${rows[0]?.label}, ${p[1]}% ${rows[1]?.label}`}
              isSelected={weights[0] === p[0] && weights[1] === p[1]}
              isDisabled={readOnly}
              onChange={() => {
                setWeights(applyPreset(rows.length, p));
                setLocked(rows.map(() => false));
              }}
              data-testid={`preset-${p[0]}-${p[1]}`}
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
          <span title={observed.scope === 'service' ? 'All requests to the service' : `Requests from ${observed.scope === 'gateway' ? 'gateways' : 'in-mesh clients'} only`}>
            Observed{observed.scope === 'service' ? '' : ` (${observed.scope})`}
          </span>
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
              observed={observedFor(row, observed.versions, traffic.subsets)}
              error={fieldFindings.map((f) => f.message).join('; ') || undefined}
              onWeight={(v) => setRow(i, v)}
              onToggleLock={() => setLocked((ls) => ls.map((l, j) => (j === i ? !l : l)))}
            />
          );
        })}
      </div>
      <p className="sluice-muted" data-testid="split-total">
        Total {weights.reduce((a, b) => a + b, 0)}% {vs.managedBy && `· weights are managed by ${vs.managedBy}`}
      </p>
      {dirty && (
        <section aria-label="YAML diff of this change">
          <h4 className="sluice-subhead">What Apply will write</h4>
          <EditPreview vs={vs} resourceVersion={vs.resourceVersion} edits={[edit]} />
        </section>
      )}
      <WriteFeedback writer={writer} />
      <ActionGroup>
        <Button variant="primary" onClick={() => void handleApply()} isDisabled={!dirty || readOnly || !isValidSplit(weights)} isLoading={writer.isPending} data-testid="apply-weights">
          Apply
        </Button>
        <Button variant="link" onClick={() => setWeights(start)} isDisabled={!dirty}>
          Reset
        </Button>
      </ActionGroup>
    </Form>
  );
}

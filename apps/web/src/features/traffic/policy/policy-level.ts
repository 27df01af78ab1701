import type { DestinationRule, DestinationRuleEdit, TrafficPolicy, TrafficPolicyInput } from '@sluice/model';

/* Where a policy form reads and writes: the whole host, or one subset of the DestinationRule. */

/** `undefined` is the whole host. */
export type PolicyLevel = string | undefined;

export interface PolicyFormProps {
  dr: DestinationRule;
  level: PolicyLevel;
  onDirtyChange?: (dirty: boolean) => void;
}

export function policyAt(dr: DestinationRule, subset: PolicyLevel): TrafficPolicy {
  const holder = subset === undefined ? dr.spec : dr.spec.subsets?.find((s) => s.name === subset);
  return (holder?.trafficPolicy ?? {}) as TrafficPolicy;
}

export const policyEdit = (subset: PolicyLevel, policy: TrafficPolicyInput): DestinationRuleEdit => ({
  op: 'setTrafficPolicy',
  ...(subset === undefined ? {} : { subset }),
  policy,
});

/** The path validation reports a level's policy at (findings are shown next to the field they name). */
export function policyPath(dr: DestinationRule, subset: PolicyLevel): string {
  if (subset === undefined) return 'spec.trafficPolicy';
  return `spec.subsets[${dr.spec.subsets?.findIndex((s) => s.name === subset) ?? -1}].trafficPolicy`;
}

/** The success toast's line. */
export function describePolicyEdits(edits: DestinationRuleEdit[]): string {
  return edits
    .map((e) => {
      if (e.op === 'setSubsets') return `subsets: ${e.subsets.map((s) => s.name).join(', ')}`;
      const where = e.subset ? `subset ${e.subset}` : 'whole host';
      if (e.policy === null) return `${where}: traffic policy removed`;
      const parts = Object.entries(e.policy).map(([k, v]) => (v === null ? `${k} removed` : `${k} set`));
      return `${where}: ${parts.join(', ')}`;
    })
    .join('; ');
}

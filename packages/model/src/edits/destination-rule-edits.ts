import { z } from 'zod';
import type { DestinationRule, Subset } from '../resources/istio';
import {
  POLICY_FIELDS,
  trafficPolicyInputSchema,
  type TrafficPolicy,
  type TrafficPolicyInput,
} from '../resources/traffic-policy';
import { EditError } from './edit-error';

/*
 * Edit operations on a DestinationRule (POST .../destinationrules/:name/edits). Like the VirtualService
 * ops they are pure, copy only the path down to what they change, own a fixed set of fields and carry
 * everything else over; values istiod would refuse are validation's, not edit errors.
 */

/**
 * Sets the policy of the whole host (no `subset`), of one subset, and with `portLevel` of one port at
 * that level. Owns loadBalancer, connectionPool, outlierDetection and tls there (see
 * trafficPolicyInputSchema: left out = kept, null = removed); `policy: null` removes all four (and, at
 * port level, the port's entry). A policy left empty is removed, so clearing leaves no `{}` behind.
 */
export const setTrafficPolicyEditSchema = z.strictObject({
  op: z.literal('setTrafficPolicy'),
  subset: z.string().min(1).optional(),
  portLevel: z.number().int().min(1).max(65535).optional(),
  policy: trafficPolicyInputSchema.nullable(),
});
export type SetTrafficPolicyEdit = z.infer<typeof setTrafficPolicyEditSchema>;

export const subsetInputSchema = z.strictObject({
  name: z.string().min(1),
  labels: z.record(z.string(), z.string()).optional(),
});
/**
 * Replaces the subset list (order kept). A subset whose name was already there keeps its trafficPolicy
 * and other fields; only `labels` is taken from the edit. Subsets left out are removed.
 */
export const setSubsetsEditSchema = z.strictObject({
  op: z.literal('setSubsets'),
  subsets: z.array(subsetInputSchema),
});

export const destinationRuleEditSchema = z.discriminatedUnion('op', [setTrafficPolicyEditSchema, setSubsetsEditSchema]);
export type DestinationRuleEdit = z.infer<typeof destinationRuleEditSchema>;

const isEmpty = (o: object) => Object.keys(o).length === 0;

/** The four owned fields merged into `current` (left out = kept, null = removed). */
function mergePolicy<T extends Record<string, unknown>>(current: T, policy: TrafficPolicyInput | null): T {
  const next: Record<string, unknown> = { ...current };
  for (const field of POLICY_FIELDS) {
    const value = policy === null ? null : policy[field];
    if (value === undefined) continue;
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return next as T;
}

/** The policy at one level with one port's settings changed (the entry is removed when it holds only its port). */
function withPortPolicy(policy: TrafficPolicy, port: number, change: TrafficPolicyInput | null): TrafficPolicy {
  const ports = [...(policy.portLevelSettings ?? [])];
  const at = ports.findIndex((p) => p.port?.number === port);
  const merged = mergePolicy(at >= 0 ? { ...ports[at] } : { port: { number: port } }, change);
  const { port: _port, ...settings } = merged;
  if (isEmpty(settings)) {
    if (at >= 0) ports.splice(at, 1);
  } else if (at >= 0) ports[at] = merged;
  else ports.push(merged);
  const next: TrafficPolicy = { ...policy, portLevelSettings: ports };
  if (ports.length === 0) delete next.portLevelSettings;
  return next;
}

function changePolicy(policy: TrafficPolicy | undefined, edit: SetTrafficPolicyEdit): TrafficPolicy | undefined {
  const base = policy ?? {};
  const next =
    edit.portLevel === undefined ? mergePolicy(base, edit.policy) : withPortPolicy(base, edit.portLevel, edit.policy);
  return isEmpty(next) ? undefined : next;
}

const withPolicy = <T extends { trafficPolicy?: Record<string, unknown> | undefined }>(
  holder: T,
  policy: TrafficPolicy | undefined,
): T => {
  const next = { ...holder, trafficPolicy: policy };
  if (policy === undefined) delete next.trafficPolicy;
  return next;
};

export function setTrafficPolicy(dr: DestinationRule, edit: SetTrafficPolicyEdit): DestinationRule {
  if (edit.subset === undefined) {
    return { ...dr, spec: withPolicy(dr.spec, changePolicy(dr.spec.trafficPolicy as TrafficPolicy, edit)) };
  }
  const subsets = dr.spec.subsets ?? [];
  const at = subsets.findIndex((s) => s.name === edit.subset);
  if (at < 0) {
    const names = subsets.map((s) => s.name).join(', ') || 'none';
    throw new EditError('subset_not_found', 'spec.subsets', `no subset "${edit.subset}" (subsets: ${names})`);
  }
  const next = [...subsets];
  const subset = subsets[at] as Subset;
  next[at] = withPolicy(subset, changePolicy(subset.trafficPolicy as TrafficPolicy, edit));
  return { ...dr, spec: { ...dr.spec, subsets: next } };
}

export function setSubsets(
  dr: DestinationRule,
  subsets: readonly z.infer<typeof subsetInputSchema>[],
): DestinationRule {
  const existing = new Map((dr.spec.subsets ?? []).map((s) => [s.name, s]));
  const next: Subset[] = subsets.map((s) => {
    const kept = existing.get(s.name);
    const merged: Subset = { ...kept, name: s.name, labels: s.labels };
    if (s.labels === undefined) delete merged.labels;
    return merged;
  });
  const { subsets: _old, ...rest } = dr.spec;
  return { ...dr, spec: next.length === 0 ? rest : { ...rest, subsets: next } };
}

/** DestinationRule edits in order, all or nothing (the first that cannot apply throws, with its position). */
export function applyDestinationRuleEdits(dr: DestinationRule, edits: readonly DestinationRuleEdit[]): DestinationRule {
  return edits.reduce((current, edit, i) => {
    try {
      return edit.op === 'setTrafficPolicy' ? setTrafficPolicy(current, edit) : setSubsets(current, edit.subsets);
    } catch (error) {
      throw error instanceof EditError ? error.withEditIndex(i) : error;
    }
  }, dr);
}

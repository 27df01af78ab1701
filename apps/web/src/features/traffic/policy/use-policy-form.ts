import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { DestinationRule, DestinationRuleEdit, TrafficPolicy } from '@sluice/model';
import { useEditBase } from '@/lib/edit-kit/use-edit-base';
import { useObjectWriter } from '@/lib/edit-kit/use-object-writer';
import { destinationRuleQueryOptions } from '../api/get-destination-rule';
import { describePolicyEdits, policyAt, policyPath, type PolicyLevel } from './policy-level';

/**
 * The edit kit wired for one policy form on one level of a DestinationRule: the form's values start
 * from the stored policy at that level (and follow it while pristine), Apply writes with the version
 * they were based on, and a stale 409 reloads the rule and reapplies.
 */
export function usePolicyForm<T>(
  dr: DestinationRule,
  level: PolicyLevel,
  toValues: (policy: TrafficPolicy) => T,
  /** Told whether the form has unsaved edits (the card keeps the level fixed meanwhile). */
  onDirtyChange?: (dirty: boolean) => void,
) {
  const client = useQueryClient();
  const namespace = dr.metadata.namespace ?? 'default';
  const name = dr.metadata.name;
  const edit = useEditBase(dr, dr.metadata.resourceVersion ?? '', (source) => toValues(policyAt(source, level)));
  const reloadVersion = useCallback(async () => {
    const fresh = await client.fetchQuery({ ...destinationRuleQueryOptions(namespace, name), staleTime: 0 });
    return fresh.metadata.resourceVersion;
  }, [client, name, namespace]);
  const writer = useObjectWriter({ plural: 'destinationrules', namespace, name }, edit.resourceVersion, {
    describe: describePolicyEdits,
    reloadVersion,
    onWritten: edit.commit,
  });
  useEffect(() => onDirtyChange?.(edit.dirty), [edit.dirty, onDirtyChange]);
  // Apply stays off until the diff shown is the diff of what Apply sends.
  const [previewCurrent, setPreviewCurrent] = useState(false);
  return {
    edit,
    writer,
    target: { plural: 'destinationrules' as const, namespace, name },
    base: policyPath(edit.source, level),
    previewCurrent,
    setPreviewCurrent,
    apply: (edits: DestinationRuleEdit[]) => void writer.apply(edits),
  };
}

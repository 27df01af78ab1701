/*
 * What predictTraffic cannot see in a change, said in the preview's assumptions rather than left to
 * look like "no change": it routes each request class at the hop the change is on, with the observed
 * request mix of every later hop, and knows nothing of connection-level policy. So a DestinationRule's
 * traffic policy (load balancing, connection pool, outlier detection, TLS) changes nothing it predicts,
 * and headers set or paths rewritten at this hop do not re-steer the matching of a later hop.
 */

/** A pending change as the preview request carries it: the kind and its edits' ops (and filter types). */
export interface ChangeOps {
  kind: string;
  edits: readonly { op: string }[];
}

/** The filter types of a Gateway API setFilters edit (the preview request carries edits unparsed). */
function filterTypes(edit: { op: string }): Set<unknown> {
  const filters = (edit as { filters?: unknown }).filters;
  return new Set(Array.isArray(filters) ? filters.map((f) => (f as { type?: unknown } | null)?.type) : []);
}

const POLICY =
  'DestinationRule traffic policies (load balancing, connection pool, outlier detection, TLS) are not modelled: the expected traffic ignores this policy change';
const HEADERS =
  'header operations are not modelled beyond this hop: requests are assumed to reach later hops with the headers they were observed with, so a route there matching on a header this change sets or removes is not re-steered';
const REWRITE =
  'path and authority rewrites are not modelled beyond this hop: the destination is assumed to receive the same request mix as observed (a later hop matching on the new path is not re-steered)';

/** One line per thing the changes do that the prediction does not model, in a stable order. */
export function unmodelledEffects(changes: readonly ChangeOps[]): string[] {
  const notes = new Set<string>();
  for (const { kind, edits } of changes) {
    for (const edit of edits) {
      if (kind === 'DestinationRule' && edit.op === 'setTrafficPolicy') notes.add(POLICY);
      if (kind === 'VirtualService' && edit.op === 'setHeaders') notes.add(HEADERS);
      if (kind === 'VirtualService' && edit.op === 'setRewrite') notes.add(REWRITE);
      if (edit.op === 'setFilters') {
        const types = filterTypes(edit);
        if (types.has('RequestHeaderModifier')) notes.add(HEADERS);
        if (types.has('URLRewrite')) notes.add(REWRITE);
      }
    }
  }
  return [POLICY, HEADERS, REWRITE].filter((n) => notes.has(n));
}

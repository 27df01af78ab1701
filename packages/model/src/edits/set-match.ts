import type { HTTPMatchRequest, VirtualService } from '../resources/istio';
import type { RouteRef } from '../resources/route-ref';
import type { HttpMatchSpec } from './route-edit-schemas';
import { locateRouteOfKind, omit, updateRoute } from './route-access';

/** The fields of Istio's HTTPMatchRequest this op writes; anything else in a block is not Sluice's to drop. */
const GRAMMAR = [
  'name',
  'uri',
  'scheme',
  'method',
  'authority',
  'headers',
  'withoutHeaders',
  'queryParams',
  'port',
  'sourceLabels',
  'gateways',
  'sourceNamespace',
  'ignoreUriCase',
] as const;

const copy = <T>(value: T): T => structuredClone(value);

/*
 * The match list of an http route, in Istio's full grammar. The list given is the whole list (an
 * empty one removes `match`: the route then takes every request that reaches it). Block i keeps the
 * unknown fields block i had (e.g. a newer Istio's `statPrefix`); the known ones are exactly the spec's.
 */
export function setMatch(vs: VirtualService, ref: RouteRef, match: readonly HttpMatchSpec[]): VirtualService {
  const at = locateRouteOfKind(vs, ref, ['http'], 'setMatch');
  return updateRoute(vs, 'http', at.index, (route) => {
    const rest = omit(route, 'match');
    if (match.length === 0) return rest;
    const blocks = match.map((spec, i) => {
      const block: HTTPMatchRequest = omit(route.match?.[i] ?? {}, ...GRAMMAR);
      for (const key of GRAMMAR) if (spec[key] !== undefined) (block as Record<string, unknown>)[key] = copy(spec[key]);
      return block;
    });
    return { ...rest, match: blocks };
  });
}

import { z } from 'zod';
import type { BackendRef, HTTPRouteFilter, KubeGRPCRoute, KubeHTTPRoute, KubeTCPRoute } from '../resources/gateway-api';
import { headerNameSchema } from '../resources/header-name';
import { EditError } from './edit-error';

/*
 * Edit operations on Gateway API routes (POST .../{httproutes|grpcroutes|tcproutes}/:name/edits).
 * Like the VirtualService ops they are pure, address one rule by its index in `spec.rules`, copy only
 * the path down to it and own a fixed set of fields; everything else is carried over. Shapes only
 * here: the spec's value rules (path values, filter pairs, weight range) are validation's.
 */

const ruleIndexSchema = z.number().int().min(0);

export const backendWeightSchema = z.strictObject({ name: z.string().min(1), weight: z.number().finite() });
/**
 * Sets the weight of every backendRef of one rule, by backendRef name. The list names each of the
 * rule's backendRefs once: weights are relative, so one left out would silently change the others'
 * share. Other backendRef fields (port, filters, namespace) are kept.
 */
export const setBackendWeightsEditSchema = z.strictObject({
  op: z.literal('setBackendWeights'),
  rule: ruleIndexSchema,
  weights: z.array(backendWeightSchema).min(1),
});

const nameValueSchema = z.strictObject({
  type: z.enum(['Exact', 'RegularExpression']).optional(),
  name: z.string().min(1),
  value: z.string(),
});
export const httpMatchInputSchema = z.strictObject({
  path: z
    .strictObject({ type: z.enum(['Exact', 'PathPrefix', 'RegularExpression']), value: z.string().min(1) })
    .optional(),
  headers: z.array(nameValueSchema.extend({ name: headerNameSchema })).optional(),
  queryParams: z.array(nameValueSchema).optional(),
  method: z.string().min(1).optional(),
});
export type HttpMatchInput = z.infer<typeof httpMatchInputSchema>;
/** Replaces the rule's `matches`; `null` removes them (the rule then matches every request). */
export const setHttpMatchEditSchema = z.strictObject({
  op: z.literal('setMatch'),
  rule: ruleIndexSchema,
  matches: z.array(httpMatchInputSchema).min(1).nullable(),
});

export const grpcMatchInputSchema = z.strictObject({
  method: z
    .strictObject({
      type: z.enum(['Exact', 'RegularExpression']).optional(),
      service: z.string().min(1).optional(),
      method: z.string().min(1).optional(),
    })
    .optional(),
  headers: z.array(nameValueSchema.extend({ name: headerNameSchema })).optional(),
});
export const setGrpcMatchEditSchema = z.strictObject({
  op: z.literal('setMatch'),
  rule: ruleIndexSchema,
  matches: z.array(grpcMatchInputSchema).min(1).nullable(),
});

const headerValueSchema = z.strictObject({ name: headerNameSchema, value: z.string() });
const headerModifierInputSchema = z.strictObject({
  set: z.array(headerValueSchema).optional(),
  add: z.array(headerValueSchema).optional(),
  remove: z.array(headerNameSchema).optional(),
});
const pathModifierInputSchema = z.union([
  z.strictObject({ type: z.literal('ReplaceFullPath'), replaceFullPath: z.string().min(1) }),
  z.strictObject({ type: z.literal('ReplacePrefixMatch'), replacePrefixMatch: z.string().min(1) }),
]);
const serviceRefSchema = z.strictObject({
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
  port: z.number().int().min(1).max(65535),
});

const requestHeaderModifierFilter = z.strictObject({
  type: z.literal('RequestHeaderModifier'),
  requestHeaderModifier: headerModifierInputSchema,
});
const requestRedirectFilter = z.strictObject({
  type: z.literal('RequestRedirect'),
  requestRedirect: z.strictObject({
    scheme: z.enum(['http', 'https']).optional(),
    hostname: z.string().min(1).optional(),
    path: pathModifierInputSchema.optional(),
    port: z.number().int().min(1).max(65535).optional(),
    statusCode: z.number().int().optional(),
  }),
});
const urlRewriteFilter = z.strictObject({
  type: z.literal('URLRewrite'),
  urlRewrite: z.strictObject({ hostname: z.string().min(1).optional(), path: pathModifierInputSchema.optional() }),
});
const requestMirrorFilter = z.strictObject({
  type: z.literal('RequestMirror'),
  requestMirror: z.strictObject({ backendRef: serviceRefSchema, percent: z.number().int().optional() }),
});

/** The filter types setFilters owns; other types on the rule (ExtensionRef, ResponseHeaderModifier) are kept. */
export const OWNED_FILTER_TYPES = ['RequestHeaderModifier', 'RequestRedirect', 'URLRewrite', 'RequestMirror'] as const;

/** Replaces the rule's filters of the four owned types with `filters` (an empty list removes them). */
export const setFiltersEditSchema = z.strictObject({
  op: z.literal('setFilters'),
  rule: ruleIndexSchema,
  filters: z.array(
    z.discriminatedUnion('type', [
      requestHeaderModifierFilter,
      requestRedirectFilter,
      urlRewriteFilter,
      requestMirrorFilter,
    ]),
  ),
});
/** GRPCRoute has no redirect or rewrite filters. */
export const setGrpcFiltersEditSchema = z.strictObject({
  op: z.literal('setFilters'),
  rule: ruleIndexSchema,
  filters: z.array(z.discriminatedUnion('type', [requestHeaderModifierFilter, requestMirrorFilter])),
});

export const httpRouteEditSchema = z.discriminatedUnion('op', [
  setBackendWeightsEditSchema,
  setHttpMatchEditSchema,
  setFiltersEditSchema,
]);
export type HttpRouteEdit = z.infer<typeof httpRouteEditSchema>;
export const grpcRouteEditSchema = z.discriminatedUnion('op', [
  setBackendWeightsEditSchema,
  setGrpcMatchEditSchema,
  setGrpcFiltersEditSchema,
]);
export type GrpcRouteEdit = z.infer<typeof grpcRouteEditSchema>;
export const tcpRouteEditSchema = z.discriminatedUnion('op', [setBackendWeightsEditSchema]);
export type TcpRouteEdit = z.infer<typeof tcpRouteEditSchema>;

type AnyRoute = KubeHTTPRoute | KubeGRPCRoute | KubeTCPRoute;
type RuleOf<R extends AnyRoute> = NonNullable<R['spec']['rules']>[number];

/** A copy of the route with rule `index` replaced by `change(rule)`; EditError when there is no such rule. */
function withRule<R extends AnyRoute>(route: R, index: number, change: (rule: RuleOf<R>) => RuleOf<R>): R {
  const rules = (route.spec.rules ?? []) as RuleOf<R>[];
  const rule = rules[index];
  if (!rule)
    throw new EditError(
      'route_not_found',
      'spec.rules',
      `rule ${index} does not exist (the route has ${rules.length})`,
    );
  const next = rules.map((r, i) => (i === index ? change(r) : r));
  return { ...route, spec: { ...route.spec, rules: next } };
}

export function setBackendWeights<R extends AnyRoute>(
  route: R,
  ruleIndex: number,
  weights: readonly { name: string; weight: number }[],
): R {
  return withRule(route, ruleIndex, (rule) => {
    const refs: BackendRef[] = rule.backendRefs ?? [];
    const path = `spec.rules[${ruleIndex}].backendRefs`;
    const byName = new Map<string, number>();
    for (const w of weights) {
      if (byName.has(w.name)) throw new EditError('invalid_edit', path, `backendRef "${w.name}" is named twice`);
      if (!refs.some((r) => r.name === w.name))
        throw new EditError(
          'invalid_edit',
          path,
          `rule ${ruleIndex} has no backendRef "${w.name}" (has ${refs.map((r) => r.name).join(', ') || 'none'})`,
        );
      byName.set(w.name, w.weight);
    }
    const missing = refs.filter((r) => !byName.has(r.name)).map((r) => r.name);
    if (missing.length > 0)
      throw new EditError(
        'invalid_edit',
        path,
        `weights must name every backendRef of the rule; missing ${missing.join(', ')}`,
      );
    return { ...rule, backendRefs: refs.map((r) => ({ ...r, weight: byName.get(r.name) ?? r.weight })) };
  });
}

export function setRouteMatches<R extends KubeHTTPRoute | KubeGRPCRoute>(
  route: R,
  ruleIndex: number,
  matches: readonly object[] | null,
): R {
  return withRule(route, ruleIndex, (rule) => {
    const next = { ...rule } as Record<string, unknown>;
    if (matches === null) delete next.matches;
    else next.matches = matches.map((m) => ({ ...m }));
    return next as RuleOf<R>;
  });
}

export function setRouteFilters<R extends KubeHTTPRoute | KubeGRPCRoute>(
  route: R,
  ruleIndex: number,
  filters: readonly HTTPRouteFilter[],
): R {
  return withRule(route, ruleIndex, (rule) => {
    const kept = (rule.filters ?? []).filter((f) => !(OWNED_FILTER_TYPES as readonly string[]).includes(f.type));
    const all = [...kept, ...filters.map((f) => ({ ...f }))];
    const next = { ...rule } as Record<string, unknown>;
    if (all.length === 0) delete next.filters;
    else next.filters = all;
    return next as RuleOf<R>;
  });
}

function applyAll<R, E>(route: R, edits: readonly E[], one: (r: R, e: E) => R): R {
  return edits.reduce((current, edit, i) => {
    try {
      return one(current, edit);
    } catch (error) {
      throw error instanceof EditError ? error.withEditIndex(i) : error;
    }
  }, route);
}

export function applyHttpRouteEdits(route: KubeHTTPRoute, edits: readonly HttpRouteEdit[]): KubeHTTPRoute {
  return applyAll(route, edits, (r, e) => {
    switch (e.op) {
      case 'setBackendWeights':
        return setBackendWeights(r, e.rule, e.weights);
      case 'setMatch':
        return setRouteMatches(r, e.rule, e.matches);
      case 'setFilters':
        return setRouteFilters(r, e.rule, e.filters);
    }
  });
}

export function applyGrpcRouteEdits(route: KubeGRPCRoute, edits: readonly GrpcRouteEdit[]): KubeGRPCRoute {
  return applyAll(route, edits, (r, e) => {
    switch (e.op) {
      case 'setBackendWeights':
        return setBackendWeights(r, e.rule, e.weights);
      case 'setMatch':
        return setRouteMatches(r, e.rule, e.matches);
      case 'setFilters':
        return setRouteFilters(r, e.rule, e.filters);
    }
  });
}

export function applyTcpRouteEdits(route: KubeTCPRoute, edits: readonly TcpRouteEdit[]): KubeTCPRoute {
  return applyAll(route, edits, (r, e) => setBackendWeights(r, e.rule, e.weights));
}

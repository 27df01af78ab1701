import { z } from 'zod';
import { guardedRecord, headerNameSchema, headerRecord } from '../resources/header-name';
import { routeRefSchema } from '../resources/route-ref';

/*
 * Edits of what an http route does besides splitting (rewrite, redirect, header operations, the full
 * match grammar) and of the route list itself (add, remove, move: order decides the first match).
 * Shapes only, as every edit schema: regexes, redirect codes, exclusive fields and Istio's header
 * name rule are checked by validation on the result, with paths into the object.
 */

const nonEmpty = z.string().min(1);

export const rewriteSpecSchema = z.strictObject({
  /** Replaces the matched prefix (prefix match) or the whole path. Excludes uriRegexRewrite. */
  uri: nonEmpty.optional(),
  /** RE2 `match` over the path, `rewrite` with \1-style groups. */
  uriRegexRewrite: z.strictObject({ match: z.string(), rewrite: z.string() }).optional(),
  /** The Host/:authority the destination sees. */
  authority: nonEmpty.optional(),
});
export type RewriteSpec = z.infer<typeof rewriteSpecSchema>;
/** The route's rewrite (`uri`, `uriRegexRewrite`, `authority`); the spec is the whole rewrite, null removes it. */
export const setRewriteEditSchema = z.strictObject({
  op: z.literal('setRewrite'),
  route: routeRefSchema,
  rewrite: rewriteSpecSchema.nullable(),
});

export const redirectSpecSchema = z.strictObject({
  uri: nonEmpty.optional(),
  authority: nonEmpty.optional(),
  port: z.number().int().min(1).max(65535).optional(),
  derivePort: z.enum(['FROM_PROTOCOL_DEFAULT', 'FROM_REQUEST_PORT']).optional(),
  scheme: nonEmpty.optional(),
  /** 301 when left out; Envoy can answer 301, 302, 303, 307 or 308. */
  redirectCode: z.number().int().optional(),
});
export type RedirectSpec = z.infer<typeof redirectSpecSchema>;
/** The route's redirect; the spec is the whole redirect, null removes it. A redirect excludes `route` and `rewrite`. */
export const setRedirectEditSchema = z.strictObject({
  op: z.literal('setRedirect'),
  route: routeRefSchema,
  redirect: redirectSpecSchema.nullable(),
});

export const headerOperationsSpecSchema = z.strictObject({
  set: headerRecord(z.string()).optional(),
  add: headerRecord(z.string()).optional(),
  remove: z.array(headerNameSchema).optional(),
});
export type HeaderOperationsSpec = z.infer<typeof headerOperationsSpecSchema>;
export const headersSpecSchema = z.strictObject({
  /** Applied to the request before it is forwarded to the destination. */
  request: headerOperationsSpecSchema.optional(),
  /** Applied to the response before it is returned to the caller. */
  response: headerOperationsSpecSchema.optional(),
});
export type HeadersSpec = z.infer<typeof headersSpecSchema>;
/**
 * Header operations of a route, or with `destinationIndex` of one of its weighted destinations
 * (`route[i].headers`, applied only to requests sent there). The spec is the whole `headers`; null removes it.
 */
export const setHeadersEditSchema = z.strictObject({
  op: z.literal('setHeaders'),
  route: routeRefSchema,
  destinationIndex: z.number().int().nonnegative().optional(),
  headers: headersSpecSchema.nullable(),
});

const stringMatchSpec = z.union([
  z.strictObject({ exact: z.string() }),
  z.strictObject({ prefix: z.string() }),
  z.strictObject({ regex: z.string() }),
]);
/** Header and query parameter conditions: `{}` means "present" (Istio's reading of an empty StringMatch). */
const presentOrMatchSpec = z.union([stringMatchSpec, z.strictObject({})]);

/** One HTTPMatchRequest in Istio's full grammar; its conditions are AND-ed, a route's blocks OR-ed. */
export const httpMatchSpecSchema = z.strictObject({
  name: nonEmpty.optional(),
  uri: stringMatchSpec.optional(),
  scheme: stringMatchSpec.optional(),
  method: stringMatchSpec.optional(),
  authority: stringMatchSpec.optional(),
  headers: headerRecord(presentOrMatchSpec).optional(),
  withoutHeaders: headerRecord(presentOrMatchSpec).optional(),
  queryParams: guardedRecord(nonEmpty, presentOrMatchSpec).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  sourceLabels: z.record(nonEmpty, z.string()).optional(),
  gateways: z.array(nonEmpty).optional(),
  sourceNamespace: nonEmpty.optional(),
  /** exact and prefix uri matches ignore case (regex stays as written). */
  ignoreUriCase: z.boolean().optional(),
});
export type HttpMatchSpec = z.infer<typeof httpMatchSpecSchema>;
/** The route's `match` list; an empty list removes it, so the route matches every request. */
export const setMatchEditSchema = z.strictObject({
  op: z.literal('setMatch'),
  route: routeRefSchema,
  match: z.array(httpMatchSpecSchema),
});

/**
 * A new, empty http route (fill it with setMatch, setWeights or setRedirect in the same request; a
 * route with no action is refused by validation). `at` is its position; left out, it goes right
 * before the first route without `match` (a catch-all, after which nothing is reached), or last.
 */
export const addRouteEditSchema = z.strictObject({
  op: z.literal('addRoute'),
  name: nonEmpty.optional(),
  at: z.number().int().nonnegative().optional(),
});
export const removeRouteEditSchema = z.strictObject({
  op: z.literal('removeRoute'),
  route: routeRefSchema,
});
/** Moves a route to position `to` of its list (http, tcp or tls): the first route that matches wins. */
export const moveRouteEditSchema = z.strictObject({
  op: z.literal('moveRoute'),
  route: routeRefSchema,
  to: z.number().int().nonnegative(),
});

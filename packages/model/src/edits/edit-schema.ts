import { z } from 'zod';
import { headerRecord } from '../resources/header-name';
import { routeRefSchema } from '../resources/route-ref';
import {
  addRouteEditSchema,
  moveRouteEditSchema,
  removeRouteEditSchema,
  setHeadersEditSchema,
  setMatchEditSchema,
  setRedirectEditSchema,
  setRewriteEditSchema,
} from './route-edit-schemas';

/*
 * The edit operations the API applies to a VirtualService (POST .../virtualservices/:name/edits).
 * Shapes only: value rules (ranges, durations, sums) are checked by validation on the result, so
 * the user gets one list of findings with paths into the object they will store.
 */

export const destinationRefSchema = z.strictObject({
  host: z.string().min(1),
  subset: z.string().min(1).optional(),
  port: z.number().int().min(1).max(65535).optional(),
});
export type DestinationRef = z.infer<typeof destinationRefSchema>;

export const weightedDestinationSchema = z.strictObject({
  destination: destinationRefSchema,
  weight: z.number().finite(),
});
export type WeightedDestination = z.infer<typeof weightedDestinationSchema>;

export const setWeightsEditSchema = z.strictObject({
  op: z.literal('setWeights'),
  route: routeRefSchema,
  weights: z.array(weightedDestinationSchema).min(1),
});

export const faultSpecSchema = z.strictObject({
  delay: z.strictObject({ percent: z.number().finite(), fixedDelay: z.string().min(1) }).optional(),
  abort: z.strictObject({ percent: z.number().finite(), httpStatus: z.number().int() }).optional(),
});
export type FaultSpec = z.infer<typeof faultSpecSchema>;
export const setFaultEditSchema = z.strictObject({
  op: z.literal('setFault'),
  route: routeRefSchema,
  fault: faultSpecSchema.nullable(),
});

export const mirrorSpecSchema = z.strictObject({
  destination: destinationRefSchema,
  percent: z.number().finite(),
});
export type MirrorSpec = z.infer<typeof mirrorSpecSchema>;
/**
 * `mirror` writes the single `mirror` + `mirrorPercentage` fields; `mirrors` writes the list form.
 * Whichever is written, the other form is removed, so the two never coexist.
 */
export const setMirrorEditSchema = z.strictObject({
  op: z.literal('setMirror'),
  route: routeRefSchema,
  mirror: mirrorSpecSchema.nullable().optional(),
  mirrors: z.array(mirrorSpecSchema).optional(),
});

export const setTimeoutEditSchema = z.strictObject({
  op: z.literal('setTimeout'),
  route: routeRefSchema,
  /** Go-style duration ("1s", "500ms"); null removes the timeout. */
  timeout: z.string().min(1).nullable(),
});

export const retriesSpecSchema = z.strictObject({
  attempts: z.number().int(),
  perTryTimeout: z.string().min(1).optional(),
  retryOn: z.string().min(1).optional(),
});
export type RetriesSpec = z.infer<typeof retriesSpecSchema>;
export const setRetriesEditSchema = z.strictObject({
  op: z.literal('setRetries'),
  route: routeRefSchema,
  retries: retriesSpecSchema.nullable(),
});

export const stringMatchInputSchema = z.union([
  z.strictObject({ exact: z.string() }),
  z.strictObject({ prefix: z.string() }),
  z.strictObject({ regex: z.string() }),
]);
export const matchConditionSchema = z.strictObject({
  headers: headerRecord(stringMatchInputSchema).optional(),
  uri: stringMatchInputSchema.optional(),
});
export type MatchCondition = z.infer<typeof matchConditionSchema>;
/**
 * Insert (or replace, when an http route with `name` exists) a match route ahead of the default
 * route: requests matching any of `match` go to `destinations`. `remove: true` deletes the named route.
 */
export const setMatchRouteEditSchema = z.strictObject({
  op: z.literal('setMatchRoute'),
  name: z.string().min(1),
  match: z.array(matchConditionSchema).min(1).optional(),
  destinations: z.array(weightedDestinationSchema).min(1).optional(),
  remove: z.boolean().optional(),
});

export const setTcpWeightsEditSchema = z.strictObject({
  op: z.literal('setTcpWeights'),
  route: routeRefSchema,
  weights: z.array(weightedDestinationSchema).min(1),
});

export const editSchema = z.discriminatedUnion('op', [
  setWeightsEditSchema,
  setFaultEditSchema,
  setMirrorEditSchema,
  setTimeoutEditSchema,
  setRetriesEditSchema,
  setMatchRouteEditSchema,
  setTcpWeightsEditSchema,
  setRewriteEditSchema,
  setRedirectEditSchema,
  setHeadersEditSchema,
  setMatchEditSchema,
  addRouteEditSchema,
  removeRouteEditSchema,
  moveRouteEditSchema,
]);
export type Edit = z.infer<typeof editSchema>;
export type EditOp = Edit['op'];

import { z } from 'zod';
import { edgeProtocolSchema, graphNodeSchema, graphTypeSchema, serviceSplitSchema } from '../graph/schema';
import { trafficCoverageShape } from '../traffic/coverage';
import { findingSchema } from '../validation/finding';

/*
 * POST /api/graph/preview (issue 20): the graph with pending changes overlaid. The query is GET
 * /api/graph's; the body lists the changes as they would be sent to each object's edits endpoint
 * (validated the same way, nothing written) and the shares of request classes the metrics cannot
 * see. The answer pairs every edge's observed traffic (`now`) with what the changed config would do
 * to that same window's demand (`expected`), and names the blast radius.
 */

export const pendingChangeSchema = z.object({
  namespace: z.string().min(1),
  /** The object's kind (`VirtualService`, ...): any kind the edit registry has an entry for. */
  kind: z.string().min(1),
  name: z.string().min(1),
  resourceVersion: z.string().min(1),
  /** Edits of the kind's registry entry (EDIT_KINDS); checked with that entry's request schema. */
  edits: z.array(z.looseObject({ op: z.string() })).min(1),
});
export type PendingChange = z.infer<typeof pendingChangeSchema>;

export const graphPreviewRequestSchema = z.object({
  changes: z.array(pendingChangeSchema).min(1, 'at least one change to preview'),
  /** Share (0..1) of a call's requests in a class the metrics cannot tell apart, by `unknownShares[].key`. */
  matchShares: z.record(z.string(), z.number().min(0).max(1)).optional(),
});
export type GraphPreviewRequest = z.infer<typeof graphPreviewRequestSchema>;

export const edgeTrafficSchema = z.object({
  /** Requests per second the client sends (connections/s for TCP), retries not counted. */
  rps: z.number().nonnegative(),
  /** Fraction of the source's traffic over this protocol (mirrors excluded). */
  share: z.number().min(0).max(1),
  /** Fraction with 4xx, 5xx or no response, as the client sees them (injected aborts count). */
  errorRate: z.number().min(0).max(1),
  latencyP95Ms: z.number().nonnegative().optional(),
  /** Retried attempts the destination serves beyond the client's requests, and their error rate. */
  retries: z.object({ rps: z.number().nonnegative(), errorRate: z.number().min(0).max(1) }).optional(),
});
export type EdgeTraffic = z.infer<typeof edgeTrafficSchema>;

export const previewChangeKindSchema = z.enum(['same', 'changed', 'appears', 'disappears']);
export type PreviewChangeKind = z.infer<typeof previewChangeKindSchema>;

export const previewEdgeSchema = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  protocol: edgeProtocolSchema,
  mirrored: z.boolean().optional(),
  /** What the window observed; absent when the edge carries no traffic now. */
  now: edgeTrafficSchema.optional(),
  /** What the changed config would do with the same demand; absent when the edge would carry none. */
  expected: edgeTrafficSchema.optional(),
  change: previewChangeKindSchema,
  /** Callers on this edge would see new errors (final, or on retried attempts). */
  inBlastRadius: z.boolean(),
});
export type PreviewEdge = z.infer<typeof previewEdgeSchema>;

export const previewNodeSchema = graphNodeSchema.extend({
  /** Service nodes: the version split per scope (mesh, each gateway) under the changed config. */
  expectedSplits: z.array(serviceSplitSchema).optional(),
});
export type PreviewNode = z.infer<typeof previewNodeSchema>;

export const blastRadiusEntrySchema = z.object({
  /** The node whose callers would see new errors. */
  node: z.string(),
  /** The caller edges that would see them. */
  edges: z.array(z.string()),
  /** Highest error rate the callers see on those edges, now and expected (final outcomes, after retries). */
  nowErrorRate: z.number().min(0).max(1),
  expectedErrorRate: z.number().min(0).max(1),
  /** Failing retried attempts per second expected on those edges: errors the callers' retries hide. */
  expectedFailingRetriesPerSec: z.number().nonnegative(),
});
export type BlastRadiusEntry = z.infer<typeof blastRadiusEntrySchema>;

export const unknownShareSchema = z.object({
  key: z.string(),
  description: z.string(),
  assumedShare: z.number().min(0).max(1),
});

export const graphPreviewSchema = z.object({
  timestamp: z.string(),
  /** The observed window both sides cover: `expected` is this window's demand under the changed config. */
  window: z.string(),
  graphType: graphTypeSchema,
  namespaces: z.array(z.string()),
  nodes: z.array(previewNodeSchema),
  edges: z.array(previewEdgeSchema),
  blastRadius: z.array(blastRadiusEntrySchema),
  /** Request classes the metrics cannot tell apart: give their share in `matchShares` to refine. */
  unknownShares: z.array(unknownShareSchema),
  /** What the prediction had to assume, for the user. */
  assumptions: z.array(z.string()),
  /** Warnings the changes' validation found (errors are refused with 422). */
  findings: z.array(findingSchema.extend({ object: z.string() })),
  metricsError: z.string().optional(),
  ...trafficCoverageShape,
});
export type GraphPreview = z.infer<typeof graphPreviewSchema>;

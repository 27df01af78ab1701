import { z } from 'zod';

/** Addresses one route of a VirtualService: by position in its http/tcp/tls list, or an http route by name. */
export const routeKindSchema = z.enum(['http', 'tcp', 'tls']);
export type RouteKind = z.infer<typeof routeKindSchema>;

export const routeRefSchema = z.union([
  z.strictObject({ kind: routeKindSchema, index: z.number().int().nonnegative() }),
  z.strictObject({ kind: z.literal('http'), name: z.string().min(1) }),
]);
export type RouteRef = z.infer<typeof routeRefSchema>;

export function formatRouteRef(ref: RouteRef): string {
  return 'name' in ref ? `http route "${ref.name}"` : `${ref.kind}[${ref.index}]`;
}

import { z } from 'zod';

/** One validation result. `path` is a dotted/indexed path into the object, e.g. `spec.http[0].route[1].weight`. */
export const findingSeveritySchema = z.enum(['error', 'warning', 'info']);
export type FindingSeverity = z.infer<typeof findingSeveritySchema>;

export const findingSchema = z.object({
  path: z.string(),
  code: z.string(),
  severity: findingSeveritySchema,
  message: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

import { z } from 'zod';

/*
 * Header names as keys of a match's `headers` map. A JSON body can carry a key "__proto__"; zod (and
 * any plain-object copy) drops it, so an edit asking to match on it answered 200 and wrote a route
 * without that condition: a route matching more requests than asked. Such names are refused with
 * the path instead of lost. zod skips "__proto__" before a record's key schema sees it, so the check
 * runs on the raw input, ahead of the record.
 */

/** RFC 9110 token characters: what Envoy accepts as a header name. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export const headerNameSchema = z
  .string()
  .min(1)
  .regex(TOKEN, { message: "not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)" });

/** A record keyed by header names that refuses a "__proto__" key rather than dropping it. */
export function headerRecord<V extends z.ZodType>(value: V) {
  return guardedRecord(headerNameSchema, value);
}

/** A record that refuses a "__proto__" key rather than dropping it (header names, query parameters). */
export function guardedRecord<V extends z.ZodType>(key: z.ZodType<string>, value: V) {
  return z.preprocess(
    (input, ctx) => {
      if (input !== null && typeof input === 'object' && Object.prototype.hasOwnProperty.call(input, '__proto__'))
        ctx.issues.push({
          code: 'custom',
          path: ['__proto__'],
          message: 'the name "__proto__" cannot be stored; use another name',
          input,
        });
      return input;
    },
    z.record(key, value),
  );
}

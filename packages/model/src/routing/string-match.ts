import type { StringMatch } from '../resources/istio';
import { translateRe2 } from '../resources/re2';

/*
 * Istio's StringMatch: exact, prefix or regex (RE2, always a full match). An empty StringMatch
 * ({}) means "present" in header and query-param matches, so callers decide what {} means.
 */

const regexCache = new Map<string, RegExp | null>();

/**
 * Compile an RE2 pattern as an anchored JS RegExp, read with RE2's grammar (`translateRe2`: a
 * leading "(?i)" becomes the JS "i" flag, `(?P<name>`, `[[:alpha:]]`, `\Q...\E` are understood).
 * A pattern RE2 refuses yields null, and a null pattern never matches (Envoy would have refused the
 * config; validation reports it).
 */
export function compileRe2(pattern: string, ignoreCase = false): RegExp | null {
  const key = `${ignoreCase ? 'i' : '-'}:${pattern}`;
  const cached = regexCache.get(key);
  if (cached !== undefined) return cached;
  const t = translateRe2(pattern);
  const flags = new Set([...(t.ok ? t.flags : ''), ...(ignoreCase ? 'i' : ''), 'u']);
  const compiled = t.ok ? new RegExp(`^(?:${t.source})$`, [...flags].join('')) : null;
  regexCache.set(key, compiled);
  return compiled;
}

/** True when the StringMatch names no condition: Istio reads that as "the value is present". */
export function isEmptyStringMatch(m: StringMatch): boolean {
  return m.exact === undefined && m.prefix === undefined && m.regex === undefined;
}

/**
 * Whether `value` satisfies `m`. An undefined value (absent header/param) never matches.
 * `ignoreCase` (ignoreUriCase) applies to exact and prefix only, as Istio documents: regex stays
 * case-sensitive unless the pattern itself says "(?i)".
 */
export function stringMatches(m: StringMatch, value: string | undefined, ignoreCase = false): boolean {
  if (value === undefined) return false;
  if (m.exact !== undefined) {
    return ignoreCase ? value.toLowerCase() === m.exact.toLowerCase() : value === m.exact;
  }
  if (m.prefix !== undefined) {
    return ignoreCase ? value.toLowerCase().startsWith(m.prefix.toLowerCase()) : value.startsWith(m.prefix);
  }
  if (m.regex !== undefined) {
    const re = compileRe2(m.regex);
    return re !== null && re.test(value);
  }
  return true;
}

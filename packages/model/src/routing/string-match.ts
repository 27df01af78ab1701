import type { StringMatch } from '../resources/istio';

/*
 * Istio's StringMatch: exact, prefix or regex (RE2, always a full match). An empty StringMatch
 * ({}) means "present" in header and query-param matches, so callers decide what {} means.
 */

const regexCache = new Map<string, RegExp | null>();

/**
 * Compile an RE2 pattern as an anchored JS RegExp. RE2's leading inline flag "(?i)" becomes the
 * JS "i" flag; other RE2-only syntax that JS rejects yields null, and a null pattern never matches
 * (Envoy would have refused the config; validation reports it).
 */
export function compileRe2(pattern: string, ignoreCase = false): RegExp | null {
  const key = `${ignoreCase ? 'i' : '-'}:${pattern}`;
  const cached = regexCache.get(key);
  if (cached !== undefined) return cached;
  let body = pattern;
  let flags = ignoreCase ? 'i' : '';
  if (body.startsWith('(?i)')) {
    body = body.slice(4);
    flags = 'i';
  }
  let compiled: RegExp | null;
  try {
    compiled = new RegExp(`^(?:${body})$`, `${flags}u`);
  } catch {
    try {
      // Some RE2 patterns (e.g. "\-" escapes) are legal in JS only without the unicode flag.
      compiled = new RegExp(`^(?:${body})$`, flags);
    } catch {
      compiled = null;
    }
  }
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

import { parseDurationMs } from '../resources/duration';
import { re2Problem } from '../resources/re2';
import type { Percent, StringMatch } from '../resources/istio';
import type { Finding } from './finding';
import { error } from './codes';

/* Small checks istiod applies to values wherever they appear. */

/** Go-style duration, at least 1ms and in whole milliseconds (istiod's ValidateDuration). */
export function checkDuration(value: string | undefined, path: string): Finding[] {
  if (value === undefined) return [];
  const ms = parseDurationMs(value);
  if (ms === undefined)
    return [error(path, 'duration_invalid', `"${value}" is not a duration (use e.g. 500ms, 1s, 1m30s)`)];
  if (ms < 1) return [error(path, 'duration_too_short', `duration ${value} is shorter than 1ms`)];
  if (!Number.isInteger(Math.round(ms * 1e6) / 1e6))
    return [error(path, 'duration_precision', `duration ${value} is finer than whole milliseconds`)];
  return [];
}

/** Fault percentages: 0 (off) or 0.0001..100; Envoy's fractional percent cannot express less. */
export function checkFaultPercentage(p: Percent | undefined, path: string): Finding[] {
  if (p === undefined) return [];
  const v = p.value;
  if (!Number.isFinite(v) || v < 0 || v > 100 || (v > 0 && v < 0.0001)) {
    return [error(`${path}.value`, 'fault_percentage_range', `percentage ${v} must be 0 or between 0.0001 and 100`)];
  }
  return [];
}

export function checkMirrorPercentage(value: number | undefined, path: string): Finding[] {
  if (value === undefined) return [];
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    return [error(path, 'mirror_percentage_range', `mirror percentage ${value} must be between 0 and 100`)];
  }
  return [];
}

/** exact, prefix or regex: exactly one. `allowEmpty` for header/query matches, where `{}` means "present". */
export function checkStringMatch(m: StringMatch | undefined, path: string, allowEmpty = false): Finding[] {
  if (m === undefined) return [];
  const set = (['exact', 'prefix', 'regex'] as const).filter((k) => m[k] !== undefined);
  if (set.length === 1) return m.regex === undefined ? [] : checkRegex(m.regex, `${path}.regex`);
  if (set.length === 0 && allowEmpty) return [];
  const what = set.length === 0 ? 'none' : set.join(' and ');
  return [error(path, 'string_match_invalid', `a match needs exactly one of exact, prefix or regex (found ${what})`)];
}

/** A regex Envoy compiles with RE2: not empty, and in RE2's grammar (no lookarounds, no backreferences). */
export function checkRegex(pattern: string, path: string): Finding[] {
  if (pattern === '') return [error(path, 'regex_invalid', 'a regex cannot be empty')];
  const problem = re2Problem(pattern);
  return problem ? [error(path, 'regex_invalid', `not an RE2 regex: ${problem}`)] : [];
}

/**
 * Envoy's retry conditions (x-envoy-retry-on and x-envoy-retry-grpc-on), which istiod accepts in
 * retryOn, plus plain HTTP status codes (turned into retriable-status-codes).
 */
export const RETRY_ON_CONDITIONS = new Set([
  '5xx',
  'gateway-error',
  'reset',
  'reset-before-request',
  'connect-failure',
  'envoy-ratelimited',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'retriable-headers',
  'http3-post-connect-failure',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
]);

export function checkRetryOn(value: string | undefined, path: string): Finding[] {
  if (value === undefined) return [];
  const bad = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => !(RETRY_ON_CONDITIONS.has(s) || (/^\d{3}$/.test(s) && Number(s) >= 100 && Number(s) <= 599)));
  if (bad.length === 0) return [];
  return [error(path, 'retry_on_invalid', `retryOn has unknown condition(s) ${bad.map((b) => `"${b}"`).join(', ')}`)];
}

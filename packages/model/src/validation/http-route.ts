import type { HTTPFaultInjection, HTTPRoute } from '../resources/istio';
import type { Finding } from './finding';
import { error, keyPath, warning } from './codes';
import { checkDestinations } from './destinations';
import { checkHeaderName, checkHeaderOperations, checkRedirect, checkRewrite } from './http-route-actions';
import {
  checkDuration,
  checkFaultPercentage,
  checkMirrorPercentage,
  checkRetryOn,
  checkStringMatch,
} from './field-rules';

const ACTIONS = ['route', 'redirect', 'directResponse', 'delegate'] as const;

/** istiod's field rules for one http route, at `path` (e.g. `spec.http[0]`). */
export function checkHttpRoute(route: HTTPRoute, path: string): Finding[] {
  const findings: Finding[] = [];
  const actions = ACTIONS.filter((a) => (a === 'route' ? (route.route?.length ?? 0) > 0 : route[a] !== undefined));
  if (actions.length === 0) {
    findings.push(
      error(path, 'route_action_missing', 'an http route needs one of route, redirect, directResponse or delegate'),
    );
  } else if (actions.length > 1) {
    findings.push(
      error(`${path}.${actions[1]}`, 'route_action_multiple', `an http route takes only one of ${actions.join(', ')}`),
    );
  }
  if (route.redirect && route.fault)
    findings.push(error(`${path}.fault`, 'redirect_with_fault', 'a redirect route cannot inject faults'));
  if (route.redirect && route.rewrite)
    findings.push(error(`${path}.rewrite`, 'redirect_with_rewrite', 'a redirect route cannot rewrite'));
  if (route.directResponse && (route.directResponse.status < 200 || route.directResponse.status > 599)) {
    findings.push(
      error(`${path}.directResponse.status`, 'direct_response_status_range', 'directResponse status must be 200..599'),
    );
  }
  findings.push(...checkDestinations(route.route, `${path}.route`));
  findings.push(...checkMatches(route, path));
  findings.push(...checkRewrite(route, path), ...checkRedirect(route, path), ...checkHeaderOperations(route, path));
  if (route.fault) findings.push(...checkFault(route.fault, `${path}.fault`));
  findings.push(...checkMirrors(route, path));
  findings.push(...checkDuration(route.timeout, `${path}.timeout`));
  if (route.retries) {
    const r = route.retries;
    if (r.attempts !== undefined && r.attempts < 0) {
      findings.push(
        error(`${path}.retries.attempts`, 'retries_attempts_negative', `attempts ${r.attempts} must be 0 or more`),
      );
    }
    findings.push(...checkDuration(r.perTryTimeout, `${path}.retries.perTryTimeout`));
    findings.push(...checkRetryOn(r.retryOn, `${path}.retries.retryOn`));
  }
  return findings;
}

function checkMatches(route: HTTPRoute, path: string): Finding[] {
  const findings: Finding[] = [];
  (route.match ?? []).forEach((m, i) => {
    const at = `${path}.match[${i}]`;
    for (const key of ['uri', 'scheme', 'method', 'authority'] as const)
      findings.push(...checkStringMatch(m[key], `${at}.${key}`));
    for (const key of ['headers', 'withoutHeaders', 'queryParams'] as const) {
      for (const [name, sm] of Object.entries(m[key] ?? {})) {
        const where = keyPath(`${at}.${key}`, name);
        if (key !== 'queryParams') findings.push(...checkHeaderName(name, where));
        findings.push(...checkStringMatch(sm, where, true));
      }
    }
  });
  return findings;
}

function checkFault(fault: HTTPFaultInjection, path: string): Finding[] {
  const findings: Finding[] = [];
  if (!fault.delay && !fault.abort) findings.push(error(path, 'fault_empty', 'a fault needs a delay and/or an abort'));
  if (fault.delay) {
    const d = fault.delay;
    if (d.fixedDelay === undefined && d.exponentialDelay === undefined) {
      findings.push(error(`${path}.delay.fixedDelay`, 'fault_delay_missing', 'a delay needs fixedDelay'));
    }
    findings.push(...checkDuration(d.fixedDelay, `${path}.delay.fixedDelay`));
    findings.push(...checkFaultPercentage(d.percentage, `${path}.delay.percentage`));
    if (d.percentage === undefined && d.percent === undefined) findings.push(implicit(`${path}.delay`));
  }
  if (fault.abort) {
    const a = fault.abort;
    if (a.httpStatus === undefined && a.grpcStatus === undefined && a.http2Error === undefined) {
      findings.push(
        error(`${path}.abort.httpStatus`, 'fault_abort_status_missing', 'an abort needs httpStatus (or grpcStatus)'),
      );
    }
    if (a.httpStatus !== undefined && (a.httpStatus < 200 || a.httpStatus > 599)) {
      findings.push(
        error(`${path}.abort.httpStatus`, 'abort_http_status_range', `httpStatus ${a.httpStatus} must be 200..599`),
      );
    }
    findings.push(...checkFaultPercentage(a.percentage, `${path}.abort.percentage`));
    if (a.percentage === undefined) findings.push(implicit(`${path}.abort`));
  }
  return findings;
}

const implicit = (path: string): Finding =>
  warning(
    `${path}.percentage`,
    'fault_percentage_implicit',
    'no percentage: the fault applies to every request; write percentage.value explicitly',
  );

function checkMirrors(route: HTTPRoute, path: string): Finding[] {
  const findings: Finding[] = [];
  if (route.mirror && route.mirrors) {
    findings.push(
      error(`${path}.mirrors`, 'mirror_and_mirrors', 'use either mirror (+ mirrorPercentage) or mirrors, not both'),
    );
  }
  findings.push(...checkMirrorPercentage(route.mirrorPercentage?.value, `${path}.mirrorPercentage.value`));
  findings.push(...checkMirrorPercentage(route.mirrorPercent, `${path}.mirrorPercent`));
  (route.mirrors ?? []).forEach((m, i) => {
    if (!m.destination.host)
      findings.push(
        error(`${path}.mirrors[${i}].destination.host`, 'destination_host_missing', 'mirror host is required'),
      );
    findings.push(...checkMirrorPercentage(m.percentage?.value, `${path}.mirrors[${i}].percentage.value`));
  });
  if (route.mirror && !route.mirror.host)
    findings.push(error(`${path}.mirror.host`, 'destination_host_missing', 'mirror host is required'));
  return findings;
}

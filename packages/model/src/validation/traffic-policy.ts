import { parseDurationMs } from '../resources/duration';
import type { TrafficPolicy } from '../resources/traffic-policy';
import { error } from './codes';
import { checkDuration } from './field-rules';
import type { Finding } from './finding';

/*
 * istiod's rules for a TrafficPolicy (pilot/pkg/config/validation: validateTrafficPolicy and the
 * validateLoadBalancer / validateConnectionPool / validateOutlierDetection / validateTLS it calls),
 * with paths into the stored object. The proto's unsigned counts cannot be negative in istiod; here
 * the JSON can, so a negative count is refused the way istiod refuses its signed ones.
 */
export function checkTrafficPolicy(policy: TrafficPolicy | undefined, path: string, portLevel = false): Finding[] {
  if (policy === undefined) return [];
  const own = Object.keys(policy).filter((k) => k !== 'port');
  if (own.length === 0)
    return [error(path, 'traffic_policy_empty', 'a traffic policy must set at least one field (or be removed)')];
  const findings = [
    ...checkLoadBalancer(policy.loadBalancer, `${path}.loadBalancer`),
    ...checkConnectionPool(policy.connectionPool, `${path}.connectionPool`),
    ...checkOutlierDetection(policy.outlierDetection, `${path}.outlierDetection`),
    ...checkTls(policy.tls, `${path}.tls`),
  ];
  if (portLevel) return findings;
  (policy.portLevelSettings ?? []).forEach((p, i) => {
    const at = `${path}.portLevelSettings[${i}]`;
    if (typeof p.port?.number !== 'number' || p.port.number < 1 || p.port.number > 65535)
      findings.push(error(`${at}.port`, 'port_level_port_missing', 'a port-level policy needs port.number (1-65535)'));
    findings.push(...checkTrafficPolicy(p, at, true));
  });
  return findings;
}

function checkLoadBalancer(lb: TrafficPolicy['loadBalancer'], path: string): Finding[] {
  if (!lb) return [];
  const findings: Finding[] = [];
  if (lb.simple !== undefined && lb.consistentHash !== undefined)
    findings.push(error(path, 'lb_policy_multiple', 'set either simple or consistentHash, not both'));
  const hash = lb.consistentHash;
  if (hash) {
    const keys = ['httpHeaderName', 'httpCookie', 'useSourceIp', 'httpQueryParameterName'].filter(
      (k) => hash[k as keyof typeof hash] !== undefined && hash[k as keyof typeof hash] !== false,
    );
    if (keys.length !== 1)
      findings.push(
        error(
          `${path}.consistentHash`,
          'consistent_hash_key',
          keys.length === 0
            ? 'consistent hashing needs one key: httpHeaderName, httpCookie, useSourceIp or httpQueryParameterName'
            : `consistent hashing takes one key, not ${keys.join(' and ')}`,
        ),
      );
    if (hash.httpCookie) {
      if (!hash.httpCookie.name)
        findings.push(
          error(`${path}.consistentHash.httpCookie.name`, 'http_cookie_incomplete', 'name required for httpCookie'),
        );
      if (hash.httpCookie.ttl === undefined)
        findings.push(
          error(`${path}.consistentHash.httpCookie.ttl`, 'http_cookie_incomplete', 'ttl required for httpCookie'),
        );
      // 0s is legitimate here (a session cookie), so only the syntax is istiod's concern.
      else if (parseDurationMs(hash.httpCookie.ttl) === undefined)
        findings.push(
          error(
            `${path}.consistentHash.httpCookie.ttl`,
            'duration_invalid',
            `"${hash.httpCookie.ttl}" is not a duration (use e.g. 0s for a session cookie, 1h)`,
          ),
        );
    }
    if (hash.minimumRingSize !== undefined && hash.minimumRingSize < 0)
      findings.push(negative(`${path}.consistentHash.minimumRingSize`, 'connection_pool_negative'));
  }
  findings.push(...checkDuration(lb.warmupDurationSecs, `${path}.warmupDurationSecs`));
  return findings;
}

const negative = (path: string, code: 'connection_pool_negative' | 'outlier_negative') =>
  error(path, code, `${path.slice(path.lastIndexOf('.') + 1)} must be non-negative`);

function counts(
  obj: object | undefined,
  path: string,
  fields: readonly string[],
  code: 'connection_pool_negative' | 'outlier_negative',
) {
  const values = (obj ?? {}) as Record<string, unknown>;
  return fields
    .filter((f) => typeof values[f] === 'number' && (values[f] as number) < 0)
    .map((f) => negative(`${path}.${f}`, code));
}

function checkConnectionPool(pool: TrafficPolicy['connectionPool'], path: string): Finding[] {
  if (!pool) return [];
  if (!pool.tcp && !pool.http)
    return [error(path, 'connection_pool_empty', 'a connection pool must set tcp or http settings (or be removed)')];
  const findings = [
    ...counts(pool.tcp, `${path}.tcp`, ['maxConnections'], 'connection_pool_negative'),
    ...checkDuration(pool.tcp?.connectTimeout, `${path}.tcp.connectTimeout`),
    ...counts(
      pool.http,
      `${path}.http`,
      ['http1MaxPendingRequests', 'http2MaxRequests', 'maxRequestsPerConnection', 'maxRetries'],
      'connection_pool_negative',
    ),
    ...checkDuration(pool.http?.idleTimeout, `${path}.http.idleTimeout`),
  ];
  if (pool.http?.h2UpgradePolicy === 'UPGRADE' && pool.http.useClientProtocol)
    findings.push(
      error(
        `${path}.http.useClientProtocol`,
        'h2_upgrade_with_client_protocol',
        'useClientProtocol must not be true when h2UpgradePolicy is UPGRADE',
      ),
    );
  return findings;
}

function checkOutlierDetection(od: TrafficPolicy['outlierDetection'], path: string): Finding[] {
  if (!od) return [];
  const findings = [
    ...counts(
      od,
      path,
      ['consecutive5xxErrors', 'consecutiveGatewayErrors', 'consecutiveLocalOriginFailures'],
      'outlier_negative',
    ),
    ...checkDuration(od.interval, `${path}.interval`),
    ...checkDuration(od.baseEjectionTime, `${path}.baseEjectionTime`),
  ];
  for (const f of ['maxEjectionPercent', 'minHealthPercent'] as const) {
    const v = od[f];
    if (v !== undefined && (v < 0 || v > 100))
      findings.push(error(`${path}.${f}`, 'outlier_percent_range', `${f} must be in range [0, 100], not ${v}`));
  }
  if (od.consecutiveLocalOriginFailures !== undefined && !od.splitExternalLocalOriginErrors)
    findings.push(
      error(
        `${path}.consecutiveLocalOriginFailures`,
        'outlier_local_origin_without_split',
        'consecutiveLocalOriginFailures is specified, but splitExternalLocalOriginErrors is not true',
      ),
    );
  return findings;
}

function checkTls(tls: TrafficPolicy['tls'], path: string): Finding[] {
  if (!tls) return [];
  const certs = (['clientCertificate', 'privateKey', 'caCertificates'] as const).filter((f) => tls[f] !== undefined);
  if (tls.mode === 'ISTIO_MUTUAL' && (certs.length > 0 || tls.credentialName !== undefined))
    return [
      error(
        path,
        'tls_certificates_not_allowed',
        'ISTIO_MUTUAL uses the mesh certificates: remove clientCertificate, privateKey, caCertificates and credentialName',
      ),
    ];
  if ((tls.mode === 'SIMPLE' || tls.mode === 'MUTUAL') && tls.credentialName !== undefined && certs.length > 0)
    return [error(path, 'tls_certificates_not_allowed', `with credentialName, do not also set ${certs.join(', ')}`)];
  if (tls.mode === 'MUTUAL' && tls.credentialName === undefined)
    return (['clientCertificate', 'privateKey'] as const)
      .filter((f) => tls[f] === undefined)
      .map((f) =>
        error(`${path}.${f}`, 'tls_mutual_certificate_missing', `${f} required for MUTUAL TLS (or set credentialName)`),
      );
  return [];
}

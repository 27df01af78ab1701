import type { Gateway } from '../resources/istio';
import { selectorMatches } from '../resources/kube';
import type { MeshSnapshot } from '../resources/snapshot';
import type { Finding } from './finding';
import { error, warning } from './codes';

const PROTOCOLS = new Set(['HTTP', 'HTTPS', 'GRPC', 'GRPC-WEB', 'HTTP2', 'MONGO', 'TCP', 'TLS']);

/** istiod's rules for a Gateway's servers, and with `ctx` whether its selector picks any workload. */
export function validateGateway(gw: Gateway, ctx?: MeshSnapshot): Finding[] {
  const servers = gw.spec.servers ?? [];
  const findings: Finding[] = [];
  if (servers.length === 0)
    findings.push(error('spec.servers', 'gateway_servers_missing', 'a Gateway needs at least one server'));
  servers.forEach((s, i) => {
    const path = `spec.servers[${i}]`;
    if (s.hosts.length === 0)
      findings.push(error(`${path}.hosts`, 'gateway_server_hosts_missing', 'a server needs at least one host'));
    if (!Number.isInteger(s.port.number) || s.port.number < 1 || s.port.number > 65535) {
      findings.push(error(`${path}.port.number`, 'gateway_port_invalid', `port ${s.port.number} must be 1..65535`));
    }
    if (!PROTOCOLS.has(s.port.protocol.toUpperCase())) {
      findings.push(
        error(
          `${path}.port.protocol`,
          'gateway_protocol_invalid',
          `protocol "${s.port.protocol}" is not one of ${[...PROTOCOLS].join(', ')}`,
        ),
      );
    }
  });
  // Gateways select their workload across namespaces (Istio's default), so any namespace counts.
  if (ctx && gw.spec.selector && !ctx.workloads.some((w) => selectorMatches(gw.spec.selector, w.labels))) {
    findings.push(
      warning(
        'spec.selector',
        'gateway_selector_no_workload',
        'the selector matches no gateway workload; the servers are not served',
      ),
    );
  }
  return findings;
}

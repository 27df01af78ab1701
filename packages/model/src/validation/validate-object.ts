import type { MeshSnapshot } from '../resources/snapshot';
import { validateDestinationRule } from './destination-rule';
import type { Finding } from './finding';
import { validateGateway } from './gateway';
import { validateGrpcRoute, validateHttpRoute, validateTcpRoute } from './gateway-api-route';
import { parseIstioObject } from './parse';
import { validateVirtualService } from './virtual-service';

/** Any Istio object, typed or not: shape findings if it does not parse, else its kind's findings. */
export function validateObject(obj: unknown, ctx?: MeshSnapshot): Finding[] {
  const parsed = parseIstioObject(obj);
  if (!parsed.ok) return parsed.findings;
  const o = parsed.object;
  switch (o.kind) {
    case 'VirtualService':
      return validateVirtualService(o, ctx);
    case 'DestinationRule':
      return validateDestinationRule(o, ctx);
    case 'Gateway':
      return validateGateway(o, ctx);
    case 'HTTPRoute':
      return validateHttpRoute(o, ctx);
    case 'GRPCRoute':
      return validateGrpcRoute(o, ctx);
    case 'TCPRoute':
      return validateTcpRoute(o, ctx);
  }
}

/** Whether any finding blocks a write (errors do; warnings and info do not). */
export function hasErrors(findings: readonly { severity: string }[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

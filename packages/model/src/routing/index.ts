export * from './types';
export { resolveRoute } from './resolve';
export { resolveHost, hostMatches, hostSpecificity, serviceOfHost, CLUSTER_DOMAIN } from './host';
export { pickWeighted, expectedShares, destinationKey } from './weights';
export {
  candidateVirtualServices,
  selectVirtualService,
  visibleTo,
  type SelectedVirtualService,
} from './select-virtual-service';
export { stringMatches, compileRe2 } from './string-match';
export { workloadsForDestination, destinationRuleFor, serviceForHost, subsetLabels } from './workloads';
export { createMeshIndex, serviceHost, type MeshIndex } from './snapshot-index';
export { faultSummary, ISTIO_DEFAULT_RETRIES, type FaultSummary } from './fault';
export { redirectAnswer, type RedirectAnswer } from './redirect';
export { forwardedRequestHeaders } from './header-operations';
export { MESH_GATEWAY, gatewayKey, boundGateways, gatewayAdmits } from './gateway-ref';
export { retryPolicyOf, type RetryPolicy } from './retry-policy';

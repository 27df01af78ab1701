/*
 * MeshHealth by error share, the thresholds the graph colours with (Kiali's): any error is degraded,
 * more than 5 % is failing, no requests is idle. The overview ranks namespaces with the same rule.
 */
export type MeshHealth = 'unknown' | 'idle' | 'healthy' | 'degraded' | 'failing';

export const FAILING_ERROR_SHARE = 0.05;

export function healthOf(rps: number, errorRate: number): MeshHealth {
  if (!(rps > 0)) return 'idle';
  if (errorRate > FAILING_ERROR_SHARE) return 'failing';
  if (errorRate > 0) return 'degraded';
  return 'healthy';
}

/** Worst first: failing, degraded, unknown (metrics missing), healthy, idle. */
export const HEALTH_ORDER: readonly MeshHealth[] = ['failing', 'degraded', 'unknown', 'healthy', 'idle'];

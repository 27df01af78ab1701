import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

/*
 * In-cluster credentials: the apiserver from KUBERNETES_SERVICE_HOST/PORT, the pod's service-account
 * token and CA. client-node's loadFromCluster() reads them from the fixed kubelet path; the folder is
 * configurable (SLUICE_SERVICE_ACCOUNT_DIR) so the Helm chart's test can run the built server with a
 * token minted by TokenRequest, outside a pod. The token stays a file that client-node re-reads, so
 * the kubelet's hourly rotation of projected tokens keeps working.
 */

export const DEFAULT_SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export function inClusterKubeConfig(serviceAccountDir = DEFAULT_SERVICE_ACCOUNT_DIR): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromCluster();
  if (serviceAccountDir === DEFAULT_SERVICE_ACCOUNT_DIR) return kc;
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  if (!cluster || !user) throw new Error('in-cluster configuration has no cluster or user');
  kc.loadFromClusterAndUser(
    { ...cluster, caFile: join(serviceAccountDir, 'ca.crt') },
    { ...user, authProvider: { name: 'tokenFile', config: { tokenFile: join(serviceAccountDir, 'token') } } },
  );
  return kc;
}

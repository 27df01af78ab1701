import { KubeConfig } from '@kubernetes/client-node';

/**
 * A kubeconfig for one user: the server's cluster (address, CA, TLS settings) with that user's bearer
 * token and nothing of the server's own credentials, so RBAC judges the user, never Sluice.
 */
export function userKubeConfig(server: KubeConfig, token: string): KubeConfig {
  const cluster = server.getCurrentCluster();
  if (!cluster) throw new Error('the server kubeconfig has no current cluster');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [cluster],
    users: [{ name: 'sluice-session', token }],
    contexts: [{ name: 'sluice-session', cluster: cluster.name, user: 'sluice-session' }],
    currentContext: 'sluice-session',
  });
  return kc;
}

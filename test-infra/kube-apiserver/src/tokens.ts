import { randomBytes } from 'node:crypto';

/** The identities of the static token file: RBAC decides what each may do. */
export type Identity = 'admin' | 'viewer' | 'stranger';

export interface TokenUser {
  identity: Identity;
  token: string;
  user: string;
  groups: string[];
}

export function makeTokenUsers(): Record<Identity, TokenUser> {
  const token = () => randomBytes(24).toString('hex');
  return {
    admin: { identity: 'admin', token: token(), user: 'sluice-admin', groups: ['system:masters'] },
    viewer: { identity: 'viewer', token: token(), user: 'sluice-viewer', groups: ['sluice:viewers'] },
    stranger: { identity: 'stranger', token: token(), user: 'sluice-stranger', groups: [] },
  };
}

/** kube-apiserver --token-auth-file format: token,user,uid,"group1,group2" */
export function tokenFile(users: Record<Identity, TokenUser>): string {
  return (
    Object.values(users)
      .map((u) => `${u.token},${u.user},${u.user}${u.groups.length ? `,"${u.groups.join(',')}"` : ''}`)
      .join('\n') + '\n'
  );
}

/** A kubeconfig that authenticates with a bearer token (the self-signed serving cert is not verified). */
export function kubeconfigFor(server: string, user: TokenUser): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: test',
    '  cluster:',
    `    server: ${server}`,
    '    insecure-skip-tls-verify: true',
    'users:',
    `- name: ${user.user}`,
    '  user:',
    `    token: ${user.token}`,
    'contexts:',
    `- name: ${user.identity}`,
    '  context:',
    '    cluster: test',
    `    user: ${user.user}`,
    `current-context: ${user.identity}`,
    '',
  ].join('\n');
}

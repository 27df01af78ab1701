import { managedBy, type IstioObject } from '@sluice/model';
import { conflict } from '../errors/app-error';
import { describeObject } from '../cluster/mesh-store';

/*
 * Flagger and Argo Rollouts rewrite the weights of the VirtualServices they own on their own
 * schedule: a manual edit or a Sluice rollout would be overwritten within seconds, or worse, the
 * two would fight. Such a VirtualService is read-only here, and the refusal names the owner.
 * 409: the request is fine, the object's state (owned by a controller) is what conflicts.
 */
export function assertNotManaged(vs: IstioObject, what: string): void {
  const owner = managedBy(vs);
  if (!owner) return;
  throw conflict(
    'managed',
    `${describeObject(vs)} is managed by ${owner}: ${what} would be overwritten by it; change the ${owner} resource instead`,
    { managedBy: owner },
  );
}

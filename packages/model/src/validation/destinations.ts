import type { RouteDestination } from '../resources/istio';
import type { Finding } from './finding';
import { error, info } from './codes';

/*
 * Weighted destinations (http, tcp and tls routes alike). istiod: weights are int32, none
 * negative, and with several destinations not all zero (an unset weight is 0, so two destinations
 * without weights are refused too); the weights are relative, so a sum other than 100 is accepted. The UI always writes integers summing to 100, so a different sum is
 * reported as info: legal, but worth a look.
 */
export function checkDestinations(route: readonly RouteDestination[] | undefined, path: string): Finding[] {
  if (!route) return [];
  const findings: Finding[] = [];
  let total = 0;
  let weighted = 0;
  route.forEach((d, j) => {
    const at = `${path}[${j}]`;
    if (!d.destination.host)
      findings.push(error(`${at}.destination.host`, 'destination_host_missing', 'destination host is required'));
    if (d.weight === undefined) return;
    weighted += 1;
    if (d.weight < 0) findings.push(error(`${at}.weight`, 'weight_negative', `weight ${d.weight} is negative`));
    else if (!Number.isInteger(d.weight))
      findings.push(error(`${at}.weight`, 'weight_not_integer', `weight ${d.weight} must be a whole number`));
    total += d.weight;
  });
  if (route.length > 1 && total === 0) {
    findings.push(error(path, 'weights_all_zero', 'with several destinations the weights must not all be 0'));
  } else if (route.length > 1 && weighted > 0 && total !== 100 && findings.length === 0) {
    findings.push(
      info(
        path,
        'weights_sum_not_100',
        `weights sum to ${total}; Istio treats them as relative, Sluice writes sums of 100`,
      ),
    );
  }
  return findings;
}

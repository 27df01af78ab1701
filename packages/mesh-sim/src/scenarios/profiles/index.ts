import type { ScenarioProfile } from '../profile-types';
import { bookinfoProfile } from './bookinfo';
import { dataProductProfile } from './data-product';
import { demoappProfile } from './demoapp';
import { frontTomcatProfile } from './front-tomcat';
import { gatewayApiProfile } from './gateway-api';
import { tcpEchoProfile } from './tcp-echo';

export { bookinfoProfile, dataProductProfile, demoappProfile, frontTomcatProfile, gatewayApiProfile, tcpEchoProfile };

export const SCENARIO_PROFILES: readonly ScenarioProfile[] = [
  bookinfoProfile,
  dataProductProfile,
  demoappProfile,
  tcpEchoProfile,
  frontTomcatProfile,
  gatewayApiProfile,
];

/** Profiles for the given scenario namespaces (all when omitted); namespaces without one are skipped. */
export function profilesFor(namespaces?: readonly string[]): ScenarioProfile[] {
  if (!namespaces) return [...SCENARIO_PROFILES];
  return SCENARIO_PROFILES.filter((p) => namespaces.includes(p.namespace));
}

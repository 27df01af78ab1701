import { parseArgs } from 'node:util';
import { SCENARIO_NAMESPACES } from './scenarios/load-manifests';

/* Command-line options of `mesh-sim`, parsed apart from the program so they can be tested. */

export interface CliOptions {
  scenarios: string[];
  host: string;
  port: number;
  kubeconfig?: string;
  seed: number;
  scale?: number;
  tickMs: number;
  help: boolean;
}

export const USAGE = `mesh-sim: Sluice's demo data plane (Istio metrics from simulated traffic)

  --scenarios a,b      scenario namespaces (default: all: ${SCENARIO_NAMESPACES.filter((n) => n !== 'istio-system').join(',')})
  --listen HOST:PORT   where /metrics is served (default 127.0.0.1:9464)
  --kubeconfig PATH    route by the config of a real cluster (watched) instead of the manifests
  --seed N             PRNG seed (default 42)
  --scale N            a synthetic mesh of N services x 3 versions instead of the scenarios
  --tick-ms N          simulated step in ms (default 500)
  -h, --help
`;

export function parseCli(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenarios: { type: 'string' },
      listen: { type: 'string', default: '127.0.0.1:9464' },
      kubeconfig: { type: 'string' },
      seed: { type: 'string', default: '42' },
      scale: { type: 'string' },
      'tick-ms': { type: 'string', default: '500' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const listen = values.listen ?? '127.0.0.1:9464';
  const colon = listen.lastIndexOf(':');
  const port = Number(listen.slice(colon + 1));
  if (colon < 0 || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--listen wants HOST:PORT, got "${listen}"`);
  const host = listen.slice(0, colon).replace(/^\[|\]$/g, '') || '127.0.0.1';
  const number = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} wants a non-negative number, got "${v}"`);
    return n;
  };
  const scenarios = values.scenarios
    ? values.scenarios
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : SCENARIO_NAMESPACES.filter((n) => n !== 'istio-system');
  const scale = number('scale', values.scale);
  return {
    scenarios,
    host,
    port,
    ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
    seed: number('seed', values.seed) ?? 42,
    ...(scale === undefined ? {} : { scale: Math.floor(scale) }),
    tickMs: number('tick-ms', values['tick-ms']) ?? 500,
    help: values.help ?? false,
  };
}

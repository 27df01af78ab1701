import { describe, expect, it } from 'vitest';
import { parseCli } from './cli-options';

describe('mesh-sim command line', () => {
  it('defaults to every scenario on 127.0.0.1:9464 with seed 42', () => {
    const o = parseCli([]);
    expect(o).toMatchObject({ host: '127.0.0.1', port: 9464, seed: 42, tickMs: 500 });
    expect(o.scenarios).toContain('bookinfo');
    expect(o.scenarios).not.toContain('istio-system');
  });

  it('reads --scenarios, --listen, --kubeconfig, --seed and --scale', () => {
    const o = parseCli([
      '--scenarios',
      'bookinfo,demoapp',
      '--listen',
      '0.0.0.0:9000',
      '--kubeconfig',
      '/k',
      '--seed',
      '7',
      '--scale',
      '1000',
    ]);
    expect(o).toMatchObject({
      scenarios: ['bookinfo', 'demoapp'],
      host: '0.0.0.0',
      port: 9000,
      kubeconfig: '/k',
      seed: 7,
      scale: 1000,
    });
  });

  it('refuses a malformed --listen or a negative number', () => {
    expect(() => parseCli(['--listen', 'nowhere'])).toThrow(/HOST:PORT/);
    expect(() => parseCli(['--seed', '-1'])).toThrow(/--seed/);
    expect(() => parseCli(['--bogus'])).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

const noFacts = { inCluster: false };

describe('parseConfig', () => {
  it('defaults to the demo on 127.0.0.1:8080 when no cluster is configured', () => {
    const config = parseConfig([], {}, noFacts);
    expect(config).toMatchObject({
      cluster: { mode: 'demo' },
      host: '127.0.0.1',
      port: 8080,
      readOnly: false,
      logLevel: 'info',
    });
    expect(config.prometheusUrl).toBeUndefined();
  });

  it('uses --kubeconfig, or KUBECONFIG, with an optional context', () => {
    expect(parseConfig(['--kubeconfig', '/k', '--context', 'dev'], {}, noFacts).cluster).toEqual({
      mode: 'kubernetes',
      source: 'kubeconfig',
      kubeconfig: '/k',
      context: 'dev',
    });
    expect(parseConfig([], { KUBECONFIG: '/env' }, noFacts).cluster).toEqual({
      mode: 'kubernetes',
      source: 'kubeconfig',
      kubeconfig: '/env',
    });
  });

  it('uses in-cluster credentials when present and nothing else is configured', () => {
    expect(parseConfig([], {}, { inCluster: true }).cluster).toEqual({ mode: 'kubernetes', source: 'in-cluster' });
  });

  it('takes the service-account folder of in-cluster mode from SLUICE_SERVICE_ACCOUNT_DIR', () => {
    expect(parseConfig([], { SLUICE_SERVICE_ACCOUNT_DIR: '/sa' }, { inCluster: true }).cluster).toEqual({
      mode: 'kubernetes',
      source: 'in-cluster',
      serviceAccountDir: '/sa',
    });
    // Only in-cluster mode reads it.
    expect(
      parseConfig([], { SLUICE_SERVICE_ACCOUNT_DIR: '/sa', KUBECONFIG: '/k' }, { inCluster: true }).cluster,
    ).toEqual({ mode: 'kubernetes', source: 'kubeconfig', kubeconfig: '/k' });
  });

  it('lets --demo win over KUBECONFIG and in-cluster credentials', () => {
    expect(parseConfig(['--demo'], { KUBECONFIG: '/env' }, { inCluster: true }).cluster).toEqual({ mode: 'demo' });
  });

  it('takes --scale for a synthetic demo mesh, and only in the demo', () => {
    expect(parseConfig(['--scale', '1000'], {}, noFacts).scale).toBe(1000);
    expect(parseConfig([], {}, noFacts).scale).toBeUndefined();
    expect(() => parseConfig(['--scale', '0'], {}, noFacts)).toThrow(/--scale takes a positive number/);
    expect(() => parseConfig(['--scale', '10', '--kubeconfig', '/k'], {}, noFacts)).toThrow(/works in the demo only/);
  });

  it('reads the remaining flags', () => {
    const config = parseConfig(
      [
        '--prometheus-url',
        'http://127.0.0.1:9090/',
        '--host',
        '0.0.0.0',
        '--port',
        '0',
        '--read-only',
        '--static-dir',
        '/web',
        '--log-level',
        'debug',
        '--seed',
        '7',
      ],
      {},
      noFacts,
    );
    expect(config).toMatchObject({
      prometheusUrl: 'http://127.0.0.1:9090',
      host: '0.0.0.0',
      port: 0,
      readOnly: true,
      staticDir: '/web',
      logLevel: 'debug',
      seed: 7,
    });
  });

  it.each([
    [['--port', 'eighty'], /--port must be a whole number/],
    [['--port', '70000'], /--port must be 0..65535/],
    [['--prometheus-url', 'localhost:9090'], /--prometheus-url must be an http\(s\) URL/],
    [['--log-level', 'loud'], /--log-level must be one of/],
    [['--prot', '1'], /Unknown option '--prot'/],
    [['--demo', '--kubeconfig', '/k'], /cannot be used together/],
    [['--context', 'dev'], /--context needs --kubeconfig/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseConfig(argv, {}, noFacts)).toThrow(ConfigError);
    expect(() => parseConfig(argv, {}, noFacts)).toThrow(message);
  });

  it('--auth token (or SLUICE_AUTH) needs a Kubernetes cluster; the default is none', () => {
    expect(parseConfig([], {}, noFacts).auth).toBe('none');
    expect(parseConfig(['--kubeconfig', '/k', '--auth', 'token'], {}, noFacts).auth).toBe('token');
    expect(parseConfig([], { SLUICE_AUTH: 'token' }, { inCluster: true }).auth).toBe('token');
    expect(() => parseConfig(['--auth', 'token'], {}, noFacts)).toThrow(/--auth token needs a Kubernetes cluster/);
    expect(() => parseConfig(['--demo', '--auth', 'token'], { KUBECONFIG: '/k' }, noFacts)).toThrow(ConfigError);
    expect(() => parseConfig(['--kubeconfig', '/k', '--auth', 'basic'], {}, noFacts)).toThrow(
      /--auth must be none or token, got "basic"/,
    );
  });
});

describe('hardening flags', () => {
  it('reads allowed hosts, trust proxy and the session key file from flags or environment', () => {
    const config = parseConfig(
      ['--allowed-hosts', 'sluice.example.com, *.corp.example', '--trust-proxy', '1', '--session-key-file', '/k'],
      {},
      noFacts,
    );
    expect(config).toMatchObject({
      allowedHosts: ['sluice.example.com', '*.corp.example'],
      trustProxy: 1,
      sessionKeyFile: '/k',
    });
    const env = parseConfig(
      [],
      { SLUICE_ALLOWED_HOSTS: 'a.example', SLUICE_TRUST_PROXY: '10.0.0.0/8,loopback' },
      noFacts,
    );
    expect(env).toMatchObject({ allowedHosts: ['a.example'], trustProxy: ['10.0.0.0/8', 'loopback'] });
    expect(parseConfig([], {}, noFacts)).toMatchObject({ allowedHosts: [], trustProxy: false });
    expect(parseConfig(['--trust-proxy', 'true'], {}, noFacts).trustProxy).toBe(true);
    expect(() => parseConfig(['--trust-proxy', 'a b'], {}, noFacts)).toThrow(/--trust-proxy must be/);
  });
});

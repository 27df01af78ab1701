import { fileURLToPath } from 'node:url';
import { KubeConfig, PatchStrategy, type KubernetesObject, type KubernetesObjectApi } from '@kubernetes/client-node';
import type { ConfigEvent, EditsRequest, EditsResponse, IstioKind, IstioObject, VirtualService } from '@sluice/model';
import {
  clientFor,
  createAll,
  prepareIstioCluster,
  scenarioObjects,
  startRecordingProxy,
  startTestCluster,
  type Identity,
  type RecordingProxy,
  type TestCluster,
} from '@sluice/test-cluster';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyObjectEdits, editKindOf } from '../writes/apply-edits';
import { replaceObject } from '../writes/replace-object';
import { createKubeStore } from './kube-store';
import type { MeshStore } from './mesh-store';
import { reviewsWeightsRequest } from '../test-kit/reviews-weights';

/** The edits use case for a VirtualService, as the router calls it for .../virtualservices/:name/edits. */
const applyVirtualServiceEdits = (
  store: MeshStore,
  namespace: string,
  name: string,
  body: EditsRequest,
  options: Parameters<typeof applyObjectEdits>[4],
) =>
  applyObjectEdits(store, editKindOf('virtualservices'), { namespace, name }, body, options) as Promise<EditsResponse>;

/*
 * The Kubernetes MeshStore against a real kube-apiserver (test-infra/kube-apiserver: built from
 * k8s.io/kubernetes, Istio's CRDs with their real schemas, RBAC with static tokens). What only a real
 * apiserver can prove: the patch type it accepts for custom resources, its resourceVersion 409s,
 * CRD schema (incl. CEL) refusals, watches surviving a restart, and RBAC.
 *
 * The main store talks through a recording proxy so the test sees what goes over the wire and can
 * hold watch events back (a store that has not yet seen another writer's change, without a race).
 */

const SCENARIOS = fileURLToPath(new URL('.', import.meta.resolve('@sluice/model/fixtures/scenarios/bookinfo.yaml')));
const ISTIO_KINDS: readonly string[] = ['VirtualService', 'DestinationRule', 'Gateway'];
const logger = pino({ level: process.env.KUBE_TEST_LOG ?? 'silent' });

let cluster: TestCluster | undefined;
let admin: KubernetesObjectApi;
let proxy: RecordingProxy | undefined;
let store: MeshStore;
const stores: MeshStore[] = [];

function kubeConfig(identity: Identity, server?: string): KubeConfig {
  const kc = new KubeConfig();
  if (!cluster) throw new Error('cluster not started');
  if (!server) {
    kc.loadFromFile(cluster.kubeconfig(identity));
    return kc;
  }
  kc.loadFromOptions({
    clusters: [{ name: 'proxied', server, skipTLSVerify: true }],
    users: [{ name: identity, token: cluster.users[identity].token }],
    contexts: [{ name: identity, cluster: 'proxied', user: identity }],
    currentContext: identity,
  });
  return kc;
}

async function openStore(kc: KubeConfig, log = logger): Promise<MeshStore> {
  const opened = await createKubeStore(kc, log);
  stores.push(opened);
  return opened;
}

async function eventually<T>(probe: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function mustGet<K extends IstioKind>(from: MeshStore, kind: K, namespace: string, name: string) {
  const object = from.get(kind, namespace, name);
  if (!object) throw new Error(`${kind} ${namespace}/${name} missing from the store`);
  return object;
}

/** The object as the apiserver has it now, read past every cache. */
async function stored(
  kind: string,
  namespace: string,
  name: string,
): Promise<KubernetesObject & { spec: VirtualService['spec'] }> {
  const read = await admin.read({ apiVersion: 'networking.istio.io/v1', kind, metadata: { name, namespace } });
  return read as KubernetesObject & { spec: VirtualService['spec'] };
}

/** Another writer (kubectl, GitOps): a merge patch as admin, straight to the apiserver. */
async function otherWriter(namespace: string, name: string, spec: Record<string, unknown>): Promise<string> {
  const patched = await admin.patch(
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name, namespace },
      spec,
    } as KubernetesObject,
    undefined,
    undefined,
    'someone-else',
    undefined,
    PatchStrategy.MergePatch,
  );
  return patched.metadata?.resourceVersion ?? '';
}

function weightsEdit(resourceVersion: string | undefined, v1: number, v3: number): EditsRequest {
  return reviewsWeightsRequest(resourceVersion ?? '', v1, v3);
}

const weightsOf = (spec: VirtualService['spec'] | undefined) =>
  (spec?.http?.[0]?.route ?? []).map((r) => [r.destination.subset, r.weight]);

const objects = scenarioObjects(SCENARIOS);
// Listed before the store starts: the rest arrives through its watches.
const listedFirst = (o: KubernetesObject) =>
  o.kind === 'Namespace' || ['istio-system', 'bookinfo'].includes(o.metadata?.namespace ?? '');

beforeAll(async () => {
  cluster = await startTestCluster();
  admin = await prepareIstioCluster(cluster);
  await createAll(admin, objects.filter(listedFirst));
  proxy = await startRecordingProxy(cluster.server);
  // `npm test` builds kube-apiserver before vitest starts; run alone on a fresh machine, this hook
  // builds it (about 8 minutes), hence the long bound. A warm start takes about 5 s.
}, 15 * 60_000);

afterAll(async () => {
  // Stores first: their watches would otherwise log reconnect attempts against a stopped apiserver.
  await Promise.allSettled(stores.map((s) => s.close()));
  await proxy?.close();
  await cluster?.stop();
}, 60_000);

describe('Kubernetes MeshStore against a real kube-apiserver', () => {
  it('lists what exists at start and watches in the rest: every scenario object is seen', async () => {
    store = await openStore(kubeConfig('admin', proxy?.url));
    expect(store.reachable()).toBe(true);
    expect(mustGet(store, 'VirtualService', 'bookinfo', 'reviews').metadata.resourceVersion).toMatch(/^\d+$/);
    expect(store.get('VirtualService', 'demoapp', 'demoapp')).toBeUndefined();

    await createAll(
      admin,
      objects.filter((o) => !listedFirst(o)),
    );

    // Istio's kinds only (the Gateway API's Gateway shares a kind name; its routes have their own suite).
    const istio = objects.filter(
      (o) => ISTIO_KINDS.includes(o.kind ?? '') && (o.apiVersion ?? '').startsWith('networking.istio.io/'),
    );
    await eventually(
      () => istio.every((o) => store.get(o.kind as IstioKind, o.metadata?.namespace ?? '', o.metadata?.name ?? '')),
      'every Istio object',
    );
    for (const o of istio) {
      const seen = mustGet(store, o.kind as IstioKind, o.metadata?.namespace ?? '', o.metadata?.name ?? '');
      // The apiserver stored the fixture's spec as written (nothing pruned by the CRD schema).
      expect(seen.spec, `${o.kind} ${o.metadata?.namespace}/${o.metadata?.name}`).toEqual(
        (o as KubernetesObject & { spec: unknown }).spec,
      );
    }
    const key = (namespace: string | undefined, name: string | undefined) => `${namespace}/${name}`;
    const wanted = (kind: string) =>
      objects
        .filter((o) => o.kind === kind)
        .map((o) => key(o.metadata?.namespace, o.metadata?.name))
        .sort();
    const snapshot = await eventually(() => {
      const s = store.snapshot();
      return s.workloads.length >= wanted('Deployment').length && s.services.length >= wanted('Service').length && s;
    }, 'services and workloads');
    expect(
      snapshot.services
        .map((s) => key(s.metadata.namespace, s.metadata.name))
        .filter((k) => wanted('Service').includes(k))
        .sort(),
    ).toEqual(wanted('Service'));
    expect(snapshot.workloads.map((w) => key(w.namespace, w.name)).sort()).toEqual(wanted('Deployment'));
    expect(snapshot.workloads.find((w) => w.name === 'reviews-v3')?.labels).toMatchObject({
      app: 'reviews',
      version: 'v3',
    });
    expect(snapshot.namespaces).toEqual(expect.arrayContaining(wanted('Namespace').map((k) => k.split('/')[1])));
  });

  it('writes an edit as a merge patch preconditioned on resourceVersion, and a second watcher sees it', async () => {
    const observer = await openStore(kubeConfig('admin'));
    const observed: ConfigEvent[] = [];
    observer.subscribe((e) => observed.push(e));
    const before = mustGet(store, 'VirtualService', 'bookinfo', 'reviews');
    proxy!.writes.length = 0;

    const result = await applyVirtualServiceEdits(
      store,
      'bookinfo',
      'reviews',
      weightsEdit(before.metadata.resourceVersion, 20, 80),
      { dryRun: false, logger },
    );

    const rv = result.object.metadata.resourceVersion;
    expect(BigInt(rv ?? '0')).toBeGreaterThan(BigInt(before.metadata.resourceVersion ?? '0'));
    expect(proxy!.writes).toHaveLength(1);
    const [write] = proxy!.writes;
    expect(write).toMatchObject({ method: 'PATCH', contentType: 'application/merge-patch+json' });
    expect(write!.url).toMatch(/^\/apis\/networking\.istio\.io\/v1\/namespaces\/bookinfo\/virtualservices\/reviews\?/);
    // Only the change and the precondition go over the wire.
    expect(JSON.parse(write!.body)).toEqual({
      metadata: { resourceVersion: before.metadata.resourceVersion },
      spec: { http: result.object.spec.http },
    });

    const raw = await stored('VirtualService', 'bookinfo', 'reviews');
    expect(weightsOf(raw.spec)).toEqual([
      ['v1', 20],
      ['v3', 80],
    ]);
    expect(raw.metadata?.managedFields?.some((f) => f.manager === 'sluice' && f.operation === 'Update')).toBe(true);

    await eventually(
      () => observed.some((e) => e.type === 'MODIFIED' && e.name === 'reviews' && e.resourceVersion === rv),
      'the watch event of the edit',
    );
    expect(weightsOf(mustGet(observer, 'VirtualService', 'bookinfo', 'reviews').spec)).toEqual([
      ['v1', 20],
      ['v3', 80],
    ]);
    expect(mustGet(store, 'VirtualService', 'bookinfo', 'reviews').metadata.resourceVersion).toBe(rv);
  });

  it('keeps what Sluice does not edit: fields set by other tools survive an edit', async () => {
    const others = {
      http: [
        {
          name: 'default',
          corsPolicy: { allowOrigins: [{ exact: 'https://shop.example' }], allowMethods: ['GET'], maxAge: '24h' },
          headers: { request: { set: { 'x-team': 'details' } } },
          route: [{ destination: { host: 'details', subset: 'v1' }, headers: { response: { remove: ['server'] } } }],
        },
      ],
      exportTo: ['.'],
    };
    const theirs = await otherWriter('bookinfo', 'details', others);
    await eventually(
      () => store.get('VirtualService', 'bookinfo', 'details')?.metadata.resourceVersion === theirs,
      "the other tool's change",
    );

    const edit: EditsRequest = {
      resourceVersion: theirs,
      edits: [{ op: 'setTimeout', route: { kind: 'http', name: 'default' }, timeout: '2s' }],
    };
    await applyVirtualServiceEdits(store, 'bookinfo', 'details', edit, { dryRun: false, logger });

    const raw = await stored('VirtualService', 'bookinfo', 'details');
    expect(raw.spec).toEqual({ hosts: ['details'], exportTo: ['.'], http: [{ ...others.http[0], timeout: '2s' }] });
  });

  it('answers a stale resourceVersion with 409 and the current version, losing neither write', async () => {
    const seen = mustGet(store, 'VirtualService', 'bookinfo', 'reviews');
    // The store must not see the other writer's change before it writes: the apiserver decides.
    proxy!.holdWatches();
    let theirs: string;
    try {
      theirs = await otherWriter('bookinfo', 'reviews', { http: [{ ...seen.spec.http?.[0], timeout: '3s' }] });
      await expect(
        applyVirtualServiceEdits(store, 'bookinfo', 'reviews', weightsEdit(seen.metadata.resourceVersion, 50, 50), {
          dryRun: false,
          logger,
        }),
      ).rejects.toMatchObject({
        status: 409,
        code: 'conflict',
        details: { currentResourceVersion: theirs },
      });
    } finally {
      proxy!.resumeWatches();
    }
    await eventually(
      () => store.get('VirtualService', 'bookinfo', 'reviews')?.metadata.resourceVersion === theirs,
      'the other write in the cache',
    );
    let raw = await stored('VirtualService', 'bookinfo', 'reviews');
    expect(raw.metadata?.resourceVersion).toBe(theirs);
    expect(raw.spec.http?.[0]?.timeout).toBe('3s');
    expect(weightsOf(raw.spec)).toEqual([
      ['v1', 20],
      ['v3', 80],
    ]);

    // Once the cache knows, the store refuses the stale version itself, without a request.
    const writes = proxy!.writes.length;
    await expect(
      applyVirtualServiceEdits(store, 'bookinfo', 'reviews', weightsEdit(seen.metadata.resourceVersion, 50, 50), {
        dryRun: false,
        logger,
      }),
    ).rejects.toMatchObject({
      status: 409,
      details: { currentResourceVersion: theirs },
    });
    expect(proxy!.writes).toHaveLength(writes);

    // Reloaded, the same edit goes through and keeps the other writer's timeout.
    await applyVirtualServiceEdits(store, 'bookinfo', 'reviews', weightsEdit(theirs, 50, 50), {
      dryRun: false,
      logger,
    });
    raw = await stored('VirtualService', 'bookinfo', 'reviews');
    expect(raw.spec.http?.[0]?.timeout).toBe('3s');
    expect(weightsOf(raw.spec)).toEqual([
      ['v1', 50],
      ['v3', 50],
    ]);
  });

  it("answers a write the CRD schema refuses with 422 and the apiserver's message, writing nothing", async () => {
    const ratings = mustGet(store, 'VirtualService', 'bookinfo', 'ratings');
    const before = (await stored('VirtualService', 'bookinfo', 'ratings')).metadata?.resourceVersion;

    // Istio's CEL rule on durations: the store is the last line of defence when the model is bypassed.
    const tooShort = structuredClone(ratings) as VirtualService;
    tooShort.spec.http![0]!.timeout = '500us';
    const refused = await store.replace(tooShort).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refused).toMatchObject({ status: 422, code: 'invalid' });
    expect((refused as Error).message).toMatch(/must be a valid duration greater than 1ms/);
    expect((refused as { details: { path: string; message: string }[] }).details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'spec.http[0].timeout', message: expect.stringMatching(/greater than 1ms/) }),
      ]),
    );

    // A type the schema does not allow (what a hand-written YAML might hold).
    const wrongType = structuredClone(ratings) as unknown as { spec: { http: { route: { weight: unknown }[] }[] } };
    wrongType.spec.http[0]!.route[0]!.weight = 'abc';
    await expect(store.replace(wrongType as unknown as IstioObject)).rejects.toMatchObject({
      status: 422,
      code: 'invalid',
      message: expect.stringMatching(/spec\.http\[0\]\.route\[0\]\.weight/),
    });

    expect((await stored('VirtualService', 'bookinfo', 'ratings')).metadata?.resourceVersion).toBe(before);
    expect(store.get('VirtualService', 'bookinfo', 'ratings')).toBe(ratings);
  });

  it('refuses a field the CRD does not know (a YAML typo) with 422 naming it, instead of dropping it silently', async () => {
    const ratings = mustGet(store, 'VirtualService', 'bookinfo', 'ratings');
    const yaml = [
      'apiVersion: networking.istio.io/v1',
      'kind: VirtualService',
      'metadata:',
      '  name: ratings',
      '  namespace: bookinfo',
      `  resourceVersion: "${ratings.metadata.resourceVersion}"`,
      'spec:',
      '  hosts: [ratings]',
      '  http:',
      '    - name: default',
      '      timout: 1s',
      '      route:',
      '        - destination: { host: ratings, subset: v1 }',
    ].join('\n');
    await expect(
      replaceObject(store, { namespace: 'bookinfo', plural: 'virtualservices', name: 'ratings' }, { yaml }, { logger }),
    ).rejects.toMatchObject({
      status: 422,
      code: 'invalid',
      message: 'strict decoding error: unknown field "spec.http[0].timout"',
      details: [expect.objectContaining({ path: 'spec.http[0].timout', code: 'unknown_field' })],
    });
    expect((await stored('VirtualService', 'bookinfo', 'ratings')).metadata?.resourceVersion).toBe(
      ratings.metadata.resourceVersion,
    );

    const typo = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule' as const,
      metadata: { name: 'typo', namespace: 'bookinfo' },
      spec: { host: 'ratings', subsetz: [] },
    };
    await expect(store.create([typo])).rejects.toMatchObject({
      status: 422,
      details: [expect.objectContaining({ path: 'spec.subsetz' })],
    });
  });

  it('creates routing both-or-neither: a schema refusal of the second object deletes the first', async () => {
    const dr = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule' as const,
      metadata: { name: 'details', namespace: 'demoapp' },
      spec: { host: 'details' },
    };
    const vs = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService' as const,
      metadata: { name: 'details', namespace: 'demoapp' },
      spec: { hosts: 'details' },
    };
    await expect(store.create([dr, vs as unknown as IstioObject])).rejects.toMatchObject({
      status: 422,
      code: 'invalid',
    });
    await expect(stored('DestinationRule', 'demoapp', 'details')).rejects.toMatchObject({ code: 404 });
    expect(store.get('DestinationRule', 'demoapp', 'details')).toBeUndefined();

    const created = await store.create([dr, { ...vs, spec: { hosts: ['details'] } }]);
    expect(created.map((o) => o.metadata.resourceVersion)).toEqual([
      expect.stringMatching(/^\d+$/),
      expect.stringMatching(/^\d+$/),
    ]);
    expect((await stored('VirtualService', 'demoapp', 'details')).spec.hosts).toEqual(['details']);
  });

  it('reports a network partition as unreachable, serves the last state meanwhile, and resyncs after', async () => {
    let changed = '';
    proxy!.partition();
    try {
      await eventually(() => !store.reachable(), 'unreachable during the partition', 15_000);
      // And it stays so: retries hang, and a retry starting is no proof the apiserver answers.
      for (const until = Date.now() + 3_000; Date.now() < until;) {
        expect(store.reachable()).toBe(false);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(store.get('VirtualService', 'bookinfo', 'reviews')).toBeDefined();
      changed = await otherWriter('bookinfo', 'ratings', {
        http: [{ name: 'default', timeout: '4s', route: [{ destination: { host: 'ratings', subset: 'v1' } }] }],
      });
    } finally {
      proxy!.heal();
    }
    await eventually(
      () => store.get('VirtualService', 'bookinfo', 'ratings')?.metadata.resourceVersion === changed,
      'the change made during the partition',
      45_000,
    );
    await eventually(() => store.reachable(), 'reachable after the partition', 45_000);
  }, 90_000);

  it('resyncs after kube-apiserver restarts: changes made while its watches were down are seen', async () => {
    const direct = await openStore(kubeConfig('admin'));
    await createAll(admin, [
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'restart-probe', namespace: 'bookinfo' },
        spec: { hosts: ['restart-probe'] },
      } as KubernetesObject,
    ]);
    await eventually(
      () =>
        store.get('VirtualService', 'bookinfo', 'restart-probe') &&
        direct.get('VirtualService', 'bookinfo', 'restart-probe'),
      'the probe',
    );
    const events: ConfigEvent[] = [];
    store.subscribe((e) => events.push(e));

    let sawDown = false;
    let servedWhileDown = true;
    const poll = setInterval(() => {
      if (store.reachable() && direct.reachable()) return;
      sawDown = true;
      servedWhileDown &&= store.get('VirtualService', 'bookinfo', 'reviews') !== undefined;
    }, 50);
    try {
      await cluster!.restartApiserver();
      // The stores are backing off now; these changes can only reach them by relist or watch resume.
      const changed = await otherWriter('bookinfo', 'productpage', {
        http: [{ name: 'default', timeout: '7s', route: [{ destination: { host: 'productpage', subset: 'v1' } }] }],
      });
      await admin.delete({
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'restart-probe', namespace: 'bookinfo' },
      });

      for (const s of [store, direct]) {
        await eventually(
          () => s.get('VirtualService', 'bookinfo', 'productpage')?.metadata.resourceVersion === changed,
          'the change made during the outage',
          45_000,
        );
        await eventually(
          () => s.get('VirtualService', 'bookinfo', 'restart-probe') === undefined,
          'the deletion made during the outage',
          45_000,
        );
        await eventually(() => s.reachable(), 'reachable again', 45_000);
      }
    } finally {
      clearInterval(poll);
    }
    expect(sawDown).toBe(true);
    expect(servedWhileDown).toBe(true);
    expect(mustGet(store, 'VirtualService', 'bookinfo', 'productpage').spec.http?.[0]?.timeout).toBe('7s');
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'DELETED', kind: 'VirtualService', name: 'restart-probe' }),
      ]),
    );

    // And writes work again on the resynced cache.
    const reviews = mustGet(store, 'VirtualService', 'bookinfo', 'reviews');
    const after = await applyVirtualServiceEdits(
      store,
      'bookinfo',
      'reviews',
      weightsEdit(reviews.metadata.resourceVersion, 0, 100),
      { dryRun: false, logger },
    );
    expect(weightsOf(after.object.spec)).toEqual([
      ['v1', 0],
      ['v3', 100],
    ]);
  }, 120_000);

  it('lets the viewer read everything and refuses every write with 403', async () => {
    const viewer = await openStore(kubeConfig('viewer'));
    expect(viewer.reachable()).toBe(true);
    const reviews = mustGet(viewer, 'VirtualService', 'bookinfo', 'reviews');
    expect(viewer.snapshot().services.length).toBeGreaterThan(0);

    const before = (await stored('VirtualService', 'bookinfo', 'reviews')).metadata?.resourceVersion;
    await expect(
      applyVirtualServiceEdits(viewer, 'bookinfo', 'reviews', weightsEdit(reviews.metadata.resourceVersion, 100, 0), {
        dryRun: false,
        logger,
      }),
    ).rejects.toMatchObject({
      status: 403,
      code: 'forbidden',
      message: expect.stringMatching(/sluice-viewer.*cannot patch/),
    });
    const probe = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule' as const,
      metadata: { name: 'viewer-probe', namespace: 'bookinfo' },
      spec: { host: 'reviews' },
    };
    await expect(viewer.create([probe])).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    expect((await stored('VirtualService', 'bookinfo', 'reviews')).metadata?.resourceVersion).toBe(before);
  });

  it('shows the stranger nothing: every read is a 403 and the store says it cannot read the cluster', async () => {
    const lines: string[] = [];
    const captured = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const stranger = await openStore(kubeConfig('stranger'), captured);
    expect(stranger.reachable()).toBe(false);
    // ...and says why, so the API can answer 403 "not allowed" instead of empty data or "unreachable".
    expect(stranger.readDenied()).toMatch(/sluice-stranger.*cannot list/);
    expect(stranger.snapshot().virtualServices).toEqual([]);
    expect(stranger.snapshot().services).toEqual([]);
    expect(lines.join('\n')).toMatch(/403/);
    await expect(
      clientFor(cluster!.kubeconfig('stranger')).list('networking.istio.io/v1', 'VirtualService', 'bookinfo'),
    ).rejects.toMatchObject({ code: 403 });
    const probe = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule' as const,
      metadata: { name: 'stranger-probe', namespace: 'bookinfo' },
      spec: { host: 'reviews' },
    };
    await expect(stranger.create([probe])).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });
});

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewsWeightsRequest } from '../test-kit/reviews-weights';
import { buildServerBundle, runBundle, type RunningServer } from './test-kit';

/*
 * SIGTERM on the production bundle (demo mode, as `kubectl delete pod` would send it): an SSE stream
 * ends cleanly (the body finishes, no reset), a write whose body is still arriving completes and is
 * answered, no new connection is taken, and the process exits 0 after logging that it drained.
 */

let bundle: ReturnType<typeof buildServerBundle> | undefined;
let server: RunningServer | undefined;

beforeAll(async () => {
  bundle = buildServerBundle();
  server = await runBundle(bundle.file, ['--port=0', '--demo'], {});
}, 60_000);

afterAll(async () => {
  await server?.stop();
  bundle?.cleanup();
});

/** A POST whose headers and first half of the body go out now, the rest when `finish` is called. */
function slowPost(url: string, body: string) {
  let resolveAnswer: (a: { status: number; body: string }) => void = () => {};
  const answer = new Promise<{ status: number; body: string }>((r) => (resolveAnswer = r));
  const req = request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  req.on('response', (res) => {
    let text = '';
    res.on('data', (c: Buffer) => (text += c.toString()));
    res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, body: text }));
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return { answer, finish: () => req.end(body.slice(half)) };
}

describe('graceful shutdown of the built server', () => {
  it('ends SSE streams cleanly and finishes an in-flight write before exiting 0', async () => {
    const s = server!;
    const vs = (await (await fetch(`${s.url}/api/namespaces/bookinfo/virtualservices/reviews`)).json()) as {
      metadata: { resourceVersion: string };
    };

    const stream = await fetch(`${s.url}/api/events`);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toContain('retry:');
    const drained = (async () => {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return 'ended';
      }
    })().catch((err: unknown) => `failed: ${String(err)}`);

    const write = slowPost(
      `${s.url}/api/namespaces/bookinfo/virtualservices/reviews/edits`,
      JSON.stringify(reviewsWeightsRequest(vs.metadata.resourceVersion, 35, 65)),
    );
    await new Promise((r) => setTimeout(r, 200));
    const exited = s.stop();
    await expect.poll(() => s.logs.some((l) => l.msg === 'shutting down: draining')).toBe(true);

    expect(await drained).toBe('ended');
    await expect(fetch(`${s.url}/api/livez`)).rejects.toThrow();

    write.finish();
    const answer = await write.answer;
    expect(answer.status).toBe(200);
    const stored = JSON.parse(answer.body) as { object: { spec: { http: { route: { weight: number }[] }[] } } };
    expect(stored.object.spec.http[0]?.route.map((r) => r.weight)).toEqual([35, 65]);

    expect(await exited).toBe(0);
    expect(s.logs.at(-1)).toMatchObject({ msg: 'shut down cleanly' });
  });
});

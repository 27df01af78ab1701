import { expect, test } from '../stack/fixture';

/*
 * Journey 11: the graph page arrives compressed (issue 12). Opening the graph, every JavaScript file
 * the page loads (the entry and the graph view's lazy chunk) and the graph JSON come with
 * `content-encoding: gzip`; server-sent events are never compressed (they would be held back).
 */

test('the graph page: its JS and the graph JSON are served gzip; the event stream is not', async ({ page, stack }) => {
  const scripts: { url: string; encoding: string | undefined }[] = [];
  const graphs: (string | undefined)[] = [];
  page.on('response', async (response) => {
    const url = response.url();
    const headers = await response.allHeaders().catch(() => ({}) as Record<string, string>);
    if (url.endsWith('.js')) scripts.push({ url, encoding: headers['content-encoding'] });
    if (url.includes('/api/graph?')) graphs.push(headers['content-encoding']);
  });
  await page.goto('/graph?namespaces=bookinfo&window=10s');
  await expect(page.getByTestId('graph-canvas')).toBeVisible();
  await expect.poll(() => graphs.length).toBeGreaterThan(0);

  expect(scripts.length).toBeGreaterThan(1);
  expect(scripts.some((s) => /graph-page/.test(s.url))).toBe(true);
  for (const s of scripts) expect(s, s.url).toMatchObject({ encoding: 'gzip' });
  expect(graphs[0]).toBe('gzip');

  // The SSE stream, asked for with gzip allowed, still comes uncompressed.
  const events = await fetch(`${stack.url}/api/events`, {
    headers: { accept: 'text/event-stream', 'accept-encoding': 'gzip' },
    signal: AbortSignal.timeout(5000),
  });
  expect(events.headers.get('content-type')).toContain('text/event-stream');
  expect(events.headers.get('content-encoding')).toBeNull();
  await events.body?.cancel();
});

/*
 * Time to first render and to a live update of the graph page, in headless Chromium, for a large
 * synthetic mesh. Serves the built app (run `npm run build -w @sluice/web` first) and answers /api
 * from the page's network layer, so it measures the browser side only.
 *
 *   npx tsx apps/web/bench/graph-render-bench.ts [nodes=1000] [runs=3]
 *
 * SLUICE_SCREENSHOT=/tmp/graph saves the large graph collapsed and expanded (/tmp/graph-<run>-*.png).
 *
 * With SLUICE_URL set it measures a running Sluice instead (real API, real graph), e.g. the API's
 * synthetic mesh: `npx tsx apps/api/src/server.ts --scale 1000 --port 8390` in another shell, then
 *   SLUICE_URL=http://127.0.0.1:8390 npx tsx apps/web/bench/graph-render-bench.ts 0 3
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from 'playwright-core';
import { syntheticGraph } from './synthetic-graph';

const nodeCount = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 3);
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

const server = createServer(async (req, res) => {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const file = path.startsWith('/assets/') ? join(dist, path) : join(dist, 'index.html');
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const liveUrl = process.env.SLUICE_URL;
const base = liveUrl ?? `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

let variant = 0;
async function mockApi(page: Page) {
  await page.route('**/api/**', (route) => {
    const url = new URL(route.request().url());
    const json = (body: unknown) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(body) });
    if (url.pathname === '/api/healthz')
      return json({
        status: 'ok',
        cluster: 'demo',
        metrics: 'simulated',
        clusterReachable: true,
        metricsReachable: true,
        readOnly: false,
        auth: 'none',
      });
    if (url.pathname === '/api/namespaces')
      return json({ items: Array.from({ length: 10 }, (_, i) => ({ name: `ns-${i}`, services: 0, istioObjects: 0 })) });
    if (url.pathname === '/api/graph') return json(syntheticGraph(nodeCount, variant++));
    return route.fulfill({ status: 204 });
  });
}

const measure = (page: Page, name: string) =>
  page
    .waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout: 120_000 })
    .then(() =>
      page.evaluate((n) => {
        const e = performance.getEntriesByName(n).at(-1) as PerformanceEntry;
        return { duration: e.duration, end: e.startTime + e.duration };
      }, name),
    );

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const liveNamespaces = liveUrl
  ? ((await (await fetch(`${liveUrl}/api/namespaces`)).json()) as { items: { name: string }[] }).items.map(
      (n) => n.name,
    )
  : undefined;
const graph = liveNamespaces
  ? ((await (await fetch(`${liveUrl}/api/graph?namespaces=${liveNamespaces.join(',')}`)).json()) as {
      nodes: unknown[];
      edges: unknown[];
    })
  : syntheticGraph(nodeCount);
console.log(
  `${liveUrl ? `live ${liveUrl}` : 'mocked API'}: ${graph.nodes.length} nodes, ${graph.edges.length} edges; ${runs} runs`,
);
for (let run = 1; run <= runs; run++) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  if (!liveUrl) await mockApi(page);
  const namespaces = liveNamespaces?.join(',') ?? Array.from({ length: 10 }, (_, i) => `ns-${i}`).join(',');
  await page.goto(`${base}/graph?namespaces=${namespaces}&refresh=off`);
  const first = await measure(page, 'sluice:graph-first-render');
  await page.getByTestId('refresh-now').click();
  const update = await measure(page, 'sluice:graph-update');
  // Responsiveness: how long one mouse-wheel zoom step and one zoom-button step take to reach the screen.
  const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  let t = Date.now();
  await page.mouse.wheel(0, -200);
  await frames();
  const wheelMs = Date.now() - t;
  t = Date.now();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await frames();
  const zoomMs = Date.now() - t;
  // Large graphs start with namespaces collapsed: also time opening all of them (every node drawn).
  let expanded = '';
  const expand = page.getByTestId('expand-namespaces');
  if ((await expand.count()) > 0 && (await expand.isEnabled())) {
    if (process.env.SLUICE_SCREENSHOT) {
      // Fitted, and after cytoscape redraws the edges it hides while the viewport moves.
      await page.getByRole('button', { name: 'Fit to screen' }).click();
      await page.waitForTimeout(1000);
      await page.screenshot({ path: `${process.env.SLUICE_SCREENSHOT}-${run}-collapsed.png` });
    }
    const before = await page.evaluate(() => performance.getEntriesByName('sluice:graph-update').length);
    await expand.click();
    await page.waitForFunction((n) => performance.getEntriesByName('sluice:graph-update').length > n, before, {
      timeout: 120_000,
    });
    const e = await page.evaluate(() => performance.getEntriesByName('sluice:graph-update').at(-1)?.duration ?? 0);
    const box2 = (await page.getByTestId('graph-canvas').boundingBox())!;
    await page.mouse.move(box2.x + box2.width / 2, box2.y + box2.height / 2);
    const t2 = Date.now();
    await page.mouse.wheel(0, -200);
    await frames();
    expanded = `; expand all namespaces ${e.toFixed(0)} ms (wheel zoom then ${Date.now() - t2} ms)`;
    if (process.env.SLUICE_SCREENSHOT) await page.screenshot({ path: `${process.env.SLUICE_SCREENSHOT}-${run}.png` });
  }
  console.log(
    `run ${run}: first render ${first.end.toFixed(0)} ms after navigation (graph sync+layout+paint ${first.duration.toFixed(0)} ms); ` +
      `live update ${update.duration.toFixed(0)} ms; wheel zoom ${wheelMs} ms; button zoom ${zoomMs} ms${expanded}`,
  );
  await page.close();
}
await browser.close();
server.close();

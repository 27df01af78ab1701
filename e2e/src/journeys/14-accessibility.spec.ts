import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../stack/fixture';

/*
 * Journey 12: the main pages pass axe-core (WCAG 2.1 A/AA rules, injected into the page by
 * @axe-core/playwright) with no serious or critical finding, and the graph is usable without the
 * canvas: "View as table" is reachable from the canvas by keyboard and every graph state has a
 * text equivalent.
 */

// @axe-core/playwright types its page with the workspace's playwright-core, a minor version ahead of
// @playwright/test's own copy; the object is the same Page at run time.
const axe = (page: Page) =>
  new AxeBuilder({ page: page as unknown as ConstructorParameters<typeof AxeBuilder>[0]['page'] });

const describe = (violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']) =>
  violations.map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

/**
 * Serious and critical findings of the WCAG 2.1 A/AA and best-practice rules, plus any finding of
 * label-content-name-mismatch (experimental in axe, so asked for by name), heading-order and
 * page-has-heading-one.
 */
async function seriousFindings(page: Page): Promise<string[]> {
  const result = await axe(page).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const named = await axe(page)
    .withRules(['label-content-name-mismatch', 'heading-order', 'page-has-heading-one'])
    .analyze();
  return describe([
    ...result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    // Heading structure is "moderate" in axe; the issue asks for it, so it fails here whatever its impact.
    ...named.violations,
  ]);
}

const PAGES: [string, string, string][] = [
  ['overview', '/', 'overview-card-bookinfo'],
  ['workload', '/namespaces/bookinfo/workloads/reviews-v1?namespaces=bookinfo', 'metrics-panel'],
  ['graph', '/graph?namespaces=bookinfo&window=10s', 'graph-canvas'],
  ['graph table', '/graph?namespaces=bookinfo&window=10s&view=table', 'edges-table'],
  ['services', '/services?namespaces=bookinfo', 'services-table'],
  ['service traffic', '/namespaces/bookinfo/services/reviews?namespaces=bookinfo&window=10s', 'virtual-service-card'],
  ['rollout', '/namespaces/data-product/services/data-product/rollout?namespaces=data-product', 'rollout-page'],
  ['config', '/istio?namespaces=bookinfo', 'config-table'],
  ['config detail', '/namespaces/bookinfo/istio/virtualservices/reviews?namespaces=bookinfo', 'config-title'],
];

for (const [name, url, ready] of PAGES) {
  test(`axe: the ${name} page has no serious or critical accessibility finding`, async ({ page }) => {
    await page.goto(url);
    await expect(page.getByTestId(ready).first()).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    expect(await seriousFindings(page)).toEqual([]);
  });
}

test('the canvas leads to the table by keyboard, and says what the graph shows', async ({ page }) => {
  await page.goto('/graph?namespaces=bookinfo&window=10s');
  const canvas = page.getByTestId('graph-canvas');
  await expect(canvas).toHaveAttribute('aria-label', /Service graph over 10s: \d+ nodes, \d+ edges/);
  const viewAsTable = page.getByTestId('canvas-view-table');
  await viewAsTable.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/view=table/);
  await expect(page.getByTestId('edges-table')).toBeVisible();
});

import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expect } from '../stack/fixture';
import { REPO_ROOT } from '../stack/stack';
import { showTable } from './helpers';

/** Screenshots the journeys keep (not only on failure) go next to the test results. */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'e2e', 'output');

/** The graph of `namespaces` over a short window, in table view, straight from a URL (a deep link). */
export async function openGraphTable(page: Page, namespaces: string, window = '10s'): Promise<void> {
  await page.goto(`/graph?namespaces=${namespaces}&window=${window}&view=table`);
  await expect(page.getByTestId('edges-table')).toBeVisible();
}

/** From the graph (any view): select the service node in the table and follow "Manage traffic". */
export async function manageTrafficFromGraph(page: Page, ns: string, service: string): Promise<void> {
  await showTable(page);
  await page.locator(`[data-testid="node-row"][data-node-id="service:${ns}:${service}"]`).getByRole('button').click();
  const panel = page.getByTestId('side-panel');
  await expect(panel).toBeVisible();
  await panel.getByTestId('manage-traffic').click();
  await expect(page.getByTestId('service-title')).toContainText(service);
}

/** From a service page back to its graph, in table view. */
export async function backToGraphTable(page: Page): Promise<void> {
  await page.getByTestId('show-in-graph').click();
  await expect(page.getByTestId('graph-page')).toBeVisible();
  await showTable(page);
}

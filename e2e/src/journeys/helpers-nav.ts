import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expect } from '../stack/fixture';
import { REPO_ROOT } from '../stack/paths';
import { showTable } from './helpers';

/** Screenshots the journeys keep (not only on failure) go next to the test results. */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'e2e', 'output');

/** The landing page (`/`, the mesh overview) and from there the traffic graph through the main navigation. */
export async function openGraphFromLanding(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('overview-page')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Traffic graph' }).click();
  await expect(page.getByTestId('graph-page')).toBeVisible();
}

/** The graph of `namespaces` over a short window, in table view, straight from a URL (a deep link). */
export async function openGraphTable(page: Page, namespaces: string, window = '10s'): Promise<void> {
  await page.goto(`/graph?namespaces=${namespaces}&window=${window}&view=table`);
  await expect(page.getByTestId('edges-table')).toBeVisible();
}

/**
 * From the graph (any view): select a node in the table (the service node unless `nodeId` names
 * another, e.g. a version when service nodes are off) and follow "Manage traffic".
 */
export async function manageTrafficFromGraph(
  page: Page,
  ns: string,
  service: string,
  nodeId = `service:${ns}:${service}`,
): Promise<void> {
  await showTable(page);
  await page.locator(`[data-testid="node-row"][data-node-id="${nodeId}"]`).getByRole('button').click();
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

/** Unticks "Service nodes": every caller then has its own edges to the versions (its own split). */
export async function hideServiceNodes(page: Page): Promise<void> {
  const toggle = page.getByTestId('service-nodes-toggle');
  // A plain click: the box follows the URL, which the router updates a moment later.
  if (await toggle.isChecked()) await toggle.click();
  await expect(page).toHaveURL(/serviceNodes=false/);
  await expect(toggle).not.toBeChecked();
}

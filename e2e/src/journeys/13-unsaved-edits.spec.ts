import { storedWeights } from '../stack/api';
import { expect, test } from '../stack/fixture';
import { setWeight } from './helpers';

/*
 * Journey 11: unsaved edits are never lost without a word. The route tab an operator picked is in
 * the URL (a reload comes back to it); switching tabs keeps the edit; leaving the page, in the app
 * or by reloading, asks first; staying keeps the edit, leaving discards it and writes nothing.
 */

const NS = 'front-tomcat';

test('unsaved weights: the tab survives a reload, leaving asks first, nothing is written', async ({ page, api }) => {
  const original = await api.virtualService(NS, 'front-tomcat');
  await page.goto(`/namespaces/${NS}/services/front-tomcat?namespaces=${NS}&window=10s&refresh=off`);
  const card = page
    .locator('[data-testid="virtual-service-card"][data-name="front-tomcat"] [data-testid="route-card"]')
    .first();

  await test.step('the picked tab is in the URL and comes back after a reload', async () => {
    await card.getByTestId('tab-fault').click();
    await expect(page).toHaveURL(/tab=fault/);
    await expect(page).toHaveURL(/route=front-tomcat%2F/);
    await page.reload();
    await expect(card.getByTestId('fault-form')).toBeVisible();
  });

  await test.step('an edit survives switching tabs', async () => {
    await card.getByTestId('tab-shift').click();
    await setWeight(card, 'v2', 40);
    await card.getByTestId('tab-fault').click();
    await card.getByTestId('tab-shift').click();
    await expect(
      card.locator('[data-testid="split-row"][data-destination="v2"] [data-testid="weight-input"]'),
    ).toHaveValue('40');
  });

  await test.step('in-app navigation asks; Stay keeps the edit', async () => {
    await page.getByRole('link', { name: 'Traffic graph', exact: true }).click();
    const dialog = page.getByTestId('unsaved-edits-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('unsaved-stay').click();
    await expect(page).toHaveURL(/\/services\/front-tomcat/);
    await expect(
      card.locator('[data-testid="split-row"][data-destination="v2"] [data-testid="weight-input"]'),
    ).toHaveValue('40');
  });

  await test.step('a reload asks too (the browser prompt), and leaving discards', async () => {
    const prompts: string[] = [];
    page.once('dialog', (d) => {
      prompts.push(d.type());
      void d.accept();
    });
    await page.reload();
    expect(prompts).toEqual(['beforeunload']);
    await expect(
      card.locator('[data-testid="split-row"][data-destination="v1"] [data-testid="weight-input"]'),
    ).toHaveValue('90');
  });

  const after = await api.virtualService(NS, 'front-tomcat');
  expect(after.metadata.resourceVersion).toBe(original.metadata.resourceVersion);
  expect(storedWeights(after)).toEqual({ v1: 90, v2: 10 });
});

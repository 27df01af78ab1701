import type { Page } from '@playwright/test';
import { storedWeights } from '../stack/api';
import { expect, test } from '../stack/fixture';
import { applyAndConfirm, editorText, expectWriteToast, pasteIntoEditor, setWeight } from './helpers';

/*
 * Journey 7: nothing bad gets written, and nothing is silently overwritten.
 *  - YAML edits of bookinfo/ratings that break a field rule (checked in the browser: Save stays
 *    disabled) or a cross-object rule (a subset no DestinationRule defines: the server's 422) show
 *    the finding with its path, and the stored object stays exactly as it was.
 *  - A VirtualService changed behind the page's back (a POST straight to the API) gets the conflict
 *    dialog on Apply; "Reload and reapply" writes the change on top of the other one, both survive.
 *    Once with the traffic-shifting form (live updates paused, so the page still holds the old
 *    version), once with the YAML editor (live: the page learns of the change but keeps the edit).
 *  - Weight typos (150, -5, 33.5, empty) are inline errors with Apply disabled; the API refuses
 *    weights it cannot store as asked (65536/50) and a match on a header named __proto__.
 */

const yamlInput = (page: Page) => page.getByTestId('yaml-input');

async function openYamlEditor(page: Page, ns: string, name: string): Promise<string> {
  await page.goto(`/namespaces/${ns}/istio/virtualservices/${name}?namespaces=${ns}&tab=edit`);
  await expect(page.getByTestId('config-title')).toContainText(`VirtualService ${name}`);
  await expect(yamlInput(page)).toBeVisible();
  return editorText(yamlInput(page));
}

test('invalid YAML edits show their findings and change nothing', async ({ page, api }) => {
  const before = await api.virtualService('bookinfo', 'ratings');
  const original = await openYamlEditor(page, 'bookinfo', 'ratings');
  expect(original).toContain('subset: v1');
  const save = page.getByTestId('save-yaml');
  await expect(save).toBeDisabled();

  await test.step('broken YAML syntax: a finding, Save disabled', async () => {
    await pasteIntoEditor(yamlInput(page), `${original}\n  broken: [unclosed\n`);
    const finding = page.getByTestId('local-findings').getByTestId('finding').first();
    await expect(finding).toHaveAttribute('data-severity', 'error');
    await expect(finding).toContainText('yaml_syntax');
    await expect(save).toBeDisabled();
  });

  await test.step('a field rule (abort status 999): the finding names the field, Save disabled', async () => {
    const bad = original.replace(
      /( *)- name: default\n/,
      (m, indent: string) =>
        `${m}${indent}  fault:\n${indent}    abort:\n${indent}      percentage:\n${indent}        value: 20\n${indent}      httpStatus: 999\n`,
    );
    expect(bad).toContain('httpStatus: 999');
    await pasteIntoEditor(yamlInput(page), bad);
    const findings = page.getByTestId('local-findings');
    await expect(findings).toContainText('spec.http[0].fault.abort.httpStatus');
    await expect(findings.getByTestId('finding').first()).toHaveAttribute('data-severity', 'error');
    await expect(save).toBeDisabled();
  });

  await test.step('a cross-object rule (subset v9 is in no DestinationRule): the server refuses with the path', async () => {
    await pasteIntoEditor(yamlInput(page), original.replace('subset: v1', 'subset: v9'));
    await expect(page.getByTestId('local-findings')).toHaveCount(0);
    await expect(save).toBeEnabled();
    await save.click();
    const alert = page.getByTestId('error-alert');
    await expect(alert).toContainText('rejected by validation');
    await expect(alert).toContainText('spec.http[0].route[0].destination');
    await expect(alert).toContainText('v9');
  });

  const after = await api.virtualService('bookinfo', 'ratings');
  expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  expect(after.spec).toEqual(before.spec);
});

test('weight typos are inline errors with Apply disabled; the API refuses what it cannot store as asked', async ({
  page,
  api,
}) => {
  const NS = 'front-tomcat';
  const original = await api.virtualService(NS, 'front-tomcat');
  expect(storedWeights(original)).toEqual({ v1: 90, v2: 10 });
  await page.goto(`/namespaces/${NS}/services/front-tomcat?namespaces=${NS}&window=10s&refresh=off`);
  const card = page
    .locator('[data-testid="virtual-service-card"][data-name="front-tomcat"] [data-testid="route-card"]')
    .first();
  await card.getByTestId('tab-shift').click();
  const row = (v: string) => card.locator(`[data-testid="split-row"][data-destination="${v}"]`);
  const apply = card.getByTestId('apply-weights');
  await setWeight(card, 'v2', 20);
  await expect(apply).toBeEnabled();
  for (const [typed, message] of [
    ['150', 'Must be from 0 to 100, got 150'],
    ['-5', 'Must be from 0 to 100, got -5'],
    ['33.5', 'Use a whole number (got 33.5)'],
    ['', 'Enter a weight from 0 to 100'],
  ] as const) {
    await test.step(`typing ${JSON.stringify(typed)}`, async () => {
      await row('v2').getByTestId('weight-input').fill(typed);
      await expect(row('v2').getByTestId('weight-error')).toHaveText(message);
      await expect(apply).toBeDisabled();
      // The other row keeps the last good split: nothing was silently turned into 0 or 100.
      await expect(row('v1').getByTestId('weight-input')).toHaveValue('80');
    });
  }
  await setWeight(card, 'v2', 25);
  await expect(row('v2').getByTestId('weight-error')).toHaveCount(0);
  await expect(row('v1').getByTestId('weight-input')).toHaveValue('75');
  await expect(apply).toBeEnabled();

  const weights = (a: number, b: number) => [
    { destination: { host: 'front-tomcat', subset: 'v1' }, weight: a },
    { destination: { host: 'front-tomcat', subset: 'v2' }, weight: b },
  ];
  await expect(
    api.edit(NS, 'front-tomcat', [
      { op: 'setWeights', route: { kind: 'http', index: 0 }, weights: weights(65536, 50) },
    ]),
  ).rejects.toThrow(/HTTP 422.*edits\[0\]\.weights\[0\]\.weight/);
  const rv = original.metadata.resourceVersion;
  const proto = await fetch(`${api.baseUrl}/api/namespaces/${NS}/virtualservices/front-tomcat/edits`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"resourceVersion":"${rv}","edits":[{"op":"setMatchRoute","name":"p","match":[{"headers":{"__proto__":{"exact":"x"}}}],"destinations":[{"destination":{"host":"front-tomcat","subset":"v2"},"weight":100}]}]}`,
  });
  expect(proto.status).toBe(400);
  expect(await proto.text()).toContain('edits[0].match[0].headers.__proto__');
  const after = await api.virtualService(NS, 'front-tomcat');
  expect(after.metadata.resourceVersion).toBe(rv);
  expect(after.spec).toEqual(original.spec);
});

test("a change behind the page's back: the form gets the conflict dialog, and reapplying keeps both changes", async ({
  page,
  api,
}) => {
  const NS = 'front-tomcat';
  const original = await api.virtualService(NS, 'front-tomcat');
  expect(storedWeights(original)).toEqual({ v1: 90, v2: 10 });
  try {
    // Live updates paused: the page keeps the version it loaded, as an operator's would over lunch.
    await page.goto(`/namespaces/${NS}/services/front-tomcat?namespaces=${NS}&window=10s&refresh=off`);
    await expect(page.getByTestId('live-status')).toHaveText('paused');
    const vsCard = page.locator('[data-testid="virtual-service-card"][data-name="front-tomcat"]');
    await expect(vsCard).toContainText(`resourceVersion ${original.metadata.resourceVersion}`);
    const card = vsCard.locator('[data-testid="route-card"]').first();
    await card.getByTestId('tab-shift').click();
    await setWeight(card, 'v2', 30);

    // Someone else sets a timeout on the same route, straight through the API.
    const theirs = await api.edit(NS, 'front-tomcat', [
      { op: 'setTimeout', route: { kind: 'http', index: 0 }, timeout: '2s' },
    ]);
    expect(theirs.metadata.resourceVersion).not.toBe(original.metadata.resourceVersion);

    await card.getByTestId('apply-weights').click();
    const dialog = page.getByTestId('conflict-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Changed by someone else');
    await expect(dialog).toContainText('VirtualService front-tomcat/front-tomcat');
    // Nothing of ours was written.
    const during = await api.virtualService(NS, 'front-tomcat');
    expect(during.metadata.resourceVersion).toBe(theirs.metadata.resourceVersion);
    expect(storedWeights(during)).toEqual({ v1: 90, v2: 10 });

    await dialog.getByTestId('conflict-reapply').click();
    await expectWriteToast(page);
    await expect(dialog).toBeHidden();
    const stored = await api.virtualService(NS, 'front-tomcat');
    expect(storedWeights(stored)).toEqual({ v1: 70, v2: 30 });
    expect(stored.spec.http?.[0]?.timeout).toBe('2s');
  } finally {
    await api.restore(original);
  }
});

test("a change behind the page's back: the YAML editor gets the conflict dialog, and reapplying on the latest version saves", async ({
  page,
  api,
}) => {
  const NS = 'bookinfo';
  const original = await api.virtualService(NS, 'details');
  try {
    const text = await openYamlEditor(page, NS, 'details');
    await pasteIntoEditor(
      yamlInput(page),
      text.replace(/( *)- name: default\n/, (m, indent: string) => `${m}${indent}  timeout: 3s\n`),
    );
    await expect(page.getByTestId('local-findings')).toHaveCount(0);

    const theirs = await api.edit(NS, 'details', [
      { op: 'setRetries', route: { kind: 'http', index: 0 }, retries: { attempts: 2, perTryTimeout: '1s' } },
    ]);
    await page.getByTestId('save-yaml').click();
    const dialog = page.getByTestId('conflict-dialog');
    await expect(dialog).toBeVisible();
    expect((await api.virtualService(NS, 'details')).metadata.resourceVersion).toBe(theirs.metadata.resourceVersion);

    await dialog.getByTestId('conflict-reapply').click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByText(`Your edit is now based on resourceVersion ${theirs.metadata.resourceVersion}`),
    ).toBeVisible();
    await applyAndConfirm(page, page.getByTestId('save-yaml'), /Saved VirtualService/);
    const stored = await api.virtualService(NS, 'details');
    expect(stored.spec.http?.[0]?.timeout).toBe('3s');
    expect(Number(stored.metadata.resourceVersion)).toBeGreaterThan(Number(theirs.metadata.resourceVersion));
  } finally {
    await api.restore(original);
  }
});

import { test as base, expect } from '@playwright/test';
import { SluiceApi } from './api';
import { watchCsp } from './csp';
import { startStack, type Stack } from './stack';

/*
 * `stack` is worker-scoped: one API + simulator + Prometheus for all journeys of a worker (there is
 * one worker), started before the first journey and torn down after the last, failed or not.
 * `api` talks to that stack's HTTP API (stored objects, writes behind the page's back, restore).
 * Every page's baseURL is the stack's URL. Every page is watched for CSP violations (./csp.ts): a
 * journey during which the browser blocked anything fails, whatever else it checked.
 */
export const test = base.extend<{ api: SluiceApi }, { stack: Stack }>({
  stack: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const stack = await startStack();
      try {
        await use(stack);
      } finally {
        if (workerInfo.project) await stack.stop();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  baseURL: async ({ stack }, use) => use(stack.url),
  page: async ({ page }, use) => {
    const csp = await watchCsp(page);
    await use(page);
    // A plain throw: Playwright reports an `expect` failing in a fixture's teardown as an internal error.
    const violations = csp.violations();
    if (violations.length > 0)
      throw new Error(`Content-Security-Policy violations during the journey:\n${violations.join('\n')}`);
  },
  api: async ({ stack }, use, testInfo) => {
    await use(new SluiceApi(stack.url));
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('api-log', { body: stack.apiLog(), contentType: 'text/plain' });
    }
  },
});

export { expect };

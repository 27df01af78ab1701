import { defineConfig } from '@playwright/test';

// Journeys run one at a time against one stack (API + simulator + a real Prometheus) started by the
// worker-scoped `stack` fixture in src/stack/fixture.ts. The browser is Debian's Chromium: Playwright
// never downloads one here.
export default defineConfig({
  testDir: 'src/journeys',
  outputDir: 'output/test-results',
  workers: 1,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 45_000 },
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});

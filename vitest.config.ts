import { defineConfig } from 'vitest/config';

// One runner for every package; each package is its own project so environments differ
// (node for model/mesh-sim/api, jsdom for web components).
export default defineConfig({
  test: {
    projects: ['packages/model', 'packages/mesh-sim', 'apps/api', 'apps/web'],
  },
});

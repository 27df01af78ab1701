// apps/api: one folder per concern, and no folder imports one that imports it back (STYLE.md).
// A second cruise over production code only: test kits legitimately reach across folders, so tests are
// left out here (the main config still checks them for module cycles and package boundaries).
// rollout/ already imports graph/, routing/ and http/ which import it back: that debt is pinned edge by
// edge in .dependency-cruiser.cjs (api-rollout-*), so it cannot grow, and rollout/ is left out here.
// See docs/decisions/0001-import-boundaries-with-dependency-cruiser.md.
const base = require('./.dependency-cruiser.cjs');

const api = '^apps/api/src/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'api-no-folder-cycle',
      severity: 'error',
      scope: 'folder',
      comment:
        'apps/api: no folder imports one that imports it back. Move what both need into the lower folder ' +
        '(or into packages/model when it is pure).',
      from: { path: api },
      to: { path: api, circular: true },
    },
  ],
  options: {
    ...base.options,
    // rollout/ is left out: its existing back-edges are pinned file by file in .dependency-cruiser.cjs.
    exclude: { path: `${base.options.exclude.path}|\\.(test|bench)\\.ts$|test-kit|${api}rollout/` },
  },
};

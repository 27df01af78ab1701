// apps/api: one folder per concern, and no folder imports one that imports it back (STYLE.md).
// A second cruise over production code only: test kits legitimately reach across folders, so tests are
// left out here (the main config still checks them for module cycles and package boundaries).
// Every folder is checked, rollout/ included (its old back-edges into graph/, routing/ and http/ were
// removed in issue 16).
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
    exclude: { path: `${base.options.exclude.path}|\\.(test|bench)\\.ts$|test-kit` },
  },
};

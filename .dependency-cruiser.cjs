// Import boundaries and cycles (docs/decisions/0001-import-boundaries-with-dependency-cruiser.md).
// The layering is the one in DESIGN.md and STYLE.md: model <- mesh-sim <- api; model <- web; inside
// web shared (lib, components) -> features -> app; inside api no folder imports one that imports it back.
// `npm run lint:imports` (part of `npm run lint`) runs this over packages apps e2e test-infra, then
// .dependency-cruiser-api-folders.cjs over apps/api/src for folder cycles.

const api = '^apps/api/src/';
const tests = '\\.(test|bench)\\.tsx?$|(^|/)test-kit(\\.ts$|/)|/testing/|/test/|/bench/|/fixtures/test-scenarios\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module cycle makes load order matter and the two modules one idea; extract what both need.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'model-is-pure',
      severity: 'error',
      comment: 'packages/model is pure: no Node, I/O, React, Express or other workspace packages; only zod and yaml.',
      from: { path: '^packages/model/src/', pathNot: tests },
      to: { pathNot: '^packages/model/|node_modules/(zod|yaml)/' },
    },
    {
      name: 'mesh-sim-below-api',
      severity: 'error',
      comment: 'mesh-sim sits below api and web: it may use model, never api, web or React.',
      from: { path: '^packages/mesh-sim/' },
      to: { path: '^apps/|node_modules/(react|react-dom|express)/' },
    },
    {
      name: 'web-talks-http-only',
      severity: 'error',
      comment:
        'web talks to the API over HTTP only; shared types come from @sluice/model (never api, mesh-sim or Node).',
      from: { path: '^apps/web/src/' },
      to: {
        path: '^apps/api/|^packages/mesh-sim/|^test-infra/|node_modules/(express|pino|@kubernetes)/',
      },
    },
    {
      name: 'web-no-node-builtins',
      severity: 'error',
      comment: 'web runs in the browser: no Node built-ins.',
      from: { path: '^apps/web/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'web-feature-to-feature',
      severity: 'error',
      comment: 'apps/web: a feature never imports another feature; shared code goes to lib/ or components/.',
      from: { path: '^apps/web/src/features/([^/]+)/' },
      to: { path: '^apps/web/src/features/([^/]+)/', pathNot: '^apps/web/src/features/$1/' },
    },
    {
      name: 'web-feature-to-app',
      severity: 'error',
      comment: 'apps/web: imports flow shared -> features -> app; a feature never imports the app layer.',
      from: { path: '^apps/web/src/features/' },
      to: { path: '^apps/web/src/app/' },
    },
    {
      name: 'web-shared-to-feature',
      severity: 'error',
      comment: 'apps/web: shared code (lib/, components/) never imports a feature or the app layer.',
      from: { path: '^apps/web/src/(lib|components)/' },
      to: { path: '^apps/web/src/(features|app)/' },
    },
    {
      name: 'api-into-rollout',
      severity: 'error',
      comment:
        'apps/api: only the routers layer (http/, app.ts, server-deps.ts) imports rollout/; the write use cases ' +
        '(writes/) and the read models (graph/, traffic/, samples/) sit below it (issue 16 removed the old back-edges).',
      from: { path: `${api}(?!rollout/|http/)[^/]+/`, pathNot: tests },
      to: { path: `${api}rollout/` },
    },
    {
      name: 'api-rollout-below-http',
      severity: 'error',
      comment: 'apps/api: rollout/ holds use cases, not request handling; it never imports the routers layer (http/).',
      from: { path: `${api}rollout/`, pathNot: tests },
      to: { path: `${api}http/` },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or an undeclared dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.tsbuild|output)/' },
    // Type-only imports count for boundaries (web must not even borrow api's types).
    tsPreCompilationDeps: true,
    // apps/web's tsconfig carries its '@/' paths alias; no other package uses '@/', so it resolves for all.
    tsConfig: { fileName: 'apps/web/tsconfig.json' },
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

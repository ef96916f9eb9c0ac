/**
 * The layers, checked in CI (`npm run lint:boundaries`, run by .ci/run before the tests):
 *
 *   apps ──▶ libs/engine ──▶ libs/persistence, libs/queues ──▶ libs/domain
 *
 * libs/domain is pure rules (no framework, no driver); apps reach data only through the engine
 * (the worker may name its queues and job types from libs/queues); no library imports an app;
 * no import cycles anywhere.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain holds the rules: no Nest, Mongoose, MongoDB, BullMQ, Redis, Express or HTTP, and no other layer.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: {
        pathNot: '^libs/domain/',
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'domain-uses-no-node-io',
      comment:
        'libs/domain does no I/O: no file system, network or processes (node:crypto and the like are fine). Its tests and their helpers under testing/ (not built) may read the shipped catalogs.',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: '(\\.spec\\.ts$|^libs/domain/src/testing/)' },
      to: { dependencyTypes: ['core'], path: '^(fs|net|http|https|child_process|dgram|tls|cluster|worker_threads)$' },
    },
    {
      name: 'apps-reach-data-through-the-engine',
      comment: 'apps/* may not import libs/persistence: pages and controllers call engine services.',
      severity: 'error',
      from: { path: '^apps/' },
      to: { path: '^libs/persistence/' },
    },
    {
      name: 'only-the-worker-names-queues',
      comment: 'Of the apps, only the worker imports libs/queues (its queue names and job types).',
      severity: 'error',
      from: { path: '^apps/', pathNot: '^apps/worker/' },
      to: { path: '^libs/queues/' },
    },
    {
      name: 'libraries-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'persistence-and-queues-below-the-engine',
      comment: 'libs/persistence and libs/queues know the domain only, not the engine nor each other.',
      severity: 'error',
      from: { path: '^libs/(persistence|queues)/' },
      to: { path: '^libs/(engine|persistence|queues)/', pathNot: '^libs/$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};

// The layer rule of DESIGN §2 (docs/DESIGN.md), enforced: domain <- use-cases <- infrastructure <- container <- apps.
// Workspace packages are matched both by their folder (once built and resolved) and by their
// package name (when not), so the rule holds either way.
const pkg = (name, folder) => `^(${folder}/|@edgecv/${name}($|/))`;
const DOMAIN = pkg('domain', 'packages/domain');
const USE_CASES = pkg('use-cases', 'packages/use-cases');
const INFRA = pkg('infrastructure', 'packages/infrastructure');
const CONTAINER = pkg('container', 'packages/container');
const LOCAL_STACK = pkg('local-stack', 'packages/local-stack');
const APPS = '^(apps/|@edgecv/(cli|lambdas|infra)($|/))';
const TOOLING = '^(tooling/|@edgecv/(test-harness|bench|jest-preset)($|/))';
const TESTS = '\\.(test|fixture)\\.ts$|/__tests__/';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'Domain has no runtime dependencies: it imports nothing outside itself, not even Node built-ins.',
      severity: 'error',
      from: { path: '^packages/domain/src', pathNot: TESTS },
      to: { pathNot: '^packages/domain/src' },
    },
    {
      name: 'use-cases-see-ports-only',
      comment: 'Use cases depend on the domain and their own ports; never on an SDK or an outer layer.',
      severity: 'error',
      from: { path: '^packages/use-cases/src', pathNot: TESTS },
      to: { pathNot: `^packages/use-cases/src|${DOMAIN}`, dependencyTypesNot: ['core'] },
    },
    {
      name: 'infrastructure-not-outward',
      severity: 'error',
      from: { path: '^packages/infrastructure/src', pathNot: TESTS },
      to: { path: `${CONTAINER}|${APPS}|${LOCAL_STACK}|${TOOLING}` },
    },
    {
      name: 'use-cases-import-no-provider-sdk',
      comment:
        'Use cases never see an AWS SDK, the MongoDB driver or sharp, not even as types: adapters translate provider errors into the ports\' typed errors (issue 12 §2).',
      severity: 'error',
      from: { path: '^packages/use-cases/src' },
      to: { path: '(^|/)node_modules/(@aws-sdk|@smithy|mongodb|bson|sharp)/|^(@aws-sdk|@smithy)/|^(mongodb|sharp)$' },
    },
    {
      name: 'local-stack-stands-alone',
      comment: 'The local stack only starts servers; it knows nothing of the layers, except the one error base every typed error extends.',
      severity: 'error',
      from: { path: '^packages/local-stack/src', pathNot: TESTS },
      to: { path: `${DOMAIN}|${USE_CASES}|${INFRA}|${CONTAINER}|${APPS}|${TOOLING}`, pathNot: '^(packages/domain/|@edgecv/domain$)' },
    },
    {
      name: 'local-stack-uses-only-the-error-base-of-the-domain',
      severity: 'error',
      from: { path: '^packages/local-stack/src', pathNot: TESTS },
      to: { path: '^packages/domain/src/', pathNot: '^packages/domain/src/(index|errors/(index|EdgecvError))\\.ts$' },
    },
    {
      name: 'container-not-apps',
      severity: 'error',
      from: { path: '^packages/container/src', pathNot: TESTS },
      to: { path: `${APPS}|${TOOLING}` },
    },
    {
      name: 'apps-use-the-container',
      comment: 'Apps reach adapters through the container, never directly.',
      severity: 'error',
      from: { path: '^apps/(cli|lambdas)/src', pathNot: TESTS },
      to: { path: `${INFRA}|${TOOLING}` },
    },
    {
      name: 'cli-commands-reach-use-cases-one-way',
      comment: 'A command gets its use cases from io/edgecv.ts (configuration read once, in io/config.ts), never by wiring the container itself.',
      severity: 'error',
      from: { path: '^apps/cli/src/commands/', pathNot: TESTS },
      to: { path: CONTAINER },
    },
    {
      name: 'handlers-reach-use-cases-one-way',
      comment: 'A handler gets its use cases from the runtime it is given; the runtime builds the container once.',
      severity: 'error',
      from: { path: '^apps/lambdas/src/handlers/', pathNot: TESTS },
      to: { path: CONTAINER },
    },
    {
      name: 'use-cases-know-no-composition-root',
      comment: 'Use cases are wired, they do not wire: no container, no adapters, no apps (issue 12 §3).',
      severity: 'error',
      from: { path: '^packages/use-cases/src', pathNot: TESTS },
      to: { path: `${INFRA}|${CONTAINER}|${APPS}|${LOCAL_STACK}` },
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
    exclude: { path: '(^|/)(dist|node_modules|cdk\\.out|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};

// One jest configuration for every package, so tests import workspace packages from source
// (no build needed) and share one local stack per run.
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

const workspaceSources = {
  '^@edgecv/domain$': 'packages/domain/src/index.ts',
  '^@edgecv/use-cases$': 'packages/use-cases/src/index.ts',
  '^@edgecv/infrastructure/(.*)$': 'packages/infrastructure/src/$1/index.ts',
  '^@edgecv/infrastructure$': 'packages/infrastructure/src/index.ts',
  '^@edgecv/container$': 'packages/container/src/index.ts',
  '^@edgecv/container/images$': 'packages/container/src/images.ts',
  '^@edgecv/local-stack$': 'packages/local-stack/src/index.ts',
  '^@edgecv/test-harness$': 'tooling/test-harness/src/index.ts',
  '^@edgecv/lambdas/(.*)$': 'apps/lambdas/src/$1',
  '^@edgecv/lambdas$': 'apps/lambdas/src/index.ts',
  '^@edgecv/portal$': 'apps/portal/src/index.ts',
};

const moduleNameMapper = {
  ...Object.fromEntries(Object.entries(workspaceSources).map(([pattern, target]) => [pattern, path.join(root, target)])),
  // `import('./x.js')` is how TypeScript (node16) spells a lazy import of ./x.ts; resolve it the
  // same way here (a real ./x.js still wins: jest tries .js before .ts).
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

const transform = {
  '^.+\\.(t|j)sx?$': [
    require.resolve('@swc/jest'),
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        target: 'es2022',
        transform: { legacyDecorator: true, decoratorMetadata: true },
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};

/** The jest project of one package: its tests live next to its sources. */
function project(dir) {
  return {
    displayName: path.relative(root, dir),
    rootDir: dir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.test.ts'],
    transform,
    moduleNameMapper,
    // Properties and integration tests talk to real servers; give them room on a 2-core machine.
    testTimeout: 60_000,
  };
}

const globalSetup = path.join(__dirname, 'globalSetup.js');
const globalTeardown = path.join(__dirname, 'globalTeardown.js');

/** A package's standalone jest config: its own project, plus the shared local stack. */
function standalone(dir) {
  return { ...project(dir), globalSetup, globalTeardown };
}

module.exports = { project: standalone, projectOnly: project, globalSetup, globalTeardown, root };

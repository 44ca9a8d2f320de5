// The whole test suite in one jest run, so one local stack serves every package.
const preset = require('./tooling/jest-preset');

const projects = [
  'packages/domain',
  'packages/use-cases',
  'packages/infrastructure',
  'packages/container',
  'packages/local-stack',
  'apps/cli',
  'apps/lambdas',
  'apps/infra',
  'tooling/test-harness',
].map((dir) => preset.projectOnly(`${__dirname}/${dir}`));

module.exports = {
  projects,
  globalSetup: preset.globalSetup,
  globalTeardown: preset.globalTeardown,
  // A global option: per-project testTimeout is ignored in a multi-project run. Integration tests
  // talk to real servers on a shared 2-core machine; speed is measured by benchmarks, not here.
  testTimeout: 60_000,
};

// The whole test suite in one jest run, so one local stack serves every package.
const preset = require('./tooling/jest-preset');

const projects = [
  'packages/domain',
  'packages/use-cases',
  'packages/infrastructure',
  'packages/container',
  'packages/local-stack',
  'apps/cli',
  'tooling/test-harness',
].map((dir) => preset.projectOnly(`${__dirname}/${dir}`));

module.exports = {
  projects,
  globalSetup: preset.globalSetup,
  globalTeardown: preset.globalTeardown,
};

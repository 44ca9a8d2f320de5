const { require: tsRequire } = require('tsx/cjs/api');

module.exports = async function globalTeardown() {
  const { stopTestStack } = tsRequire('../test-harness/src/globalStack.ts', __filename);
  await stopTestStack();
};

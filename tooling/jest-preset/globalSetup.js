// Starts one local stack for the whole test run (or uses the servers named by the standard
// environment variables) and exports its endpoints to the test workers through process.env.
const { require: tsRequire } = require('tsx/cjs/api');

module.exports = async function globalSetup() {
  const { startTestStack } = tsRequire('../test-harness/src/globalStack.ts', __filename);
  await startTestStack();
};

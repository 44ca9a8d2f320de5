// Starts one local stack for the whole test run (or uses the servers named by the standard
// environment variables) and exports its endpoints to the test workers through process.env.
const { require: tsRequire } = require('tsx/cjs/api');

module.exports = async function globalSetup() {
  // The SDK's notice that its 2027 releases need Node 22 would repeat in every worker's output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { startTestStack } = tsRequire('../test-harness/src/globalStack.ts', __filename);
  await startTestStack();
};

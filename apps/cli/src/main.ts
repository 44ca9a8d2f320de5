#!/usr/bin/env node
import { run } from './program';

// The SDK's notice that its 2027 releases will need Node 22 would precede every command's output;
// the README says so once. Set the variable to "false" to see it again.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

run({ argv: process.argv.slice(2) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`edgecv: internal error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);

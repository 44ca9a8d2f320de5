#!/usr/bin/env node
import { run } from './program';

run({ argv: process.argv.slice(2) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`edgecv: internal error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);

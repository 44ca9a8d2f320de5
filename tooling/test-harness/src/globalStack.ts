// One local stack per jest run: started by tooling/jest-preset/globalSetup.js, handed to the
// workers through process.env (which they inherit), stopped by globalTeardown.js.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type * as LocalStack from '@edgecv/local-stack';
import type { RunningStack, StackEndpoints } from '@edgecv/local-stack';

type LocalStackModule = typeof LocalStack;

/**
 * The jest preset loads this file with tsx, outside jest's module mapping, where the workspace
 * package would resolve to its (possibly unbuilt or stale) dist/. In the repo its source is
 * right there, so use it; a built copy is the fallback.
 */
function loadLocalStack(): LocalStackModule {
  const packageJson = require.resolve('@edgecv/local-stack/package.json');
  const source = path.join(path.dirname(packageJson), 'src', 'index.ts');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (existsSync(source) ? require(source) : require('@edgecv/local-stack')) as LocalStackModule;
}

interface TestStackState {
  stack: RunningStack;
  dataDir: string;
  ownsDataDir: boolean;
}

// globalSetup and globalTeardown load this file separately; globalThis is what they share.
const KEY = Symbol.for('edgecv.testStack');
type Holder = { [KEY]?: TestStackState };

/**
 * Starts the servers the environment does not already name and exports every endpoint and
 * credential to process.env. Set EDGECV_TEST_STACK_LOG=1 to see what starts.
 */
export async function startTestStack(): Promise<StackEndpoints> {
  const holder = globalThis as Holder;
  const running = holder[KEY];
  if (running) return running.stack.endpoints;

  const started = Date.now();
  const given = process.env.EDGECV_TEST_STACK_DATA;
  const dataDir = given ? path.resolve(given) : await fs.mkdtemp(path.join(os.tmpdir(), 'edgecv-test-stack-'));
  const log = process.env.EDGECV_TEST_STACK_LOG ? (line: string) => process.stderr.write(`[test stack] ${line}\n`) : undefined;
  const stack = await loadLocalStack().startLocalStack({ dataDir, log });
  holder[KEY] = { stack, dataDir, ownsDataDir: !given };

  const { endpoints } = stack;
  // Tests never read the developer's own AWS files or profile: a test that needs a profile writes its own files.
  process.env.AWS_CONFIG_FILE = path.join(dataDir, 'no-such-aws-config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dataDir, 'no-such-aws-credentials');
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_DEFAULT_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  process.env.AWS_ENDPOINT_URL_S3 = endpoints.s3;
  process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoints.dynamodb;
  process.env.MONGODB_URI = endpoints.mongodb;
  process.env.AWS_REGION = endpoints.region;
  process.env.AWS_ACCESS_KEY_ID = endpoints.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = endpoints.secretAccessKey;
  process.env.EDGECV_TEST_STACK_DATA = dataDir;
  log?.(`ready in ${Date.now() - started} ms: s3/dynamodb ${endpoints.s3}, mongodb ${endpoints.mongodb}, data ${dataDir}`);
  return endpoints;
}

/** Stops what startTestStack started and removes its temporary folder. */
export async function stopTestStack(): Promise<void> {
  const holder = globalThis as Holder;
  const running = holder[KEY];
  if (!running) return;
  delete holder[KEY];
  await running.stack.stop();
  if (running.ownsDataDir) await fs.rm(running.dataDir, { recursive: true, force: true });
}

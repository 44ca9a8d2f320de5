// Run as a separate process by lifecycle.int.test.ts: starts a foreground stack, prints the
// server pids, then waits to be killed.
import { startLocalStack } from './startLocalStack';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: stackChild.fixture.ts <dataDir>');
const env = { ...process.env };
delete env.AWS_ENDPOINT_URL_S3;
delete env.AWS_ENDPOINT_URL_DYNAMODB;
delete env.MONGODB_URI;

startLocalStack({ dataDir, env }).then(
  () => {
    process.stdout.write('started\n');
    setInterval(() => undefined, 60_000);
  },
  (error: unknown) => {
    process.stderr.write(String(error));
    process.exit(1);
  },
);

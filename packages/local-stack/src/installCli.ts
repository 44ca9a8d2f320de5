// Installs the local servers into the cache ahead of first use (scripts/bootstrap.sh runs this),
// so the wait happens once, visibly, instead of inside the first test run.
import { ensureInstalled } from './ensureInstalled';
import { defaultCacheDir } from './paths';

async function main(): Promise<void> {
  const started = Date.now();
  const cacheDir = defaultCacheDir();
  await ensureInstalled({ cacheDir, log: (line) => process.stderr.write(`edgecv: ${line}\n`) });
  process.stderr.write(`edgecv: local servers ready in ${cacheDir} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`edgecv: installing the local servers failed\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

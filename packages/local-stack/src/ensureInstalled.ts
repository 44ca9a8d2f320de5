import path from 'node:path';
import { withFileLock } from './fileLock';
import { installMongo, isMongoInstalled } from './installMongo';
import { installMoto, isMotoInstalled } from './installMoto';
import { defaultCacheDir } from './paths';
import type { ServiceName } from './StackEndpoints';

export interface EnsureInstalledOptions {
  cacheDir?: string;
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** Only what these services need; all of them by default. */
  services?: readonly ServiceName[];
}

/**
 * Installs the pinned servers into the cache once. Idempotent and safe to call from several
 * processes at once (jest and the CLI): the work happens under a lock in the cache folder and
 * every step re-checks what is already there.
 */
export async function ensureInstalled(opts: EnsureInstalledOptions = {}): Promise<void> {
  const env = opts.env ?? process.env;
  const cacheDir = opts.cacheDir ?? defaultCacheDir(env);
  const log = opts.log ?? (() => undefined);
  const services = opts.services ?? ['s3', 'dynamodb', 'mongodb'];
  const wantMoto = services.includes('s3') || services.includes('dynamodb');
  const wantMongo = services.includes('mongodb');

  const motoReady = !wantMoto || (await isMotoInstalled(cacheDir));
  const mongoReady = !wantMongo || (await isMongoInstalled(cacheDir, env));
  if (motoReady && mongoReady) return;

  await withFileLock(
    path.join(cacheDir, '.install.lock'),
    async () => {
      // Different folders and tools (pip, maven): nothing to gain from doing them in turn.
      await Promise.all([
        wantMoto ? installMoto(cacheDir, log, env) : undefined,
        wantMongo ? installMongo(cacheDir, log, env) : undefined,
      ]);
    },
    { onWait: () => log(`waiting for another process installing into ${cacheDir}`) },
  );
}

import os from 'node:os';
import path from 'node:path';

/** Where installed servers live: `EDGECV_CACHE_DIR`, else `$XDG_CACHE_HOME/edgecv`, else `~/.cache/edgecv`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.EDGECV_CACHE_DIR) return path.resolve(env.EDGECV_CACHE_DIR);
  const xdg = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.resolve(xdg, 'edgecv');
}

/** Where a local stack keeps its data, logs and state: `EDGECV_HOME`, else `./.edgecv`. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.EDGECV_HOME || '.edgecv');
}

/** The package's own folder (holds python/ and java/), the same from src/ and dist/. */
export const packageDir = path.resolve(__dirname, '..');

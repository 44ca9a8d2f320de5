import { MissingPeerDependencyError } from './MissingPeerDependencyError';

/**
 * Loads an optional peer dependency with `load` (a `require` of it), turning "not installed" into
 * a MissingPeerDependencyError; any other failure (a peer that is installed but broken, e.g.
 * sharp without its native binary) is rethrown as is. The published build routes each family's
 * import of a peer through here (tooling/build/peerDependencies.ts); sources import peers
 * statically, so tests and the Lambda bundler see ordinary imports.
 */
export function loadPeer<T>(packageName: string, versionRange: string, family: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (isMissing(error, packageName)) throw new MissingPeerDependencyError(packageName, versionRange, family, { cause: error });
    throw error;
  }
}

/** Node's "Cannot find module 'mongodb'" for the package itself, not for a file inside it. */
function isMissing(error: unknown, packageName: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return false;
  return error.message.includes(`'${packageName}'`) || error.message.includes(`"${packageName}"`);
}

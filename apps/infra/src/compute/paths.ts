import path from 'node:path';

/** The monorepo root, where pnpm-lock.yaml is: esbuild bundles from the workspace sources. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const LAMBDAS_DIR = path.join(REPO_ROOT, 'apps', 'lambdas');

export function handlerEntry(entry: string): string {
  return path.join(LAMBDAS_DIR, 'src', 'handlers', `${entry}.ts`);
}

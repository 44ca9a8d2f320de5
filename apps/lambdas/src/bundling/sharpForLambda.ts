// sharp for the Lambda platform (linux-x64, glibc) as real files, copied from what the
// workspace's own install fetched: sharp, its dependencies and the prebuilt binaries for that
// platform. No registry, no Docker, no install at synth time. pnpm installs the linux-x64 binaries
// on any machine because pnpm-workspace.yaml lists linux/x64/glibc in supportedArchitectures.
import { EdgecvError } from '@edgecv/domain';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from './handlerEntries';

export const LAMBDA_PLATFORM = Object.freeze({ os: 'linux', cpu: 'x64', libc: 'glibc' });

export class SharpForLambdaMissingError extends EdgecvError {
  readonly code = 'SHARP_FOR_LAMBDA_MISSING';
  constructor(readonly packageName: string, readonly requiredBy: string) {
    super(
      `${packageName} (needed by ${requiredBy} on ${LAMBDA_PLATFORM.os}-${LAMBDA_PLATFORM.cpu}) is not installed: run \`pnpm install\` at the repository root ` +
        '(pnpm-workspace.yaml asks pnpm for the linux-x64 binaries on every machine)',
    );
    this.name = 'SharpForLambdaMissingError';
  }
}

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly os?: readonly string[];
  readonly cpu?: readonly string[];
  readonly libc?: readonly string[];
}

/** sharp as the adapters resolve it (its `exports` hide package.json, so found from its entry). */
export function sharpPackageDir(): string {
  const require = createRequire(path.join(REPO_ROOT, 'packages', 'infrastructure', 'package.json'));
  let dir = path.dirname(require.resolve('sharp'));
  while (!existsSync(path.join(dir, 'package.json')) || readPackage(dir).name !== 'sharp') {
    const up = path.dirname(dir);
    if (up === dir) throw new SharpForLambdaMissingError('sharp', '@edgecv/infrastructure');
    dir = up;
  }
  return realpathSync(dir);
}

export function sharpVersion(): string {
  return readPackage(sharpPackageDir()).version;
}

/** Copies sharp and everything it loads on linux-x64 into `nodeModulesDir` (a `node_modules` folder). */
export function copySharpForLambda(nodeModulesDir: string): void {
  const copied = new Set<string>();
  const visit = (dir: string): void => {
    const pkg = readPackage(dir);
    if (copied.has(pkg.name)) return;
    copied.add(pkg.name);
    const target = path.join(nodeModulesDir, ...pkg.name.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    // Real files (pnpm links them), without any nested node_modules: dependencies are flattened.
    cpSync(dir, target, { recursive: true, dereference: true, filter: (src) => !path.relative(dir, src).split(path.sep).includes('node_modules') });
    const wanted = [
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.optionalDependencies ?? {}).filter((name) => {
        const found = findPackage(name, dir);
        // An optional dependency for another platform is not installed here, nor wanted there.
        return found === undefined ? isForLambdaByName(name) : isForLambda(readPackage(found));
      }),
    ];
    for (const name of wanted) {
      const found = findPackage(name, dir);
      if (found === undefined) throw new SharpForLambdaMissingError(name, pkg.name);
      visit(found);
    }
  };
  visit(sharpPackageDir());
}

function isForLambda(pkg: PackageJson): boolean {
  const fits = (allowed: readonly string[] | undefined, value: string) =>
    allowed === undefined || allowed.includes(value) || (allowed.every((a) => a.startsWith('!')) && !allowed.includes(`!${value}`));
  return fits(pkg.os, LAMBDA_PLATFORM.os) && fits(pkg.cpu, LAMBDA_PLATFORM.cpu) && fits(pkg.libc, LAMBDA_PLATFORM.libc);
}

/** sharp names its prebuilt packages `@img/sharp-{os}-{cpu}` and `@img/sharp-libvips-{os}-{cpu}` (musl: `linuxmusl`). */
function isForLambdaByName(name: string): boolean {
  return new RegExp(`^@img/sharp-(libvips-)?${LAMBDA_PLATFORM.os}-${LAMBDA_PLATFORM.cpu}$`).test(name);
}

/** Node's lookup: `node_modules/{name}` in this folder and every parent (pnpm keeps siblings there). */
function findPackage(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') {
      const candidate = path.join(dir, 'node_modules', ...name.split('/'));
      if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

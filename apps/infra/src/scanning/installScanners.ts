// cfn-lint and checkov, pinned, in a Python virtual environment under the edgecv cache folder, as
// moto is (packages/local-stack): installed once per machine (scripts/bootstrap.sh does it ahead of
// the first test run), under a lock, beside older versions rather than over them.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { defaultCacheDir, runCommand, withFileLock } from '@edgecv/local-stack';

export const CHECKOV_VERSION = '3.3.30';
export const CFN_LINT_VERSION = '1.58.0';

/** Every package of the venv, pinned: the same rules on every machine. */
const CONSTRAINTS = path.resolve(__dirname, '..', '..', 'python', 'scanners-constraints.txt');
const MARKER = '.edgecv-installed';

export interface Scanners {
  readonly checkov: string;
  readonly cfnLint: string;
}

export function scannersDir(cacheDir: string): string {
  return path.join(cacheDir, `scanners-checkov-${CHECKOV_VERSION}-cfn-lint-${CFN_LINT_VERSION}`);
}

function scanners(dir: string): Scanners {
  return { checkov: path.join(dir, 'bin', 'checkov'), cfnLint: path.join(dir, 'bin', 'cfn-lint') };
}

export interface EnsureScannersOptions {
  readonly cacheDir?: string;
  readonly log?: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
}

export async function ensureScanners(options: EnsureScannersOptions = {}): Promise<Scanners> {
  const env = options.env ?? process.env;
  const cacheDir = options.cacheDir ?? defaultCacheDir(env);
  const dir = scannersDir(cacheDir);
  if (existsSync(path.join(dir, MARKER))) return scanners(dir);
  const log = options.log ?? (() => undefined);
  // A lock of its own: the local servers' install (another lock) may run beside this one.
  await withFileLock(path.join(cacheDir, '.install-scanners.lock'), () => install(dir, log, env), { onWait: () => log(`waiting for another process installing the scanners into ${cacheDir}`) });
  return scanners(dir);
}

async function install(dir: string, log: (line: string) => void, env: NodeJS.ProcessEnv): Promise<void> {
  if (existsSync(path.join(dir, MARKER))) return;
  // A half-built venv from an interrupted install is not worth repairing.
  await fs.rm(dir, { recursive: true, force: true });
  log(`installing checkov ${CHECKOV_VERSION} and cfn-lint ${CFN_LINT_VERSION} into ${dir} (python venv, pip)`);
  await runCommand(env.EDGECV_PYTHON || 'python3', ['-m', 'venv', dir], { env });
  const python = path.join(dir, 'bin', 'python');
  await runCommand(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-q', '-c', CONSTRAINTS, `checkov==${CHECKOV_VERSION}`, `cfn-lint==${CFN_LINT_VERSION}`], {
    env: { ...env, PIP_REQUIRE_VIRTUALENV: '1' },
  });
  const { checkov, cfnLint } = scanners(dir);
  const versions = `${(await runCommand(checkov, ['--version'], { env })).trim()} ${(await runCommand(cfnLint, ['--version'], { env })).trim()}`;
  if (!versions.includes(CHECKOV_VERSION) || !versions.includes(CFN_LINT_VERSION)) throw new Error(`the scanners report ${versions}, expected checkov ${CHECKOV_VERSION} and cfn-lint ${CFN_LINT_VERSION}`);
  await fs.writeFile(path.join(dir, MARKER), JSON.stringify({ checkov: CHECKOV_VERSION, cfnLint: CFN_LINT_VERSION, at: new Date().toISOString() }));
  log('scanners installed');
}

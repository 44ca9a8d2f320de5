import fs from 'node:fs/promises';
import path from 'node:path';
import { packageDir } from './paths';
import { runCommand } from './runCommand';
import { MOTO_VERSION } from './versions';

const MARKER = '.edgecv-installed';

/** How to run the installed moto: the venv's python and our parent-watching wrapper. */
export interface MotoInstallation {
  dir: string;
  python: string;
  launcher: string;
}

export function motoInstallation(cacheDir: string): MotoInstallation {
  const dir = path.join(cacheDir, `moto-${MOTO_VERSION}`);
  return { dir, python: path.join(dir, 'bin', 'python'), launcher: path.join(packageDir, 'python', 'moto_launcher.py') };
}

export async function isMotoInstalled(cacheDir: string): Promise<boolean> {
  return exists(path.join(motoInstallation(cacheDir).dir, MARKER));
}

/** Creates a virtual environment holding exactly moto[server]==MOTO_VERSION. Call under the install lock. */
export async function installMoto(cacheDir: string, log: (line: string) => void, env: NodeJS.ProcessEnv): Promise<void> {
  if (await isMotoInstalled(cacheDir)) return;
  const { dir, python } = motoInstallation(cacheDir);
  // A half-built venv from an interrupted install is not worth repairing.
  await fs.rm(dir, { recursive: true, force: true });
  const systemPython = env.EDGECV_PYTHON || 'python3';
  log(`installing moto ${MOTO_VERSION} into ${dir} (python venv, pip)`);
  await runCommand(systemPython, ['-m', 'venv', dir], { env });
  await runCommand(
    python,
    // The constraints pin moto's own dependencies (Flask, boto3, ...) too, so every machine runs the same server.
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-q', '-c', path.join(packageDir, 'python', 'constraints.txt'), `moto[server]==${MOTO_VERSION}`],
    { env: { ...env, PIP_REQUIRE_VIRTUALENV: '1' } },
  );
  const version = (await runCommand(python, ['-c', 'import moto.server, moto; print(moto.__version__)'], { env })).trim();
  if (version !== MOTO_VERSION) throw new Error(`installed moto reports version ${version}, expected ${MOTO_VERSION}`);
  await fs.writeFile(path.join(dir, MARKER), JSON.stringify({ moto: version, at: new Date().toISOString() }));
  log(`moto ${MOTO_VERSION} installed`);
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

// The image benchmark's peers, found or installed by the benchmark itself so that a fresh clone
// runs it with one command (nothing installed by hand):
// - Pillow: a pinned version in a Python venv in edgecv's cache folder, beside the local stack's
//   moto (`$EDGECV_CACHE_DIR`, else `~/.cache/edgecv`), built once under the cache's install lock.
// - vipsthumbnail (Debian libvips-tools) and cwebp (Debian webp): used from PATH; and the Adobe RGB
//   and ProPhoto profiles the corpus embeds (Debian colord-data). When missing, installed with
//   apt-get if we are root, else the benchmark stops and says what to install.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultCacheDir, runCommand, withFileLock } from '@edgecv/local-stack';
import { PROFILES } from './imagesCorpus';

/** Changing it installs the new version beside the old one; nothing is upgraded in place. */
export const PILLOW_VERSION = '11.3.0';
const MARKER = '.edgecv-installed';

/** What the benchmark needs from Debian's packages: a command on PATH or a file, and its package. */
interface Needed {
  readonly name: string;
  readonly aptPackage: string;
  find(): string | undefined;
}

const NEEDED: readonly Needed[] = [
  { name: 'vipsthumbnail', aptPackage: 'libvips-tools', find: () => which('vipsthumbnail') },
  { name: 'cwebp', aptPackage: 'webp', find: () => which('cwebp') },
  ...Object.values(PROFILES).map((file) => ({ name: file, aptPackage: 'colord-data', find: () => (existsSync(file) ? file : undefined) })),
];

export interface ImagePeers {
  /** The venv's python, with Pillow PILLOW_VERSION importable. */
  readonly python: string;
  readonly vipsthumbnail: string;
  readonly cwebp: string;
}

const log = (line: string) => process.stderr.write(`peers: ${line}\n`);

function which(command: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

async function ensurePillow(env: NodeJS.ProcessEnv): Promise<string> {
  const cacheDir = defaultCacheDir(env);
  const dir = path.join(cacheDir, `pillow-${PILLOW_VERSION}`);
  const python = path.join(dir, 'bin', 'python');
  if (existsSync(path.join(dir, MARKER))) return python;
  await withFileLock(path.join(cacheDir, '.install.lock'), async () => {
    if (existsSync(path.join(dir, MARKER))) return;
    // A half-built venv from an interrupted install is not worth repairing.
    await rm(dir, { recursive: true, force: true });
    const systemPython = env.EDGECV_PYTHON || 'python3';
    log(`installing Pillow ${PILLOW_VERSION} into ${dir} (python venv, pip)`);
    await runCommand(systemPython, ['-m', 'venv', dir], { env });
    await runCommand(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-q', `pillow==${PILLOW_VERSION}`], {
      env: { ...env, PIP_REQUIRE_VIRTUALENV: '1' },
    });
    const version = (await runCommand(python, ['-c', 'import PIL, PIL.features as f; assert f.check("webp"), "no WebP support"; print(PIL.__version__)'], { env })).trim();
    if (version !== PILLOW_VERSION) throw new Error(`installed Pillow reports version ${version}, expected ${PILLOW_VERSION}`);
    await writeFile(path.join(dir, MARKER), JSON.stringify({ pillow: version, at: new Date().toISOString() }));
    log(`Pillow ${PILLOW_VERSION} installed`);
  }, { onWait: () => log(`waiting for another process installing into ${cacheDir}`) });
  return python;
}

async function ensureDebianPackages(env: NodeJS.ProcessEnv): Promise<Map<string, string>> {
  const missing = NEEDED.filter((n) => n.find() === undefined);
  if (missing.length > 0) {
    const packages = [...new Set(missing.map((n) => n.aptPackage))];
    const names = missing.map((n) => n.name).join(', ');
    if (process.getuid?.() !== 0 || which('apt-get') === undefined) {
      throw new Error(
        `the image benchmark needs ${names} (Debian/Ubuntu: sudo apt-get install ${packages.join(' ')}; elsewhere libvips' and libwebp's command-line tools and colord's ICC profiles); ` +
          `it installs them itself only when run as root on a system with apt-get`,
      );
    }
    log(`installing ${packages.join(' ')} with apt-get (missing: ${names})`);
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () => runCommand('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env: aptEnv });
    try {
      await install();
    } catch {
      // A fresh machine has no package lists yet.
      await runCommand('apt-get', ['update'], { env: aptEnv });
      await install();
    }
  }
  const found = new Map<string, string>();
  for (const n of NEEDED) {
    const at = n.find();
    if (at === undefined) throw new Error(`${n.name} is still missing after installing ${n.aptPackage}`);
    found.set(n.name, at);
  }
  return found;
}

/** Finds or installs every peer; throws with what to do when it cannot. */
export async function ensureImagePeers(env: NodeJS.ProcessEnv = process.env): Promise<ImagePeers> {
  const [python, found] = await Promise.all([ensurePillow(env), ensureDebianPackages(env)]);
  return { python, vipsthumbnail: found.get('vipsthumbnail')!, cwebp: found.get('cwebp')! };
}

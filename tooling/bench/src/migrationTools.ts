// The peers of the migration benchmarks, installed by the bench itself (never by hand): Debian's
// rclone and awscli through apt-get when running as root, else a clear message saying what to
// install. MinIO is built by resultsMinio.ts (`go install` at a pinned version).
// Usage (to install ahead of a run): node --import tsx src/migrationTools.ts
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's packages, always by absolute path (a pyenv shim or a user's own aws is not what we measure). */
export const PEER_TOOLS = { rclone: '/usr/bin/rclone', aws: '/usr/bin/aws' } as const;
const PACKAGES: Record<keyof typeof PEER_TOOLS, string> = { rclone: 'rclone', aws: 'awscli' };

export async function ensurePeerTools(log: (line: string) => void = () => undefined): Promise<typeof PEER_TOOLS> {
  const missing = (Object.keys(PEER_TOOLS) as (keyof typeof PEER_TOOLS)[]).filter((t) => !existsSync(PEER_TOOLS[t]));
  if (missing.length === 0) return PEER_TOOLS;
  const packages = missing.map((t) => PACKAGES[t]);
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`the migration benchmark needs ${missing.map((t) => PEER_TOOLS[t]).join(' and ')}: as root, apt-get install ${packages.join(' ')}`);
  }
  log(`installing Debian's ${packages.join(' and ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env, maxBuffer: 16 << 20 });
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env, maxBuffer: 16 << 20 });
  for (const t of missing) if (!existsSync(PEER_TOOLS[t])) throw new Error(`apt-get installed ${PACKAGES[t]} but ${PEER_TOOLS[t]} is still missing`);
  return PEER_TOOLS;
}

export async function peerVersions(): Promise<Record<keyof typeof PEER_TOOLS, string>> {
  const first = (s: string): string => s.split('\n')[0]?.trim() ?? '';
  const [rclone, aws] = await Promise.all([run(PEER_TOOLS.rclone, ['version']), run(PEER_TOOLS.aws, ['--version'])]);
  return { rclone: first(rclone.stdout), aws: first(aws.stdout || aws.stderr) };
}

if (require.main === module) {
  ensurePeerTools((l) => process.stderr.write(`${l}\n`))
    .then(peerVersions)
    .then((v) => process.stdout.write(`${JSON.stringify(v)}\n`))
    .catch((e: unknown) => {
      process.stderr.write(`${String(e)}\n`);
      process.exit(1);
    });
}

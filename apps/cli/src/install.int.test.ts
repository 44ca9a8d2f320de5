// The published packages as a user gets them, outside the workspace: every public package packed
// by pnpm (its `workspace:` ranges rewritten), served for the @edgecv scope by a registry on
// loopback, and installed with npm into projects in a temporary folder where nothing of the
// workspace resolves (third-party packages come from npm's registry and cache). There they are
// required, imported, type-checked under every moduleResolution, bundled, and the README
// examples run with the output the READMEs show.
import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { uniqueName } from '@edgecv/test-harness';
import { startTarballRegistry, type TarballRegistry } from './testing/tarballRegistry.fixture';

const exec = promisify(execFile);
const WORKSPACE = path.resolve(__dirname, '../../..');
const PUBLIC_PACKAGES = ['packages/domain', 'packages/use-cases', 'packages/infrastructure', 'packages/container', 'packages/local-stack', 'apps/cli'];
const TSC = path.join(WORKSPACE, 'node_modules', 'typescript', 'bin', 'tsc');
const NPM = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

let tmp: string;
let registry: TarballRegistry;

/** A user's shell: none of the variables pnpm and jest set for scripts, none of the test stack's. */
function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_|JEST_|AWS_|MONGODB_URI$|EDGECV_(?!(CACHE_DIR|PYTHON|MVN)$)|INIT_CWD$|NODE_PATH$)/.test(name)) continue;
    env[name] = value;
  }
  // No AWS configuration, and never the developer's own AWS files (the jest setup points these nowhere).
  return { ...env, AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE, npm_config_update_notifier: 'false', ...extra };
}

/** The test stack's servers, for examples that talk to S3 and DynamoDB. */
function stackEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const names = ['AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_DYNAMODB', 'MONGODB_URI', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];
  return userEnv({ ...Object.fromEntries(names.map((name) => [name, process.env[name]])), ...extra });
}

async function run(file: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  try {
    const { stdout } = await exec(file, args, { cwd: options.cwd, env: options.env ?? userEnv(), maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as Error & { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed in ${options.cwd}:\n${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** A project in the temporary folder whose npm takes @edgecv/* from the loopback registry. */
async function project(name: string, dependencies: readonly string[]): Promise<string> {
  const dir = path.join(tmp, name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: `edgecv-${name}`, private: true, type: 'module' }));
  await writeFile(path.join(dir, '.npmrc'), `@edgecv:registry=${registry.url}\n`);
  await run('npm', ['install', ...NPM, ...dependencies], { cwd: dir });
  return dir;
}

interface ReadmeExample {
  readonly code: string;
  readonly output: string;
}

/** The package README's example: its first `ts` block and the `text` block that follows. */
async function readmeExample(packageDir: string): Promise<ReadmeExample> {
  const readme = await readFile(path.join(WORKSPACE, packageDir, 'README.md'), 'utf8');
  const example = readme.slice(readme.indexOf('## Example'));
  const block = (lang: string, from: number) => {
    const start = example.indexOf(`\`\`\`${lang}\n`, from);
    const end = example.indexOf('\n```', start);
    if (start < 0 || end < 0) throw new Error(`${packageDir}/README.md has no \`\`\`${lang} block under "## Example"`);
    return { text: example.slice(start + lang.length + 4, end + 1), end };
  };
  const code = block('ts', 0);
  return { code: code.text, output: block('text', code.end).text };
}

/** tsc of the workspace on a project's tsconfig; types come from the project's node_modules. */
async function tsc(dir: string, config: Record<string, unknown>, name: string): Promise<void> {
  const file = path.join(dir, `tsconfig.${name}.json`);
  await writeFile(file, JSON.stringify(config));
  await run(process.execPath, [TSC, '-p', file], { cwd: dir });
}

const strict = { strict: true, skipLibCheck: true, types: ['node'], target: 'es2022', lib: ['es2023'] };

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'edgecv-install-'));
  // What `pnpm -s check` builds first anyway: a no-op here when turbo's cache holds it.
  await run('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@edgecv/cli...', '--output-logs=errors-only'], { cwd: WORKSPACE, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } });
  const packs = path.join(tmp, 'packs');
  for (const dir of PUBLIC_PACKAGES) await run('pnpm', ['pack', '--pack-destination', packs], { cwd: path.join(WORKSPACE, dir) });
  registry = await startTarballRegistry((await readdir(packs)).map((file) => path.join(packs, file)));
}, 600_000);

afterAll(async () => {
  await registry?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('an S3-only project: @edgecv/domain, use-cases and infrastructure from npm', () => {
  let dir: string;
  let peerInstall: Record<string, string>;

  beforeAll(async () => {
    dir = await project('s3-only', ['@edgecv/domain', '@edgecv/use-cases', '@edgecv/infrastructure', '@types/node@^20.19.0']);
    const infrastructure = JSON.parse(await readFile(path.join(WORKSPACE, 'packages/infrastructure/package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
    const install = (name: string) => `npm install ${name}@${infrastructure.peerDependencies[name]}`;
    peerInstall = { mongo: install('mongodb'), image: install('sharp'), 'aws-ml': install('@aws-sdk/client-sagemaker'), generation: install('@aws-sdk/client-bedrock-runtime') };
  }, 600_000);

  it('installs neither sharp, nor mongodb, nor the SageMaker, Greengrass and Bedrock clients', async () => {
    for (const name of ['sharp', 'mongodb', '@aws-sdk/client-sagemaker', '@aws-sdk/client-greengrassv2', '@aws-sdk/client-bedrock-runtime']) {
      expect({ name, installed: await exists(path.join(dir, 'node_modules', name)) }).toEqual({ name, installed: false });
    }
    expect(await exists(path.join(dir, 'node_modules', '@aws-sdk', 'client-s3'))).toBe(true);
  });

  const families = ['s3', 'dynamodb', 'journal', 'archive'];
  const expected = () => ({
    prefix: 'jobs/12/2025/10/23/211500',
    loaded: ['function', 'function', 'object', 'object', 'object', 'object'],
    peers: peerInstall,
  });

  it('require()s every entry point from CommonJS; a family without its optional peer says which npm install fixes it', async () => {
    await writeFile(
      path.join(dir, 'check.cjs'),
      `const { JobS3Prefix } = require('@edgecv/domain');
const { CreateJob } = require('@edgecv/use-cases');
const { MissingPeerDependencyError } = require('@edgecv/infrastructure');
const families = ${JSON.stringify(families)}.map((family) => typeof require('@edgecv/infrastructure/' + family));
const peers = {};
for (const family of ['mongo', 'image', 'aws-ml', 'generation']) {
  try { require('@edgecv/infrastructure/' + family); peers[family] = 'loaded'; }
  catch (e) { peers[family] = e instanceof MissingPeerDependencyError && e.code === 'MISSING_PEER_DEPENDENCY' ? e.installCommand : String(e); }
}
const prefix = JobS3Prefix.fromJob({ id: 12, createdAt: '2025-10-23T21:15:00Z' }).basePrefix;
console.log(JSON.stringify({ prefix, loaded: [typeof CreateJob, typeof MissingPeerDependencyError, ...families], peers }));
`,
    );
    expect(JSON.parse(await run(process.execPath, ['check.cjs'], { cwd: dir }))).toEqual(expected());
  });

  it('imports every entry point as ES modules, with the same typed error', async () => {
    await writeFile(
      path.join(dir, 'check.mjs'),
      `import { JobS3Prefix } from '@edgecv/domain';
import { CreateJob } from '@edgecv/use-cases';
import { MissingPeerDependencyError } from '@edgecv/infrastructure';
const families = await Promise.all(${JSON.stringify(families)}.map(async (family) => typeof (await import('@edgecv/infrastructure/' + family))));
const peers = {};
for (const family of ['mongo', 'image', 'aws-ml', 'generation']) {
  try { await import('@edgecv/infrastructure/' + family); peers[family] = 'loaded'; }
  catch (e) { peers[family] = e instanceof MissingPeerDependencyError && e.code === 'MISSING_PEER_DEPENDENCY' ? e.installCommand : String(e); }
}
const prefix = JobS3Prefix.fromJob({ id: 12, createdAt: '2025-10-23T21:15:00Z' }).basePrefix;
console.log(JSON.stringify({ prefix, loaded: [typeof CreateJob, typeof MissingPeerDependencyError, ...families], peers }));
`,
    );
    expect(JSON.parse(await run(process.execPath, ['check.mjs'], { cwd: dir }))).toEqual(expected());
  });

  it('type-checks the root and subpath entry points under moduleResolution node16 (ESM and CJS), bundler and node10, and runs', async () => {
    const source = `import { JobS3Prefix, type S3Key } from '@edgecv/domain';
import { CreateJob, type JobRepository } from '@edgecv/use-cases';
import { MissingPeerDependencyError } from '@edgecv/infrastructure';
import { S3ObjectStore, s3ConfigFromEnv } from '@edgecv/infrastructure/s3';
import { TABLE_DEFINITIONS } from '@edgecv/infrastructure/dynamodb';
import type { MongoAssignmentRepository } from '@edgecv/infrastructure/mongo';

const key: S3Key = JobS3Prefix.fromJob({ id: 12, createdAt: '2025-10-23T21:15:00Z' }).runResultsKey(4);
// @ts-expect-error a job id is a number: compiles only when the types really resolved
const wrong = () => JobS3Prefix.fromJob({ id: 'twelve', createdAt: new Date() });
const store: S3ObjectStore | undefined = process.argv.includes('--connect') ? new S3ObjectStore(s3ConfigFromEnv(process.env)) : undefined;
const repository: MongoAssignmentRepository | undefined = undefined;
const jobs: JobRepository | undefined = undefined;
console.log(key.value, typeof CreateJob, typeof MissingPeerDependencyError, Object.keys(TABLE_DEFINITIONS).length > 0, store ?? repository ?? jobs ?? typeof wrong);
`;
    await writeFile(path.join(dir, 'check.ts'), source);
    await writeFile(path.join(dir, 'check-cjs.cts'), source);
    await tsc(dir, { compilerOptions: { ...strict, module: 'node16', moduleResolution: 'node16', outDir: 'out-node16' }, files: ['check.ts', 'check-cjs.cts'] }, 'node16');
    await tsc(dir, { compilerOptions: { ...strict, module: 'preserve', moduleResolution: 'bundler', noEmit: true }, files: ['check.ts'] }, 'bundler');
    await tsc(dir, { compilerOptions: { ...strict, module: 'commonjs', moduleResolution: 'node10', noEmit: true }, files: ['check.ts'] }, 'node10');
    const line = 'jobs/12/2025/10/23/211500/run_4_results.zip function function true function\n';
    expect(await run(process.execPath, ['out-node16/check.js'], { cwd: dir })).toBe(line);
    expect(await run(process.execPath, ['out-node16/check-cjs.cjs'], { cwd: dir })).toBe(line);
  }, 180_000);

  it('bundles an import of JobS3Prefix alone to under 10 KB (esbuild, minified, ESM)', async () => {
    await writeFile(path.join(dir, 'prefix.mjs'), "import { JobS3Prefix } from '@edgecv/domain';\nconsole.log(JobS3Prefix.fromJob({ id: 12, createdAt: '2025-10-23T21:15:00Z' }).basePrefix);\n");
    const { build } = await import('esbuild');
    const result = await build({ entryPoints: [path.join(dir, 'prefix.mjs')], bundle: true, minify: true, format: 'esm', platform: 'node', write: false, outfile: path.join(dir, 'prefix.bundle.mjs'), absWorkingDir: dir, logLevel: 'silent' });
    const bundle = result.outputFiles[0]!;
    await writeFile(bundle.path, bundle.contents);
    expect(await run(process.execPath, [bundle.path], { cwd: dir })).toBe('jobs/12/2025/10/23/211500\n');
    expect(bundle.contents.byteLength).toBeLessThan(10_000);
  });

  it.each(['packages/domain', 'packages/use-cases', 'packages/infrastructure'])('runs the example of %s/README.md and prints what the README shows', async (packageDir) => {
    const { code, output } = await readmeExample(packageDir);
    const name = `readme-${path.basename(packageDir)}`;
    await writeFile(path.join(dir, `${name}.ts`), code);
    await tsc(dir, { compilerOptions: { ...strict, module: 'node16', moduleResolution: 'node16', outDir: 'out-readme' }, files: [`${name}.ts`] }, name);
    const env = stackEnv({ EDGECV_ARTIFACT_BUCKET: uniqueName('readme') });
    expect(await run(process.execPath, [`out-readme/${name}.js`], { cwd: dir, env })).toBe(output);
  }, 180_000);
});

describe('@edgecv/container and @edgecv/local-stack from npm', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await project('container', ['@edgecv/container', '@edgecv/local-stack', '@types/node@^20.19.0']);
  }, 600_000);

  it.each(['packages/container', 'packages/local-stack'])('runs the example of %s/README.md and prints what the README shows', async (packageDir) => {
    const { code, output } = await readmeExample(packageDir);
    const name = `readme-${path.basename(packageDir)}`;
    await writeFile(path.join(dir, `${name}.ts`), code);
    await tsc(dir, { compilerOptions: { ...strict, module: 'node16', moduleResolution: 'node16', outDir: 'out-readme' }, files: [`${name}.ts`] }, name);
    const env = stackEnv({ EDGECV_ARTIFACT_BUCKET: uniqueName('readme'), EDGECV_TABLE_PREFIX: `${uniqueName('readme')}-` });
    expect(await run(process.execPath, [`out-readme/${name}.js`], { cwd: dir, env })).toBe(output);
  }, 180_000);
});

describe('the edgecv command from npm', () => {
  let prefix: string;
  let edgecv: string;
  let version: string;

  beforeAll(async () => {
    prefix = path.join(tmp, 'global');
    await run('npm', ['install', '--global', '--prefix', prefix, `--@edgecv:registry=${registry.url}`, ...NPM, '@edgecv/cli'], { cwd: tmp });
    edgecv = path.join(prefix, 'bin', 'edgecv');
    version = (JSON.parse(await readFile(path.join(WORKSPACE, 'apps/cli/package.json'), 'utf8')) as { version: string }).version;
  }, 600_000);

  it('npm install --global gives an edgecv that answers --version and layout outside the repository', async () => {
    expect(await run(edgecv, ['--version'], { cwd: tmp })).toBe(`${version}\n`);
    // The pages `edgecv serve` serves under /portal/ ship with it.
    expect(await exists(path.join(prefix, 'lib', 'node_modules', '@edgecv', 'cli', 'dist', 'portal', 'index.html'))).toBe(true);
    expect(await run(edgecv, ['layout', 'training', '--job', 'j', '--bucket', 'acme-ml'], { cwd: tmp })).toBe('s3://acme-ml/models/training/j/\n');
  });

  it('answers the commands of apps/cli/README.md with the output the README shows', async () => {
    const readme = await readFile(path.join(WORKSPACE, 'apps/cli/README.md'), 'utf8');
    const start = readme.indexOf('```console\n');
    const block = readme.slice(start + '```console\n'.length, readme.indexOf('\n```', start) + 1);
    const sessions = block.split(/^\$ /m).filter((part) => part !== '');
    expect(sessions.length).toBeGreaterThan(0);
    for (const session of sessions) {
      const [command = '', ...output] = session.split('\n');
      // The README quotes with '...' only, as a shell would read them.
      const words = [...command.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
      expect(words[0]).toBe('edgecv');
      expect({ command, stdout: await run(edgecv, words.slice(1), { cwd: tmp }) }).toEqual({ command, stdout: output.join('\n') });
    }
  });

  it('declares every package its bundle requires, so a command loaded later (serve, images) finds it installed', async () => {
    const cli = path.join(prefix, 'lib', 'node_modules', '@edgecv', 'cli');
    const bundle = await readFile(path.join(cli, 'dist', 'main.js'), 'utf8');
    const { dependencies } = JSON.parse(await readFile(path.join(cli, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const { builtinModules } = await import('node:module');
    const required = new Set([...bundle.matchAll(/require\("([^"./][^"]*)"\)/g)].map((m) => m[1]!.replace(/^node:/, '')).map((name) => name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/')));
    const undeclared = [...required].filter((name) => !builtinModules.includes(name) && dependencies[name] === undefined);
    expect(undeclared).toEqual([]);
  });

  it('loads neither the AWS SDK, nor the MongoDB driver, nor sharp, nor the container for --version and --help', async () => {
    const trace = path.join(tmp, 'trace-modules.cjs');
    await writeFile(trace, "process.on('exit', () => process.stderr.write('@@' + JSON.stringify(Object.keys(require.cache)) + '\\n'));\n");
    for (const args of [['--version'], ['--help']]) {
      const { stderr } = await exec(process.execPath, ['--require', trace, edgecv, ...args], { cwd: tmp, env: userEnv() });
      const loaded = JSON.parse(stderr.slice(stderr.lastIndexOf('@@') + 2)) as string[];
      expect({ args, heavy: loaded.filter((file) => /node_modules[\\/](@aws-sdk|mongodb|sharp|@edgecv[\\/](container|infrastructure|use-cases))[\\/]/.test(file)) }).toEqual({ args, heavy: [] });
      expect(loaded.some((file) => file.includes(`${path.sep}commander${path.sep}`))).toBe(true);
    }
  });

  it('finds the embedded local stack as `npm start` does, starts it in the background and uses it', async () => {
    const data = path.join(tmp, 'stack');
    const started = JSON.parse(await run(edgecv, ['local', 'start', '--data', data, '--json'], { cwd: tmp })) as { s3: string };
    try {
      expect(started.s3).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const job = JSON.parse(await run(edgecv, ['jobs', 'create', '--id', '12', '--created-at', '2025-10-23T21:15:00Z', '--data', data, '--json'], { cwd: tmp }));
      expect(job).toMatchObject({ id: 12, prefix: 'jobs/12/2025/10/23/211500' });
    } finally {
      await run(edgecv, ['local', 'stop', '--data', data], { cwd: tmp });
    }
  }, 180_000);

  it('runs with npx, from a cache that has never seen it', async () => {
    // npx installs into {cache}/_npx: a fresh one per run, sharing the content cache.
    const cache = path.join(tmp, 'npx-cache');
    await mkdir(cache, { recursive: true });
    const shared = (await run('npm', ['config', 'get', 'cache'], { cwd: tmp })).trim();
    await symlink(path.join(shared, '_cacache'), path.join(cache, '_cacache'));
    const args = ['--yes', `--cache=${cache}`, `--@edgecv:registry=${registry.url}`, ...NPM, '@edgecv/cli', 'layout', 'job-prefix', '--job-id', '12', '--created-at', '2025-10-23T23:15:00-02:00'];
    expect(await run('npx', args, { cwd: tmp })).toBe('jobs/12/2025/10/24/011500\n');
  }, 180_000);
});

// `pnpm synth` with the network cut (the npm registry and every proxy on a closed port): every
// function's asset is its own handler's bundle (index.mjs only, its source map beside the
// assembly), and the sharp layer holds the linux-x64 binaries the workspace's install fetched.
import { execFile } from 'node:child_process';
import { lstat, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { handlerEntries } from '@edgecv/lambdas/bundling/handlerEntries';
import { bundleFirstLine } from '@edgecv/lambdas/bundling/bundleHandler';
import { sharpVersion } from '@edgecv/lambdas/bundling/sharpForLambda';

const run = promisify(execFile);
const INFRA_DIR = path.resolve(__dirname, '..');
const CLOSED = 'http://127.0.0.1:9';

type Resource = { Type: string; Properties: Record<string, unknown> };
let out: string;
let api: Record<string, Resource>;
let stderr: string;

/** The asset folder of a function or layer: its S3 key is `{hash}.zip`, staged as `asset.{hash}`. */
function assetDir(resource: Resource): string {
  const code = (resource.Properties.Code ?? resource.Properties.Content) as { S3Key: string };
  return path.join(out, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => !e.isDirectory()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'edgecv-synth-'));
  // The synth script of apps/infra, as `pnpm synth` runs it, into a folder of our own.
  const script = (JSON.parse(await readFile(path.join(INFRA_DIR, 'package.json'), 'utf8')) as { scripts: { synth: string } }).scripts.synth;
  const [command, ...args] = script.split(' ');
  const env = {
    ...process.env,
    npm_config_registry: CLOSED,
    NPM_CONFIG_REGISTRY: CLOSED,
    HTTP_PROXY: CLOSED,
    HTTPS_PROXY: CLOSED,
    http_proxy: CLOSED,
    https_proxy: CLOSED,
    NO_PROXY: '',
  };
  const result = await run(path.join(INFRA_DIR, 'node_modules', '.bin', command ?? 'cdk'), [...args, '--output', out], { cwd: INFRA_DIR, env, maxBuffer: 64 * 1024 * 1024 });
  stderr = result.stderr;
  api = (JSON.parse(await readFile(path.join(out, 'Edgecv-Api.template.json'), 'utf8')) as { Resources: Record<string, Resource> }).Resources;
}, 900_000);

afterAll(() => rm(out, { recursive: true, force: true }));

describe('pnpm synth with the network cut', () => {
  it('synthesizes every stack', async () => {
    const files = await readdir(out);
    expect(files.filter((f) => f.endsWith('.template.json')).sort()).toEqual(['Edgecv-Api', 'Edgecv-CdnAlarms', 'Edgecv-Data', 'Edgecv-Images', 'Edgecv-Monitoring'].map((s) => `${s}.template.json`));
    expect(stderr).not.toMatch(/npm (ERR|error)/);
  });

  it("gives each function its own handler's bundle, index.mjs alone, with its source map beside the assembly", async () => {
    const functions = Object.entries(api).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
    expect(functions).toHaveLength(handlerEntries().length);
    const seen = new Set<string>();
    for (const [id, fn] of functions) {
      const entry = handlerEntries().find((e) => id.startsWith(`${e.charAt(0).toUpperCase()}${e.slice(1)}Function`));
      const dir = assetDir(fn);
      const files = await filesUnder(dir);
      const firstLine = (await readFile(path.join(dir, 'index.mjs'), 'utf8')).split('\n', 1)[0];
      expect({ id, files, firstLine, handler: fn.Properties.Handler }).toEqual({ id, files: ['index.mjs'], firstLine: bundleFirstLine(entry ?? '?'), handler: 'index.handler' });
      seen.add(dir);
      await lstat(path.join(out, 'sourcemaps', `${entry}.mjs.map`));
    }
    expect(seen.size).toBe(functions.length);
  });

  it('builds the sharp layer from the installed packages: sharp and its linux-x64 binaries, as real files', async () => {
    const [layer] = Object.values(api).filter((r) => r.Type === 'AWS::Lambda::LayerVersion');
    expect(layer).toBeDefined();
    const modules = path.join(assetDir(layer!), 'nodejs', 'node_modules');
    const sharp = JSON.parse(await readFile(path.join(modules, 'sharp', 'package.json'), 'utf8')) as { version: string };
    expect(sharp.version).toBe(sharpVersion());
    for (const pkg of ['sharp-linux-x64', 'sharp-libvips-linux-x64']) {
      const stat = await lstat(path.join(modules, '@img', pkg));
      expect({ pkg, directory: stat.isDirectory(), symlink: stat.isSymbolicLink() }).toEqual({ pkg, directory: true, symlink: false });
    }
    const binaries = (await filesUnder(path.join(modules, '@img'))).filter((f) => /\.(node|so(\.\d+)*)$/.test(f));
    expect(binaries.some((f) => f.endsWith('.node'))).toBe(true);
    expect(binaries.some((f) => /libvips-cpp\.so/.test(f))).toBe(true);
  });
});

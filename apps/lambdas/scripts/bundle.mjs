#!/usr/bin/env node
// One esbuild bundle per handler (src/handlers/*.ts, `handler` export), written to
// dist/bundles/{name}/index.js, plus sharp installed beside it for linux-x64 by npm (real files,
// no symlinks), so each folder is a complete Lambda asset:
//
//   dist/bundles/startTrainingJob/index.js
//   dist/bundles/startTrainingJob/node_modules/sharp, @img/sharp-linux-x64, @img/sharp-libvips-linux-x64
//
// Usage: node scripts/bundle.mjs [--out DIR] [--only a,b] [--no-sharp]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const outDir = path.resolve(option('--out') ?? path.join(root, 'dist', 'bundles'));
const only = option('--only')?.split(',');
const withSharp = !args.includes('--no-sharp');

const handlersDir = path.join(root, 'src', 'handlers');
const entries = readdirSync(handlersDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.fixture.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => !only || only.includes(name));

/**
 * Left out of the bundles: sharp (native; shipped beside each bundle) and the optional
 * dependencies the MongoDB driver and X-Ray SDK try to load, which edgecv does not use.
 */
const EXTERNAL = [
  'sharp',
  'kerberos',
  '@mongodb-js/zstd',
  'snappy',
  'socks',
  'aws4',
  'mongodb-client-encryption',
  'gcp-metadata',
  '@aws-sdk/credential-providers',
  'pg-native',
];

/** The sharp version the workspace is tested with. */
function sharpVersion() {
  const require = createRequire(path.join(root, '..', '..', 'packages', 'infrastructure', 'package.json'));
  // sharp's exports hide package.json: find it from the entry point.
  let dir = path.dirname(require.resolve('sharp'));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

/** npm (not pnpm) into a plain folder: real files for linux-x64, whatever this machine is. */
function installSharp(cacheDir, version) {
  const marker = path.join(cacheDir, 'node_modules', 'sharp', 'package.json');
  if (existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).version === version) return;
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(path.join(cacheDir, 'package.json'), JSON.stringify({ name: 'edgecv-lambda-sharp', private: true }));
  execFileSync('npm', ['install', `sharp@${version}`, '--os=linux', '--cpu=x64', '--libc=glibc', '--omit=dev', '--no-package-lock', '--no-audit', '--no-fund', '--install-links'], {
    cwd: cacheDir,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

function assertNoSymlinks(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const stat = lstatSync(full);
    if (stat.isSymbolicLink()) throw new Error(`symlink in a Lambda asset: ${full}`);
    if (stat.isDirectory()) assertNoSymlinks(full);
  }
}

mkdirSync(outDir, { recursive: true });
const started = Date.now();
const results = await Promise.all(
  entries.map(async (name) => {
    const dir = path.join(outDir, name);
    rmSync(dir, { recursive: true, force: true });
    const result = await build({
      entryPoints: [path.join(handlersDir, `${name}.ts`)],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify: true,
      keepNames: true,
      sourcemap: 'linked',
      // Workspace packages from source, through the same paths the typecheck uses.
      tsconfig: path.join(root, 'tsconfig.json'),
      external: EXTERNAL,
      metafile: true,
      legalComments: 'none',
      logLevel: 'warning',
    });
    const bytes = statSync(path.join(dir, 'index.js')).size;
    return { name, dir, bytes, inputs: Object.keys(result.metafile.inputs).length };
  }),
);

if (withSharp) {
  const version = sharpVersion();
  const cache = path.join(outDir, '.sharp-linux-x64');
  installSharp(cache, version);
  for (const { dir } of results) {
    cpSync(path.join(cache, 'node_modules'), path.join(dir, 'node_modules'), { recursive: true, dereference: true });
    assertNoSymlinks(path.join(dir, 'node_modules'));
  }
}

for (const r of results) process.stderr.write(`bundle ${r.name}: ${(r.bytes / 1024).toFixed(0)} KiB from ${r.inputs} modules\n`);
process.stderr.write(`${results.length} bundles in ${outDir} (${Date.now() - started} ms)${withSharp ? ', sharp for linux-x64 beside each' : ''}\n`);

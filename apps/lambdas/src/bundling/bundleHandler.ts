// One Lambda asset per handler, built the same way for `pnpm synth` (the CDK app calls this while
// it stages each function) and for the bundle script and its tests: ESM, minified and tree-shaken
// from the workspace sources, the AWS SDK bundled (the versions the tests ran, not whatever the
// runtime ships), drivers only where declared, and the source map written outside the asset.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build, buildSync, type BuildOptions, type BuildResult } from 'esbuild';
import { DRIVER_PACKAGES, driverStubSource } from './driverStub';
import { DRIVERS, driversOf, type Driver } from './handlerDrivers';
import { handlerSource, LAMBDAS_DIR, REPO_ROOT } from './handlerEntries';

/** The Lambda handler setting for these assets: `index.mjs`, export `handler`. */
export const LAMBDA_HANDLER = 'index.handler';
export const ASSET_FILE = 'index.mjs';

/**
 * Optional dependencies the MongoDB driver loads inside try/catch (compression, Kerberos, AWS and
 * GCP auth, SOCKS, client-side encryption): edgecv uses none of them, so they stay out.
 */
const OPTIONAL_REQUIRES = Object.freeze(['kerberos', '@mongodb-js/zstd', 'snappy', 'socks', 'aws4', 'mongodb-client-encryption', 'gcp-metadata', '@aws-sdk/credential-providers']);

/**
 * CommonJS dependencies (the MongoDB driver, X-Ray) call `require` for Node built-ins, which an
 * ES module does not have; esbuild's shim uses this one.
 */
const ESM_REQUIRE_BANNER = "import { createRequire as __edgecvCreateRequire } from 'node:module';\nconst require = __edgecvCreateRequire(import.meta.url);";

/**
 * The X-Ray SDK (which the Powertools Tracer loads) requires all of semver, 30 KB of every bundle,
 * for one `semver.gte` in its AWS SDK v2 patcher; nothing else in a bundle imports semver. The
 * bundle gets a module with that one function instead, semver's own `gte`, from the same copy.
 */
function xraySemverSource(): string {
  const xray = createRequire(require.resolve('@aws-lambda-powertools/tracer')).resolve('aws-xray-sdk-core');
  const gte = createRequire(xray).resolve('semver/functions/gte');
  return `module.exports = { gte: require(${JSON.stringify(gte)}) };\n`;
}

/** How every asset starts: `// edgecv Lambda bundle: createJob`. */
export function bundleFirstLine(entry: string): string {
  return `// edgecv Lambda bundle: ${entry}`;
}

export interface BundleOutputs {
  /** The folder that becomes the Lambda asset: only `index.mjs` is written there. */
  readonly assetDir: string;
  /** Kept beside the build for debugging, never inside the asset. */
  readonly sourceMapFile: string;
  /** esbuild's metafile: every input and its share of the output. */
  readonly metafileFile?: string;
  /**
   * Leave `@aws-sdk/*` and `@smithy/*` to the Lambda runtime's copy. Only for comparing sizes
   * (docs/benchmarks.md): deployed bundles carry the SDK the tests ran with.
   */
  readonly sdkFromRuntime?: boolean;
}

export interface HandlerBundle {
  readonly entry: string;
  readonly file: string;
  readonly bytes: number;
  readonly drivers: readonly Driver[];
  /** Bytes of the output per npm package (workspace sources under their folder). */
  readonly bytesByPackage: Readonly<Record<string, number>>;
}

/** Builds one handler's asset synchronously (the CDK app stages assets synchronously). */
export function bundleHandler(entry: string, outputs: BundleOutputs): HandlerBundle {
  const stubs = driverStubs(entry);
  try {
    return written(entry, outputs, buildSync(buildOptions(entry, outputs, stubs.alias)));
  } finally {
    stubs.remove();
  }
}

/** The same, on esbuild's service: the bundle script builds every handler at once. */
export async function bundleHandlerAsync(entry: string, outputs: BundleOutputs): Promise<HandlerBundle> {
  const stubs = driverStubs(entry);
  try {
    return written(entry, outputs, await build(buildOptions(entry, outputs, stubs.alias)));
  } finally {
    stubs.remove();
  }
}

/**
 * A stub module on disk for each driver the handler does not declare, by the name it replaces,
 * and the X-Ray SDK's semver (xraySemverSource).
 */
function driverStubs(entry: string): { alias: Record<string, string>; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'edgecv-driver-stubs-'));
  const alias: Record<string, string> = {};
  const semver = path.join(dir, 'xray-semver.cjs');
  writeFileSync(semver, xraySemverSource());
  alias.semver = semver;
  for (const driver of DRIVERS.filter((d) => !driversOf(entry).includes(d))) {
    for (const pkg of DRIVER_PACKAGES[driver]) {
      const stub = path.join(dir, `${pkg.name.replace(/[@/]/g, '_')}.mjs`);
      writeFileSync(stub, driverStubSource(driver, pkg, entry));
      alias[pkg.name] = stub;
    }
  }
  return { alias, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function buildOptions(entry: string, outputs: BundleOutputs, alias: Record<string, string>): BuildOptions & { metafile: true; write: false } {
  return {
    entryPoints: [handlerSource(entry)],
    outfile: path.join(outputs.assetDir, ASSET_FILE),
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The oldest Node the workspace supports (tests load the bundles); Lambda runs Node 24.
    target: 'node20',
    // The SDK's ES builds tree-shake: only the commands a handler sends stay in its bundle.
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: 'external',
    metafile: true,
    write: false,
    // Workspace packages from source, through the same paths the typecheck uses.
    tsconfig: path.join(LAMBDAS_DIR, 'tsconfig.json'),
    // Input paths in the metafile and source map read from the repository root, wherever this runs.
    absWorkingDir: REPO_ROOT,
    // sharp is native: it comes from the layer (the CDK app) beside the bundle.
    external: [...OPTIONAL_REQUIRES, ...(driversOf(entry).includes('sharp') ? ['sharp'] : []), ...(outputs.sdkFromRuntime === true ? ['@aws-sdk/*', '@smithy/*'] : [])],
    alias,
    // The first line names the handler, so an asset says what it is (the synth test checks it).
    banner: { js: `${bundleFirstLine(entry)}\n${ESM_REQUIRE_BANNER}` },
    legalComments: 'none',
    logLevel: 'warning',
  };
}

function written(entry: string, outputs: BundleOutputs, result: BuildResult<{ metafile: true; write: false }>): HandlerBundle {
  const file = path.join(outputs.assetDir, ASSET_FILE);
  // The asset folder holds the bundle and nothing else (no map, no leftovers of an older build).
  rmSync(outputs.assetDir, { recursive: true, force: true });
  mkdirSync(outputs.assetDir, { recursive: true });
  mkdirSync(path.dirname(outputs.sourceMapFile), { recursive: true });
  let bytes = 0;
  for (const out of result.outputFiles) {
    if (out.path.endsWith('.map')) writeFileSync(outputs.sourceMapFile, repositoryRelativeMap(out.text, outputs.assetDir));
    else {
      writeFileSync(file, out.contents);
      bytes = out.contents.byteLength;
    }
  }
  if (outputs.metafileFile !== undefined) writeFileSync(outputs.metafileFile, JSON.stringify(result.metafile));
  return { entry, file, bytes, drivers: driversOf(entry), bytesByPackage: bytesByPackage(outputInputs(result.metafile)) };
}

/**
 * esbuild names sources relative to the bundle; the map lives elsewhere, so name them from the
 * repository root instead (`apps/lambdas/src/handlers/createJob.ts`), which reads the same anywhere.
 */
function repositoryRelativeMap(text: string, assetDir: string): string {
  const map = JSON.parse(text) as { sources: string[] };
  return JSON.stringify({ ...map, sources: map.sources.map((source) => path.relative(REPO_ROOT, path.resolve(assetDir, source)).split(path.sep).join('/')) });
}

type Inputs = Record<string, { bytesInOutput: number }>;

function outputInputs(metafile: { outputs: Record<string, { inputs: Inputs }> } | undefined): Inputs {
  const js = Object.entries(metafile?.outputs ?? {}).find(([name]) => !name.endsWith('.map'));
  return js?.[1].inputs ?? {};
}

/** `node_modules/.pnpm/x@1/node_modules/@scope/name/...` -> `@scope/name`; workspace files -> their package folder. */
export function bytesByPackage(inputs: Inputs): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
    const npm = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(file);
    const workspace = /(?:^|\/)((?:packages|apps|tooling)\/[^/]+)\//.exec(file);
    const name = npm?.[1] ?? workspace?.[1] ?? (file.includes('edgecv-driver-stubs-') ? 'driver stubs' : file);
    totals[name] = (totals[name] ?? 0) + bytesInOutput;
  }
  return totals;
}

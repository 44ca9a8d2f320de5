// The Lambda assets, one folder per handler, as `pnpm synth` builds them (same function):
//
//   dist/bundles/createJob/index.mjs          the asset (nothing else goes in it)
//   dist/bundles/createJob.mjs.map            its source map, beside the build for debugging
//   dist/bundles/createJob.meta.json          esbuild's metafile (what is in it, and how big)
//
// Usage: node --import tsx scripts/bundle.ts [--out DIR] [--only a,b] [--sdk-from-runtime]
// (--sdk-from-runtime leaves the AWS SDK out, to compare sizes; the CDK app never does.)
import path from 'node:path';
import { bundleHandlerAsync } from '../src/bundling/bundleHandler';
import { handlerEntries, LAMBDAS_DIR } from '../src/bundling/handlerEntries';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const outDir = path.resolve(option('--out') ?? path.join(LAMBDAS_DIR, 'dist', 'bundles'));
const only = option('--only')?.split(',');
const sdkFromRuntime = args.includes('--sdk-from-runtime');
const entries = handlerEntries().filter((entry) => only === undefined || only.includes(entry));

async function main(): Promise<void> {
  const started = Date.now();
  const bundles = await Promise.all(
    entries.map((entry) =>
      bundleHandlerAsync(entry, {
        assetDir: path.join(outDir, entry),
        sourceMapFile: path.join(outDir, `${entry}.mjs.map`),
        metafileFile: path.join(outDir, `${entry}.meta.json`),
        sdkFromRuntime,
      }),
    ),
  );
  for (const bundle of bundles) {
    const drivers = bundle.drivers.length > 0 ? ` (with ${bundle.drivers.join(', ')})` : '';
    process.stderr.write(`bundle ${bundle.entry}: ${(bundle.bytes / 1024).toFixed(0)} KiB${drivers}\n`);
  }
  process.stderr.write(`${entries.length} bundles in ${outDir} (${Date.now() - started} ms)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

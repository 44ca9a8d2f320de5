// Image benchmark (issue 7 §7): edgecv against Pillow, vipsthumbnail and cwebp on one corpus
// in one run. Speed and memory per tool, then quality of every output against the same
// reference. Writes results/images.json and results/images.md.
//
//   pnpm --filter @edgecv/bench bench:images        (ROUNDS=3 by default)
//   IMAGES_LIMIT=4 ROUNDS=1 ...                      (a few images: checks the harness, writes results/tmp/)
//   IMAGES_TOOLS=edgecv-cli,pillow ...               (only these tools; results/images-<tools>.{json,md})
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { prepareCorpus, type Corpus, type CorpusImage } from './imagesCorpus';
import { ensureImagePeers, type ImagePeers } from './imagesPeers';
import { measure, type Measured } from './imagesProcess';
import { decodeForComparison, meanDeltaE76, referenceAt, ssim } from './imagesQuality';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
/** A corpus cut to its first N images: a smoke run of the harness, whose figures mean nothing. */
const LIMIT = process.env.IMAGES_LIMIT ? Number(process.env.IMAGES_LIMIT) : undefined;
/** A subset of the tools (their names, comma-separated): the targets of the tools left out are not reported. */
const ONLY = process.env.IMAGES_TOOLS ? process.env.IMAGES_TOOLS.split(',') : undefined;
const repoRoot = path.resolve(__dirname, '../../..');
const MAX = 1024;
const QUALITY = 85;
const PARALLEL = 2;
const benchDir = path.resolve(__dirname, '..');

interface Tool {
  readonly name: string;
  readonly describe: string;
  run(list: string, out: string, corpus: Corpus): Promise<Measured>;
}

function fitInside(width: number, height: number): { width: number; height: number } | undefined {
  const scale = MAX / Math.max(width, height);
  if (scale >= 1) return undefined;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function xargsScript(dir: string, lines: string[]): Promise<string> {
  const file = path.join(dir, `commands-${Math.random().toString(36).slice(2)}.txt`);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

function tools(work: string, peers: ImagePeers): Tool[] {
  const effort = process.env.EDGECV_EFFORT ?? '';
  const inFlight = process.env.EDGECV_IN_FLIGHT ?? '2';
  return [
    {
      name: 'edgecv',
      describe: `SharpImageOptimizer defaults (WebP q${QUALITY}, effort ${effort || 'default (2)'}), ${inFlight} images in flight, libvips 1 thread each, MALLOC_ARENA_MAX=2`,
      run: (list, out) =>
        measure(process.execPath, ['--import', 'tsx', path.join(__dirname, 'imagesEdgecvRunner.ts'), list, out, inFlight, effort, '1'], {
          cwd: benchDir,
          // sharp's advice for glibc: fewer malloc arenas, far less fragmentation across libvips threads.
          env: { ...process.env, MALLOC_ARENA_MAX: '2' },
        }),
    },
    {
      // The command a user types (the built `edgecv` bin, as scripts/edgecv.sh runs it, with its
      // MALLOC_ARENA_MAX), process start and module loading included, every image on the command
      // line, its default images in flight (the cores available).
      name: 'edgecv-cli',
      describe: `edgecv images optimize FILES --out DIR --json (apps/cli/dist/main.js, default concurrency, MALLOC_ARENA_MAX=2 as scripts/edgecv.sh sets it)`,
      run: (_list, out, corpus) =>
        measure(process.execPath, [path.join(repoRoot, 'apps/cli/dist/main.js'), 'images', 'optimize', ...corpus.images.map((i) => i.input), '--out', out, '--json'], {
          cwd: benchDir,
          env: { ...process.env, MALLOC_ARENA_MAX: '2' },
        }),
    },
    {
      name: 'pillow',
      describe: `Pillow (pip wheel in a venv under edgecv's cache): thumbnail((1024,1024), LANCZOS), WEBP quality ${QUALITY}, ${PARALLEL} worker processes`,
      run: (list, out) => measure(peers.python, [path.join(__dirname, 'imagesPillow.py'), list, out, String(PARALLEL)]),
    },
    {
      name: 'vipsthumbnail',
      describe: `Debian libvips-tools: vipsthumbnail -s ${MAX}x${MAX}> -o %s.webp[Q=${QUALITY}], ${PARALLEL} at a time`,
      run: async (_list, out, corpus) => {
        const lines = corpus.images.map((i) => `'${peers.vipsthumbnail}' -s '${MAX}x${MAX}>' -o '${out}/%s.webp[Q=${QUALITY}]' '${i.input}'`);
        return measure('xargs', ['-P', String(PARALLEL), '-d', '\n', '-n', '1', '-a', await xargsScript(work, lines), 'sh', '-c']);
      },
    },
    {
      name: 'cwebp',
      describe: `Debian webp: cwebp -q ${QUALITY} -resize W H (fit inside ${MAX}, never enlarged), ${PARALLEL} at a time`,
      run: async (_list, out, corpus) => {
        const lines = corpus.images.map((i) => {
          // cwebp knows nothing of EXIF, so it is given the stored (not the displayed) size, as a script would.
          const stored = i.kind === 'exif' && (i.orientation === 6 || i.orientation === 8) ? { width: i.height, height: i.width } : i;
          const size = fitInside(stored.width, stored.height);
          return `'${peers.cwebp}' -quiet -q ${QUALITY}${size ? ` -resize ${size.width} ${size.height}` : ''} '${i.input}' -o '${out}/${i.name}.webp'`;
        });
        return measure('xargs', ['-P', String(PARALLEL), '-d', '\n', '-n', '1', '-a', await xargsScript(work, lines), 'sh', '-c']);
      },
    },
  ];
}

interface ToolResult {
  name: string;
  describe: string;
  runs: Measured[];
  medianSeconds: number;
  bestSeconds: number;
  /** corpus / best wall time: the round the shared machine disturbed least. */
  imagesPerSecond: number;
  imagesPerSecondMedian: number;
  cpuSecondsMedian: number;
  /** What two idle cores would do if the tool kept both busy: images / (CPU seconds / 2). */
  imagesPerSecondCpuBound: number;
  peakRssMiB: number;
  totalBytes: number;
  plainBytes: number;
  meanSsimAll: number;
  meanSsimPlain: number;
  exifUpright: string;
  meanDeltaE: number;
  worstDeltaE: number;
  outputs: Record<string, { bytes: number; width: number; height: number; ssim: number; deltaE?: number; upright?: boolean }>;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

async function outputFor(out: string, image: CorpusImage): Promise<string> {
  for (const ext of ['webp', 'png']) {
    const file = path.join(out, `${image.name}.${ext}`);
    if (existsSync(file)) return file;
  }
  throw new Error(`no output for ${image.name} in ${out}`);
}

async function assess(tool: ToolResult, out: string, corpus: Corpus): Promise<void> {
  for (const image of corpus.images) {
    const file = await outputFor(out, image);
    const output = await decodeForComparison(file);
    const reference = await referenceAt(image.master, output.width, output.height);
    const score = ssim(output, reference);
    const entry: ToolResult['outputs'][string] = { bytes: (await stat(file)).size, width: output.width, height: output.height, ssim: score };
    if (image.kind === 'icc') entry.deltaE = meanDeltaE76(output, reference);
    if (image.kind === 'exif') entry.upright = (output.width >= output.height) === (image.width >= image.height) && score >= 0.9;
    tool.outputs[image.name] = entry;
  }
  const of = (kind?: string) => corpus.images.filter((i) => kind === undefined || i.kind === kind).map((i) => tool.outputs[i.name]!);
  tool.totalBytes = of().reduce((a, o) => a + o.bytes, 0);
  tool.plainBytes = of('plain').reduce((a, o) => a + o.bytes, 0);
  tool.meanSsimAll = mean(of().map((o) => o.ssim));
  tool.meanSsimPlain = mean(of('plain').map((o) => o.ssim));
  tool.exifUpright = `${of('exif').filter((o) => o.upright).length}/${of('exif').length}`;
  tool.meanDeltaE = mean(of('icc').map((o) => o.deltaE ?? 0));
  tool.worstDeltaE = Math.max(...of('icc').map((o) => o.deltaE ?? 0));
}

function versions(peers: ImagePeers): Record<string, string> {
  const run = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n')[0] ?? '';
    } catch (e) {
      return `unavailable: ${(e as Error).message.split('\n')[0]}`;
    }
  };
  return {
    sharp: `${sharp.versions.sharp} (libvips ${sharp.versions.vips}, libwebp ${sharp.versions.webp ?? '?'})`,
    pillow: run(peers.python, ['-c', 'import PIL, PIL.features as f; print(PIL.__version__, "libwebp", f.version("webp"))']),
    vipsthumbnail: run(peers.vipsthumbnail, ['--vips-version']),
    cwebp: run(peers.cwebp, ['-version']),
    cpus: run('nproc', []),
  };
}

/** The CLI tool runs the built bin, as a user does: build it (turbo, cached) from the current sources. */
function buildCli(): void {
  execFileSync(path.join(repoRoot, 'node_modules/.bin/turbo'), ['run', 'build', '--filter=@edgecv/cli...', '--output-logs=errors-only'], { cwd: repoRoot, stdio: 'ignore', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } });
  if (!existsSync(path.join(repoRoot, 'apps/cli/dist/main.js'))) throw new Error('apps/cli did not build');
}

/** The runner loads @edgecv/infrastructure from its dist: compile it from the current sources. */
function buildInfrastructure(): void {
  const root = path.resolve(benchDir, '../..');
  try {
    execFileSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'packages/infrastructure/tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
  } catch {
    // Type errors elsewhere in the package still emit JavaScript; what matters is the image adapter.
  }
  if (!existsSync(path.join(root, 'packages/infrastructure/dist/image/index.js'))) throw new Error('packages/infrastructure did not build');
}

async function main(): Promise<void> {
  const peers = await ensureImagePeers();
  buildInfrastructure();
  buildCli();
  const full = await prepareCorpus();
  const corpus = LIMIT === undefined ? full : { ...full, images: full.images.slice(0, LIMIT) };
  const work = await mkdtemp(path.join(tmpdir(), 'edgecv-images-bench-'));
  const list = path.join(work, 'inputs.txt');
  await writeFile(list, corpus.images.map((i) => i.input).join('\n'));
  const all = tools(work, peers).filter((t) => ONLY === undefined || ONLY.includes(t.name));
  const results: ToolResult[] = all.map((t) => ({
    name: t.name, describe: t.describe, runs: [], medianSeconds: 0, bestSeconds: 0, imagesPerSecond: 0, imagesPerSecondMedian: 0, cpuSecondsMedian: 0, imagesPerSecondCpuBound: 0, peakRssMiB: 0, totalBytes: 0, plainBytes: 0,
    meanSsimAll: 0, meanSsimPlain: 0, exifUpright: '', meanDeltaE: 0, worstDeltaE: 0, outputs: {},
  }));
  const loads: number[] = [];
  // Warm-up (page cache, tsx's transform cache), then rounds with the tools interleaved so that
  // noise from the shared machine spreads over all of them.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [i, tool] of all.entries()) {
      const out = path.join(work, `${tool.name}-${round}`);
      await rm(out, { recursive: true, force: true });
      await mkdir(out, { recursive: true });
      const measured = await tool.run(list, out, corpus);
      const produced = (await readdir(out)).length;
      if (produced !== corpus.images.length) throw new Error(`${tool.name} produced ${produced} of ${corpus.images.length} outputs`);
      process.stderr.write(
        `round ${round}${round === 0 ? ' (warm-up)' : ''} ${tool.name}: ${measured.seconds.toFixed(2)} s wall, ${measured.cpuSeconds.toFixed(2)} s CPU, peak ${(measured.peakRssBytes / 2 ** 20).toFixed(0)} MiB (load ${loadavg()[0]?.toFixed(1)})\n`,
      );
      if (round > 0) results[i]!.runs.push(measured);
      loads.push(loadavg()[0] ?? 0);
    }
  }
  for (const [i, tool] of all.entries()) {
    const r = results[i]!;
    r.medianSeconds = median(r.runs.map((m) => m.seconds));
    r.bestSeconds = Math.min(...r.runs.map((m) => m.seconds));
    r.imagesPerSecond = corpus.images.length / r.bestSeconds;
    r.imagesPerSecondMedian = corpus.images.length / r.medianSeconds;
    r.cpuSecondsMedian = median(r.runs.map((m) => m.cpuSeconds));
    r.imagesPerSecondCpuBound = corpus.images.length / (r.cpuSecondsMedian / 2);
    r.peakRssMiB = Math.max(...r.runs.map((m) => m.peakRssBytes)) / 2 ** 20;
    process.stderr.write(`assessing ${tool.name}\n`);
    await assess(r, path.join(work, `${tool.name}-${ROUNDS}`), corpus);
  }
  const by = (name: string) => results.find((r) => r.name === name);
  const edgecv = by('edgecv');
  const pillow = by('pillow');
  const cwebp = by('cwebp');
  const cli = by('edgecv-cli');
  const checks: [string, () => number | string, string, (v: number | string) => boolean][] = [];
  if (cli && pillow) {
    checks.push(
      ['cliSpeedVsPillow', () => cli.imagesPerSecond / pillow.imagesPerSecond, '>= 1.5', (v) => Number(v) >= 1.5],
      ['cliCpuBoundSpeedVsPillow', () => cli.imagesPerSecondCpuBound / pillow.imagesPerSecondCpuBound, '>= 1.5', (v) => Number(v) >= 1.5],
      ['cliBytesVsPillowPlain', () => cli.plainBytes / pillow.plainBytes, '<= 1.02', (v) => Number(v) <= 1.02],
      ['cliSsimMinusPillowPlain', () => cli.meanSsimPlain - pillow.meanSsimPlain, '>= -0.002', (v) => Number(v) >= -0.002],
      ['cliPeakRssVsPillow', () => cli.peakRssMiB / pillow.peakRssMiB, '<= 1.5', (v) => Number(v) <= 1.5],
    );
  }
  if (edgecv && pillow) {
    checks.push(
      ['speedVsPillow', () => edgecv.imagesPerSecond / pillow.imagesPerSecond, '>= 1.2', (v) => Number(v) >= 1.2],
      ['cpuBoundSpeedVsPillow', () => edgecv.imagesPerSecondCpuBound / pillow.imagesPerSecondCpuBound, '>= 1.2', (v) => Number(v) >= 1.2],
      ['bytesVsPillowPlain', () => edgecv.plainBytes / pillow.plainBytes, '<= 1.02', (v) => Number(v) <= 1.02],
      ['ssimMinusPillowPlain', () => edgecv.meanSsimPlain - pillow.meanSsimPlain, '>= -0.002', (v) => Number(v) >= -0.002],
    );
  }
  if (edgecv && cwebp) {
    checks.push(
      ['speedVsCwebp', () => edgecv.imagesPerSecond / cwebp.imagesPerSecond, '>= 0.9', (v) => Number(v) >= 0.9],
      ['cpuBoundSpeedVsCwebp', () => edgecv.imagesPerSecondCpuBound / cwebp.imagesPerSecondCpuBound, '>= 0.9', (v) => Number(v) >= 0.9],
    );
  }
  if (edgecv) {
    checks.push(
      ['exifUpright', () => edgecv.exifUpright, 'all', (v) => String(v).split('/')[0] === String(v).split('/')[1]],
      ['worstDeltaE', () => edgecv.worstDeltaE, '< 3', (v) => Number(v) < 3],
    );
  }
  const targets: Record<string, { value: number | string; target: string }> = {};
  const met: Record<string, boolean> = {};
  for (const [name, value, target, ok] of checks) {
    const v = value();
    targets[name] = { value: v, target };
    met[name] = ok(v);
  }
  const counts = { images: corpus.images.length, plain: corpus.images.filter((i) => i.kind === 'plain').length, alpha: corpus.images.filter((i) => i.alpha).length, exif: corpus.images.filter((i) => i.kind === 'exif').length, icc: corpus.images.filter((i) => i.kind === 'icc').length };
  const report = { date: new Date().toISOString(), rounds: ROUNDS, load: loads.map((l) => l.toFixed(1)).join(', '), corpus: { dir: corpus.dir, ...counts }, versions: versions(peers), targets, met, tools: results };
  const resultsDir = path.join(benchDir, 'results', ...(LIMIT === undefined ? [] : ['tmp']));
  const base = ONLY === undefined ? 'images' : `images-${ONLY.join('-')}`;
  await mkdir(resultsDir, { recursive: true });
  await writeFile(path.join(resultsDir, `${base}.json`), JSON.stringify(report, null, 2));
  await writeFile(path.join(resultsDir, `${base}.md`), markdown(report));
  process.stdout.write(markdown(report));
  await rm(work, { recursive: true, force: true });
}

function markdown(report: { date: string; rounds: number; load: string; corpus: Record<string, unknown>; versions: Record<string, string>; targets: Record<string, { value: number | string; target: string }>; met: Record<string, boolean>; tools: ToolResult[] }): string {
  const f = (v: number, d = 2) => v.toFixed(d);
  const rows = report.tools.map(
    (t) =>
      `| ${t.name} | ${f(t.imagesPerSecond)} | ${f(t.imagesPerSecondMedian)} | ${f(t.imagesPerSecondCpuBound)} | ${f(t.bestSeconds)} / ${f(t.medianSeconds)} | ${f(t.cpuSecondsMedian)} | ${f(t.peakRssMiB, 0)} | ${(t.totalBytes / 2 ** 20).toFixed(2)} | ${(t.plainBytes / 2 ** 20).toFixed(2)} | ${f(t.meanSsimPlain, 4)} | ${f(t.meanSsimAll, 4)} | ${t.exifUpright} | ${f(t.meanDeltaE)} / ${f(t.worstDeltaE)} |`,
  );
  const targets = Object.entries(report.targets).map(([k, v]) => `| ${k} | ${typeof v.value === 'number' ? v.value.toFixed(4) : v.value} | ${v.target} | ${report.met[k] ? 'met' : 'NOT met'} |`);
  return [
    `# Image optimisation benchmark (${report.date})`,
    '',
    `Corpus: ${JSON.stringify(report.corpus)}. ${report.rounds} interleaved rounds after a warm-up on 2 cores shared with other work: wall times are noisy, so the best round, the median and the CPU time (user + sys of the whole process tree, robust to sharing) are all shown. Load average during the run: ${report.load}.`,
    '',
    '| tool | images/s (best round) | images/s (median) | images/s (CPU-bound, 2 cores) | wall s best / median | CPU s | peak RSS MiB | total MiB | plain MiB | SSIM (plain) | SSIM (all) | EXIF upright | dE76 mean / worst (profiled) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '| target (edgecv) | value | wanted | |',
    '|---|---|---|---|',
    ...targets,
    '',
    ...report.tools.map((t) => `- ${t.name}: ${t.describe}`),
    '',
    `Versions: ${Object.entries(report.versions).map(([k, v]) => `${k} ${v}`).join('; ')}`,
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

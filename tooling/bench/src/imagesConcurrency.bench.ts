// How many images in flight should `edgecv images optimize` default to? The built CLI on the image
// benchmark's corpus with --concurrency 1..4 (interleaved rounds, process start included): images/s
// by wall time, CPU seconds and peak RSS of each. Writes results/images-concurrency.{json,md}.
//
//   cd tooling/bench && node --import tsx src/imagesConcurrency.bench.ts [rounds=2] [levels=1,2,3,4]
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { prepareCorpus } from './imagesCorpus';
import { measure, type Measured } from './imagesProcess';

const repoRoot = path.resolve(__dirname, '../../..');
const benchDir = path.resolve(__dirname, '..');
const cli = path.join(repoRoot, 'apps/cli/dist/main.js');

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 2);
  const levels = (process.argv[3] ?? '1,2,3,4').split(',').map(Number);
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build the CLI first (pnpm exec turbo run build --filter=@edgecv/cli...)`);
  const corpus = await prepareCorpus();
  const files = corpus.images.map((i) => i.input);
  const work = await mkdtemp(path.join(tmpdir(), 'edgecv-images-concurrency-'));
  const runs = new Map<number, Measured[]>(levels.map((l) => [l, []]));
  const loads: string[] = [];
  for (let round = 0; round <= rounds; round++) {
    for (const level of levels) {
      const out = path.join(work, `c${level}`);
      await rm(out, { recursive: true, force: true });
      await mkdir(out, { recursive: true });
      const m = await measure(process.execPath, [cli, 'images', 'optimize', ...files, '--out', out, '--json', '--concurrency', String(level)], { env: { ...process.env, MALLOC_ARENA_MAX: '2' } });
      loads.push((loadavg()[0] ?? 0).toFixed(1));
      process.stderr.write(`round ${round}${round === 0 ? ' (warm-up)' : ''} --concurrency ${level}: ${m.seconds.toFixed(2)} s wall, ${m.cpuSeconds.toFixed(2)} s CPU, peak ${(m.peakRssBytes / 2 ** 20).toFixed(0)} MiB (load ${loads.at(-1)})\n`);
      if (round > 0) runs.get(level)!.push(m);
    }
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  const rows = levels.map((level) => {
    const r = runs.get(level)!;
    const best = Math.min(...r.map((m) => m.seconds));
    return { concurrency: level, imagesPerSecondBest: files.length / best, imagesPerSecondMedian: files.length / median(r.map((m) => m.seconds)), cpuSecondsMedian: median(r.map((m) => m.cpuSeconds)), peakRssMiB: Math.max(...r.map((m) => m.peakRssBytes)) / 2 ** 20 };
  });
  const report = { date: new Date().toISOString(), cores: availableParallelism(), images: files.length, rounds, load: loads.join(', '), rows };
  const md = [
    `# edgecv images optimize: images in flight (${report.date})`,
    '',
    `${files.length} images, the built CLI (process start included, MALLOC_ARENA_MAX=2), ${rounds} interleaved rounds after a warm-up, ${report.cores} cores shared with other work; load average during the run: ${report.load}.`,
    '',
    '| --concurrency | images/s (best) | images/s (median) | CPU s (median) | peak RSS MiB |',
    '|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.concurrency} | ${r.imagesPerSecondBest.toFixed(2)} | ${r.imagesPerSecondMedian.toFixed(2)} | ${r.cpuSecondsMedian.toFixed(2)} | ${r.peakRssMiB.toFixed(0)} |`),
    '',
  ].join('\n');
  await writeFile(path.join(benchDir, 'results', 'images-concurrency.json'), JSON.stringify(report, null, 2));
  await writeFile(path.join(benchDir, 'results', 'images-concurrency.md'), md);
  process.stdout.write(md);
  await rm(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

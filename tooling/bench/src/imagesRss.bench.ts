// Does `edgecv images optimize` stay flat in memory over 1,000 images in one process (issue 14 §4)?
// Runs the built CLI as a user does, on the image benchmark's corpus repeated to N files (links
// under distinct names), and reads the process's resident memory from /proc each time another
// 100 results have been printed. One run per allocator setting: the MALLOC_ARENA_MAX we ship
// (2) and glibc's default (the variable unset). Writes results/images-rss.{json,md}.
//
//   cd tooling/bench && node --import tsx src/imagesRss.bench.ts [N=1000] [--concurrency C]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { prepareCorpus } from './imagesCorpus';

const repoRoot = path.resolve(__dirname, '../../..');
const benchDir = path.resolve(__dirname, '..');
const cli = path.join(repoRoot, 'apps/cli/dist/main.js');

function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  return Number(line?.split(/\s+/)[1] ?? Number.NaN);
}

interface Run {
  setting: string;
  concurrency: number;
  images: number;
  seconds: number;
  /** [images done, RSS MiB] each 100 images. */
  samples: [number, number][];
  peakMiB: number;
  /** RSS at the end over RSS after the first 200 images (the warm working set). */
  growth: number;
}

async function runOnce(files: string[], out: string, setting: string, env: NodeJS.ProcessEnv, concurrency: number | undefined): Promise<Run> {
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const started = process.hrtime.bigint();
  const args = [cli, 'images', 'optimize', ...files, '--out', out, '--json', ...(concurrency ? ['--concurrency', String(concurrency)] : [])];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const samples: [number, number][] = [];
  let done = 0;
  let peakKiB = 0;
  let summary: { concurrency: number } | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    const parsed = JSON.parse(line) as { summary?: { concurrency: number } };
    if (parsed.summary) {
      summary = parsed.summary;
      continue;
    }
    done++;
    try {
      peakKiB = statusKiB(child.pid!, 'VmHWM');
      if (done % 100 === 0 || done === files.length) samples.push([done, statusKiB(child.pid!, 'VmRSS') / 1024]);
    } catch {
      // the process ended while we looked
    }
  }
  const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', resolve)));
  if (code !== 0) throw new Error(`edgecv images optimize exited ${code}`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const warm = samples.find(([n]) => n >= 200)?.[1] ?? samples[0]?.[1] ?? Number.NaN;
  const last = samples.at(-1)?.[1] ?? Number.NaN;
  const run = { setting, concurrency: summary?.concurrency ?? concurrency ?? 0, images: done, seconds, samples, peakMiB: peakKiB / 1024, growth: last / warm - 1 };
  process.stderr.write(`${setting}: ${done} images in ${seconds.toFixed(1)} s, RSS ${samples.map(([n, m]) => `${n}:${m.toFixed(0)}`).join(' ')} MiB, peak ${run.peakMiB.toFixed(0)} MiB (load ${loadavg()[0]?.toFixed(1)})\n`);
  return run;
}

async function main(): Promise<void> {
  const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--concurrency');
  const n = Number(positional[0] ?? 1000);
  const cIndex = process.argv.indexOf('--concurrency');
  const concurrency = cIndex > 0 ? Number(process.argv[cIndex + 1]) : undefined;
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build the CLI first (pnpm exec turbo run build --filter=@edgecv/cli...)`);
  const corpus = await prepareCorpus();
  const work = await mkdtemp(path.join(tmpdir(), 'edgecv-images-rss-'));
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const image = corpus.images[i % corpus.images.length]!;
    const file = path.join(work, 'in', `${String(i).padStart(4, '0')}-${image.name}.png`);
    if (i === 0) await mkdir(path.dirname(file), { recursive: true });
    await symlink(image.input, file);
    files.push(file);
  }
  const { MALLOC_ARENA_MAX: _ignored, ...withoutArenaMax } = process.env;
  const loadBefore = loadavg()[0] ?? 0;
  const runs = [
    await runOnce(files, path.join(work, 'out'), 'MALLOC_ARENA_MAX=2 (shipped)', { ...withoutArenaMax, MALLOC_ARENA_MAX: '2' }, concurrency),
    await runOnce(files, path.join(work, 'out'), 'MALLOC_ARENA_MAX unset (glibc default)', withoutArenaMax, concurrency),
  ];
  const report = { date: new Date().toISOString(), cores: availableParallelism(), load: `${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after`, corpusImages: corpus.images.length, runs };
  const md = [
    `# RSS of one \`edgecv images optimize\` process over ${n} images (${report.date})`,
    '',
    `The image corpus (${corpus.images.length} images) repeated to ${n} files, one CLI process each run, RSS read from /proc after every 100 results. Load average: ${report.load}.`,
    '',
    `| allocator | images in flight | images/s | ${runs[0]!.samples.map(([k]) => `RSS @${k}`).join(' | ')} | peak MiB | end vs @200 |`,
    `|---|---:|---:|${runs[0]!.samples.map(() => '---:').join('|')}|---:|---:|`,
    ...runs.map((r) => `| ${r.setting} | ${r.concurrency} | ${(r.images / r.seconds).toFixed(2)} | ${r.samples.map(([, m]) => m.toFixed(0)).join(' | ')} | ${r.peakMiB.toFixed(0)} | ${(r.growth * 100).toFixed(1)}% |`),
    '',
  ].join('\n');
  await writeFile(path.join(benchDir, 'results', 'images-rss.json'), JSON.stringify(report, null, 2));
  await writeFile(path.join(benchDir, 'results', 'images-rss.md'), md);
  process.stdout.write(md);
  await rm(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

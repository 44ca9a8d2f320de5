// Domain micro-benchmark (issue 2 §7): how fast the pure layout rules are, so a plan over a
// bucket of millions of keys is bounded by S3 listing, not by classification.
// keys/s for S3PathBuilder and JobS3Prefix, classifications/s for PathResolver over a mixed
// corpus of legacy, conforming and unknown keys. Writes results/domain.json and results/domain.md.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DEFAULT_PATH_CONFIG,
  JobS3Prefix,
  NEO_TARGETS,
  PathResolver,
  S3PathBuilder,
  S3PathConfig,
  formatTimestampPath,
  type JobLookup,
} from '@edgecv/domain';

const BATCH = 1000;
const CORPUS_SIZE = 10_000;
const resultsDir = path.resolve(__dirname, '..', 'results');

/** Deterministic PRNG (mulberry32), so every run measures the same corpus. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = rng(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const int = (max: number): number => 1 + Math.floor(random() * max);
const names = Array.from({ length: 200 }, (_, i) => `job-${i}-${Math.floor(random() * 1e6).toString(36)}`);
const rests = ['output/model.tar.gz', 'img 001+a%20.png', 'a/b/c/d.json', 'Ünïcødé/日本/x.txt', 'metadata.json'];
const jobs = new Map<number, Date>(
  Array.from({ length: 500 }, (_, i) => [i + 1, new Date(Date.UTC(2020 + (i % 6), i % 12, 1 + (i % 28), i % 24, i % 60, i % 60))]),
);
const lookup: JobLookup = (id) => jobs.get(id);
const ts = (id: number): string => formatTimestampPath((jobs.get(id) as Date).getTime());

type Kind = 'legacy' | 'conforming' | 'unknown';
const generators: Array<[Kind, () => string]> = [
  ['legacy', () => `datasets//training-output/${pick(names)}/${pick(rests)}`],
  ['legacy', () => `datasets/training-output/${pick(names)}/${pick(rests)}`],
  ['legacy', () => `training-output/${pick(names)}/${pick(rests)}`],
  ['legacy', () => `compilation-output/${pick(names)}/model-${pick(NEO_TARGETS)}.tar.gz`],
  ['legacy', () => `datasets//compilation-output/${pick(names)}/${pick(NEO_TARGETS)}/model.tar.gz`],
  ['legacy', () => `models/compilation/${pick(names)}/my-model-${pick(NEO_TARGETS)}.tar.gz`],
  ['legacy', () => `datasets/train-${int(1000)}.manifest`],
  ['legacy', () => `datasets/cats-${int(50)}/${pick(rests)}`],
  ['legacy', () => `packaged-models/${pick(names)}/model.tar.gz`],
  ['legacy', () => `greengrass-components/${pick(names)}/component.zip`],
  ['legacy', () => `results/job_${int(500)}/run_${int(20)}.zip`],
  ['legacy', () => `jobs/${int(500)}/2019/01/01/000000/run_${int(9)}_config.json`],
  ['legacy', () => `generated_images/${1_700_000_000_000 + int(1e9)}.png`],
  ['conforming', () => `datasets/raw/cats/${pick(rests)}`],
  ['conforming', () => `models/training/${pick(names)}/output/model.tar.gz`],
  ['conforming', () => `models/compilation/${pick(names)}/${pick(NEO_TARGETS)}/model.tar.gz`],
  ['conforming', () => `deployments/${pick(names)}/config.json`],
  ['conforming', () => {
    const id = int(500);
    return `jobs/${id}/${ts(id)}/run_${int(9)}_results.zip`;
  }],
  ['conforming', () => `generated_images/${1_700_000_000_000 + int(1e9)}.webp`],
  ['unknown', () => `tmp/${pick(names)}/${pick(rests)}`],
];

// 13 legacy generators, 6 conforming, 1 unknown: about 65% legacy, 30% conforming, 5% unknown.
const corpus = Array.from({ length: CORPUS_SIZE }, () => pick(generators)[1]());

async function main(): Promise<void> {
  // tinybench is ESM-only; this package compiles to CommonJS.
  const { Bench } = await import('tinybench');
  const builder = new S3PathBuilder(S3PathConfig.create({ bucket: 'edgecv-bench', prefix: 'team-a' }));
  const resolver = new PathResolver(DEFAULT_PATH_CONFIG);
  const jobList = [...jobs.entries()].map(([id, createdAt]) => ({ id, createdAt }));

  // Sanity: the corpus exercises every status, so the numbers mean what they claim.
  const statuses = new Map<string, number>();
  for (const key of corpus) {
    const s = resolver.classify(key, lookup).status;
    statuses.set(s, (statuses.get(s) ?? 0) + 1);
  }

  let sink = 0;
  const bench = new Bench({ time: 2000, warmupTime: 300 });
  bench
    .add('S3PathBuilder: 3 keys per job (training model, compiled model, deployment artifact)', () => {
      for (let i = 0; i < BATCH; i++) {
        const job = names[i % names.length] as string;
        sink += builder.trainingModelKey(job).value.length;
        sink += builder.compiledModelKey(job, NEO_TARGETS[i % NEO_TARGETS.length] as string).value.length;
        sink += builder.deploymentArtifactKey(job, 'component.zip').value.length;
      }
    })
    .add('JobS3Prefix: fromJob + runResultsKey', () => {
      for (let i = 0; i < BATCH; i++) {
        const prefix = JobS3Prefix.fromJob(jobList[i % jobList.length] as { id: number; createdAt: Date });
        sink += prefix.runResultsKey((i % 20) + 1).value.length;
      }
    })
    .add('PathResolver.classify: mixed corpus (with job lookup)', () => {
      for (let i = 0; i < BATCH; i++) {
        sink += resolver.classify(corpus[i % CORPUS_SIZE] as string, lookup).status.length;
      }
    })
    .add('PathResolver.classify: conforming keys only', () => {
      for (let i = 0; i < BATCH; i++) {
        sink += resolver.classify(`models/training/${names[i % names.length] as string}/output/model.tar.gz`).status.length;
      }
    });
  await bench.run();

  const perCall: Record<string, number> = {
    'S3PathBuilder: 3 keys per job (training model, compiled model, deployment artifact)': 3 * BATCH,
  };
  const rows = bench.tasks.map((task) => {
    const r = task.result;
    if (r.state !== 'completed') throw new Error(`${task.name}: ${r.state}`);
    const items = perCall[task.name] ?? BATCH;
    return {
      task: task.name,
      unit: task.name.startsWith('PathResolver') ? 'classifications/s' : 'keys/s',
      // From the mean latency (total time / runs), so both columns agree; tinybench's
      // throughput.mean averages per-sample rates and overstates noisy runs.
      perSecond: Math.round((items * 1000) / r.latency.mean),
      microsPerItem: Number(((r.latency.mean * 1000) / items).toFixed(3)),
      rme: Number(r.latency.rme.toFixed(2)),
      samples: r.latency.samples?.length ?? null,
    };
  });

  const environment = { node: process.version, cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, platform: `${os.platform()} ${os.arch()}` };
  const result = {
    date: new Date().toISOString(),
    environment,
    corpus: { size: CORPUS_SIZE, statuses: Object.fromEntries(statuses) },
    batch: BATCH,
    results: rows,
  };
  await mkdir(resultsDir, { recursive: true });
  await writeFile(path.join(resultsDir, 'domain.json'), `${JSON.stringify(result, null, 2)}\n`);
  const md = [
    '# Domain micro-benchmark',
    '',
    `Node ${environment.node}, ${environment.cpu} (${environment.cores} cores, shared), ${result.date}.`,
    `Corpus: ${CORPUS_SIZE} keys, ${[...statuses].map(([s, n]) => `${n} ${s}`).join(', ')}. Command: \`pnpm --filter @edgecv/bench bench\`.`,
    '',
    '| task | throughput | µs per item | ±% (rme) |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.task} | ${r.perSecond.toLocaleString('en-US')} ${r.unit} | ${r.microsPerItem} | ${r.rme} |`),
    '',
  ].join('\n');
  await writeFile(path.join(resultsDir, 'domain.md'), md);
  process.stdout.write(`${md}\n`);
  if (sink === 0) throw new Error('benchmark did no work');
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});

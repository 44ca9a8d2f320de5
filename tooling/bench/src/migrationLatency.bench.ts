// The move at an S3-like round trip (issue 16 §4): a loopback proxy adds a fixed delay to every
// request (30 ms by default) in front of MinIO and counts what each client sends, by S3
// operation. The same N objects of 1 KiB are moved from `training-output/` to `models/training/`
// by the built edgecv CLI (plan, run, cutover, cleanup), `rclone move` (server-side copy) and
// `aws s3 mv --recursive`, each at the same concurrency; seeding and the checks afterwards go to
// MinIO directly (not counted). Reports objects/s and requests per moved object by operation.
// Usage: TSX_TSCONFIG_PATH=src/migration.tsconfig.json node --import tsx src/migrationLatency.bench.ts [objects]
//   [--concurrency 16] [--latency-ms 30] [--tools edgecv,rclone,aws,edgecv-lib,edgecv-lib-nofsync] [--out migration-latency]
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { startFaultProxy } from '@edgecv/test-harness';
import { benchClient, countKeys, seed } from './migrationData';
import type { EdgecvPhases } from './migrationEdgecv';
import { edgecvMove } from './migrationEdgecv';
import { edgecvCliMove, startEdgecvStack, stopEdgecvStack } from './migrationEdgecvCli';
import { awsMove, rcloneMove } from './migrationPeers';
import { renderLatencyReport, type LatencyMeasurement } from './migrationLatencyReport';
import { childCpu, processCpuSeconds } from './migrationCpu';
import { ensurePeerTools, peerVersions } from './migrationTools';
import { startMinio } from './resultsMinio';
import { writeBenchResult } from './benchResults';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? '') : fallback;
};
const N = Number(args.find((a) => /^\d+$/.test(a)) ?? '20000');
const CONCURRENCY = flag('concurrency', '16').split(',').filter(Boolean).map(Number);
const LATENCY_MS = Number(flag('latency-ms', '30'));
const TOOLS = flag('tools', 'edgecv,rclone,aws').split(',').filter(Boolean);
const OUT = flag('out', 'migration-latency');
const log = (s: string): void => void process.stderr.write(`${s}\n`);

async function main(): Promise<void> {
  await ensurePeerTools(log);
  const versions = await peerVersions();
  const m = await startMinio(log);
  const s3 = benchClient(m);
  const dir = mkdtempSync(path.join(tmpdir(), 'edgecv-mig-latency-'));
  const stackDir = path.join(dir, 'edgecv-home');
  const measurements: LatencyMeasurement[] = [];
  const load: { at: string; loadavg: number[] }[] = [{ at: 'start', loadavg: loadavg() }];
  let b = 0;
  let stackStarted = false;
  try {
    for (const c of CONCURRENCY) {
      for (const tool of TOOLS) {
        const bucket = `mig-lat-${++b}`;
        await seed(s3, bucket, N);
        const proxy = await startFaultProxy(m.endpoint, undefined, { latencyMs: LATENCY_MS });
        const through = { ...m, endpoint: proxy.url };
        let settings: string;
        let phases: EdgecvPhases | undefined;
        let seconds: number;
        let cpu: LatencyMeasurement['cpuSeconds'];
        try {
          if (tool === 'edgecv' && !stackStarted) {
            // The references' local stack (moto, MongoDB stand-in) starts once, untimed and uncounted.
            await startEdgecvStack(stackDir, through);
            stackStarted = true;
          }
          const before = { ...proxy.counters.byOperation };
          if (Object.keys(before).length > 0) throw new Error(`requests before the move: ${JSON.stringify(before)}`);
          const cpu0 = { tools: childCpu.seconds, bench: process.cpuUsage(), minio: processCpuSeconds(m.pid) };
          const t0 = process.hrtime.bigint();
          switch (tool) {
            case 'edgecv':
              settings = `CLI plan (default --list-concurrency 16), run --concurrency ${c}, cutover, cleanup; JSONL journal`;
              phases = await edgecvCliMove(through, bucket, stackDir, N, c);
              break;
            // Diagnostics: the same use cases in this process (no CLI process starts, no reference
            // stores), with and without the journal's fsync.
            case 'edgecv-lib':
            case 'edgecv-lib-nofsync': {
              const fsync = tool === 'edgecv-lib';
              settings = `use cases in-process, run concurrency ${c}, JSONL journal ${fsync ? 'with' : 'without'} fsync, no reference stores`;
              phases = await edgecvMove(through, bucket, dir, N, c, { fsync });
              break;
            }
            case 'rclone':
              settings = `rclone move --transfers ${c} --checkers ${c} --s3-no-check-bucket (server-side copy)`;
              await rcloneMove(through, bucket, c, c);
              break;
            case 'aws':
              settings = `aws s3 mv --recursive, max_concurrent_requests ${c}`;
              await awsMove(through, bucket, dir, c);
              break;
            default:
              throw new Error(`unknown tool ${tool}`);
          }
          seconds = Number(process.hrtime.bigint() - t0) / 1e9;
          const bench = process.cpuUsage(cpu0.bench);
          cpu = { client: childCpu.seconds - cpu0.tools, benchProcess: (bench.user + bench.system) / 1e6, minio: processCpuSeconds(m.pid) - cpu0.minio };
        } finally {
          await proxy.close();
        }
        const moved = await countKeys(s3, bucket, 'models/training/');
        const left = await countKeys(s3, bucket, 'training-output/');
        if (moved !== N || left !== 0) throw new Error(`${tool} did not move everything: ${moved} moved, ${left} left`);
        const requests = { ...proxy.counters.byOperation };
        const r: LatencyMeasurement = { tool, concurrency: c, settings, seconds, objects: N, objectsPerSecond: N / seconds, requests, cpuSeconds: cpu, ...(phases ? { phases } : {}) };
        log(`${tool} c=${c}: ${seconds.toFixed(1)} s, ${r.objectsPerSecond.toFixed(0)} objects/s, requests ${JSON.stringify(requests)}, CPU s ${JSON.stringify(cpu)}${phases ? ` phases ${JSON.stringify(phases)}` : ''}`);
        measurements.push(r);
        load.push({ at: `after ${tool} c=${c}`, loadavg: loadavg() });
      }
    }
  } finally {
    if (stackStarted) await stopEdgecvStack(stackDir).catch((e: unknown) => log(`stopping the local stack: ${String(e)}`));
    s3.destroy();
    await m.stop();
  }
  const { json, markdown } = renderLatencyReport({ objects: N, latencyMs: LATENCY_MS, versions, load, measurements });
  writeBenchResult(OUT, json, markdown);
}

main().catch((e: unknown) => {
  log(String(e instanceof Error ? e.stack : e));
  process.exit(1);
});

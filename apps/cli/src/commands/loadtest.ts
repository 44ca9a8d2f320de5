// `edgecv loadtest`: spec 003's image load test against the API: the local API started here on
// the local stack, or an explicit --target deployment. Reports p50/p95/p99 per operation,
// throughput and error rate, and writes an HTML report with a latency chart.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Command } from 'commander';
import { type CliContext } from '../context';
import { CliFailure, ExitCode } from '../io/exitCodes';
import { table } from '../io/output';
import { formatted, integerIn, numberIn, oneOf } from '../io/parse';
import { dataDirOf } from '../io/stack';
import { htmlReport } from '../loadtest/htmlReport';
import { httpClient } from '../loadtest/httpClient';
import { imageWorkload } from '../loadtest/imageWorkload';
import { runLoadTest, type LoadTestResult } from '../loadtest/runLoadTest';
import { DEFAULT_SHAPE, SCENARIOS, parseDuration, type LoadShape, type ScenarioName } from '../loadtest/scenarios';
import { startServe } from './serve';

interface LoadtestOptions {
  users?: number;
  spawnRate?: number;
  duration?: number;
  scenario?: ScenarioName;
  target?: string;
  wait?: [number, number];
  imageSize?: number;
  report?: string;
  bucket?: string;
  data?: string;
  json?: boolean;
}

/** Spec 003: a run with more errors than this is a failed run (exit 1). */
export const MAX_ERROR_RATE = 0.05;
const MAX_USERS = 1000;
const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];
const MAX_DURATION_SECONDS = 24 * 3600;
const MAX_WAIT_SECONDS = 600;

/** `--duration`: 60s, 10m, 1h, above 0 up to a day. */
const durationOption = formatted((raw) => {
  const seconds = parseDuration(raw);
  return seconds !== undefined && seconds > 0 && seconds <= MAX_DURATION_SECONDS ? seconds : undefined;
}, `a duration above 0 up to 24h, e.g. 60s, 10m, 1h`);

/** `--wait`: think time in seconds, one value or min-max, in milliseconds. */
const waitOption = formatted((raw): [number, number] | undefined => {
  const m = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(raw);
  const min = Number(m?.[1]);
  const max = Number(m?.[2] ?? m?.[1]);
  return m && min <= max && max <= MAX_WAIT_SECONDS ? [min * 1000, max * 1000] : undefined;
}, `seconds from 0 to ${MAX_WAIT_SECONDS}, one value or min-max, e.g. 1-3 or 0`);

export function registerLoadtest(program: Command, ctx: CliContext): void {
  program
    .command('loadtest')
    .description('load-test the assignment API (3 create with image : 5 view with image : 1 list assignments), p50/p95/p99 per operation and an HTML report')
    .option('--users <n>', `peak users, 1-${MAX_USERS} (default ${DEFAULT_SHAPE.users}, or the scenario's)`, integerIn(1, MAX_USERS))
    .option('--spawn-rate <n>', `users started per second, 0.01-${MAX_USERS} (default ${DEFAULT_SHAPE.spawnRate})`, numberIn(0.01, MAX_USERS))
    .option('--duration <time>', `how long: 60s, 10m, 1h, at most 24h (default ${DEFAULT_SHAPE.durationSeconds}s)`, durationOption)
    .option('--scenario <name>', `${SCENARIO_NAMES.join(', ')} (spec 003 load shapes; flags override them)`, oneOf(SCENARIO_NAMES))
    .option('--target <url>', 'an API deployment to test instead of starting the local API')
    .option('--wait <min-max>', `think time between a user's tasks, seconds, 0-${MAX_WAIT_SECONDS} (default 1-3)`, waitOption)
    .option('--image-size <px>', 'side of the generated PNGs, 8-4096 (default 1024, as Bedrock Nova Canvas makes them)', integerIn(8, 4096))
    .option('--report <file>', 'HTML report path (default <data>/reports/loadtest-<time>.html)')
    .option('--bucket <bucket>', 'artifact bucket of the local API')
    .option('--data <dir>', 'data folder of the local stack')
    .option('--json', 'print the result as JSON (last line)')
    .action(async (o: LoadtestOptions) => {
      const shape = shapeOf(o);
      const waitMs = o.wait ?? [1000, 3000];
      const imageSize = o.imageSize ?? 1024;
      if (o.target !== undefined && !/^https?:\/\//.test(o.target)) throw new CliFailure(`invalid --target ${JSON.stringify(o.target)}: an http(s) URL`, ExitCode.Usage);

      const local = o.target === undefined ? await startServe({ port: 0, logLevel: 'SILENT', mlServices: 'simulated', ...(o.bucket ? { bucket: o.bucket } : {}), ...(o.data ? { data: o.data } : {}) }, ctx) : undefined;
      const target = o.target ?? (local as NonNullable<typeof local>).url;
      const client = httpClient(target, { maxSockets: shape.users + 4, timeoutMs: 30_000 });
      const startedAt = new Date();
      let result: LoadTestResult;
      try {
        const workload = imageWorkload({ imageSize });
        ctx.out.note(`load test on ${target}: ${describe(shape)}, think time ${waitMs[0] / 1000}-${waitMs[1] / 1000} s, ${imageSize}px PNGs`);
        await workload.seed(client, 5);
        result = await runLoadTest({
          shape,
          tasks: workload.tasks,
          client,
          waitMs,
          onSecond: (s) => {
            if (s.second % 10 === 9) ctx.out.note(`${s.second + 1}s: ${s.users} users, ${s.requests} req/s, ${s.errors} errors`);
          },
        });
      } finally {
        client.close();
        await local?.close();
      }
      const report = path.resolve(ctx.cwd, o.report ?? path.join(dataDirOf(o, ctx), 'reports', `loadtest-${startedAt.toISOString().replace(/[:.]/g, '-')}.html`));
      await mkdir(path.dirname(report), { recursive: true });
      await writeFile(report, htmlReport(result, { target, startedAt, shape: describe(shape) }));

      // The view's two halves are listed beside the tasks (assignment_image_url, the key the JSON
      // has always had, and view_image_download); throughput and error rate count tasks only.
      const measured = { ...result.operations, ...result.steps };
      if (o.json) {
        const operations = Object.fromEntries(Object.entries(measured).map(([name, s]) => [name, { count: s.count, errors: s.errors, p50: s.p50, p95: s.p95, p99: s.p99 }]));
        ctx.out.json({ operations, throughput: result.throughput, errorRate: result.errorRate, report });
      } else {
        const rows = Object.entries(measured).map(([name, s]) => [name in result.steps ? `  ${name} (part of the view)` : name, String(s.count), String(s.errors), String(s.p50), String(s.p95), String(s.p99)]);
        ctx.out.line(table(rows, ['operation', 'count', 'errors', 'p50 ms', 'p95 ms', 'p99 ms']));
        ctx.out.line(`${result.requests} requests in ${result.durationSeconds} s: ${result.throughput} req/s, error rate ${(result.errorRate * 100).toFixed(2)}%\nreport: ${report}`);
      }
      for (const e of result.errorSamples) ctx.out.note(`error: ${e}`);
      if (result.errorRate > MAX_ERROR_RATE) throw new CliFailure(`error rate ${(result.errorRate * 100).toFixed(2)}% is above ${MAX_ERROR_RATE * 100}%`, ExitCode.Findings);
    });
}

/** The scenario's shape (or the default), with what the flags override. */
function shapeOf(o: LoadtestOptions): LoadShape {
  const base = o.scenario === undefined ? DEFAULT_SHAPE : SCENARIOS[o.scenario];
  const users = o.users ?? base.users;
  return {
    users,
    spawnRate: o.spawnRate ?? base.spawnRate,
    durationSeconds: o.duration ?? base.durationSeconds,
    initialUsers: Math.min(users, base.initialUsers),
  };
}

function describe(s: LoadShape): string {
  return `${s.initialUsers > 0 ? `${s.initialUsers} users at once, then ` : ''}up to ${s.users} users at ${s.spawnRate}/s for ${s.durationSeconds} s`;
}

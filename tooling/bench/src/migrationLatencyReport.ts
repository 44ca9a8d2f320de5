// The latency benchmark's table: objects/s and requests per moved object by S3 operation for each
// tool and concurrency, edgecv's ratios to the peers at the same concurrency, and the targets of
// issue 16 §4 (edgecv <= 1.01 requests per object besides listing and batch deletes; >= 2x rclone).
import type { EdgecvPhases } from './migrationEdgecv';

export interface LatencyMeasurement {
  readonly tool: string;
  readonly concurrency: number;
  readonly settings: string;
  readonly seconds: number;
  readonly objects: number;
  readonly objectsPerSecond: number;
  /** Requests the proxy received during the move, by S3 operation. */
  readonly requests: Readonly<Record<string, number>>;
  readonly phases?: EdgecvPhases;
  /**
   * CPU seconds during the move: the tool's own processes (`client`; for the in-process diagnostics
   * that is in `benchProcess`, which also holds the proxy), and MinIO's.
   */
  readonly cpuSeconds?: { readonly client: number; readonly benchProcess: number; readonly minio: number };
}

export interface LatencyBenchResult {
  readonly objects: number;
  readonly latencyMs: number;
  readonly versions: Readonly<Record<string, string>>;
  readonly load: readonly { readonly at: string; readonly loadavg: readonly number[] }[];
  readonly measurements: readonly LatencyMeasurement[];
}

export const LATENCY_TARGETS = { perObjectBesidesListAndBatchDelete: 1.01, vsRclone: 2 } as const;
/** The share a move spends on listing and on batch deletes, reported apart (it shrinks with 1,000 keys a request). */
const SHARED = new Set(['ListObjectsV2', 'ListObjects', 'ListObjectVersions', 'DeleteObjects']);

export function perObject(m: LatencyMeasurement): { total: number; besidesListAndBatchDelete: number; byOperation: Record<string, number> } {
  const byOperation = Object.fromEntries(Object.entries(m.requests).map(([op, n]) => [op, n / m.objects]));
  const total = Object.values(m.requests).reduce((a, b) => a + b, 0);
  const own = Object.entries(m.requests)
    .filter(([op]) => !SHARED.has(op))
    .reduce((a, [, n]) => a + n, 0);
  return { total: total / m.objects, besidesListAndBatchDelete: own / m.objects, byOperation };
}

export function renderLatencyReport(r: LatencyBenchResult): { json: unknown; markdown: string } {
  const rows = r.measurements.map((m) => ({ ...m, perObject: perObject(m) }));
  const at = (tool: string, c: number) => r.measurements.find((m) => m.tool === tool && m.concurrency === c);
  const concurrencies = [...new Set(r.measurements.map((m) => m.concurrency))];
  const ratios = concurrencies.map((c) => {
    const e = at('edgecv', c);
    const rc = at('rclone', c);
    const aws = at('aws', c);
    return {
      concurrency: c,
      vsRclone: e && rc ? e.objectsPerSecond / rc.objectsPerSecond : NaN,
      vsAws: e && aws ? e.objectsPerSecond / aws.objectsPerSecond : NaN,
      edgecvBesidesListAndBatchDelete: e ? perObject(e).besidesListAndBatchDelete : NaN,
    };
  });
  const json = { objects: r.objects, latencyMs: r.latencyMs, versions: r.versions, load: r.load, targets: LATENCY_TARGETS, ratios, rows };
  const verdict = (ok: boolean, x: number): string => (Number.isNaN(x) ? 'n/a' : ok ? 'met' : 'missed');
  const ops = (p: Record<string, number>): string =>
    Object.entries(p)
      .sort(([, a], [, b]) => b - a)
      .map(([op, x]) => `${op} ${x < 0.01 ? x.toFixed(4) : x.toFixed(3)}`)
      .join(', ');
  const cpu = (m: LatencyMeasurement): string =>
    m.cpuSeconds ? [m.cpuSeconds.client, m.cpuSeconds.minio, m.cpuSeconds.benchProcess].map((x) => ((x * 1000) / m.objects).toFixed(2)).join(', ') : '';
  const phases = (p?: EdgecvPhases): string => (p ? `plan ${p.plan.toFixed(1)}, run ${p.run.toFixed(1)}, cutover ${p.cutover.toFixed(1)}, cleanup ${p.cleanup.toFixed(1)}` : '');
  const md = [
    `# Migration at ${r.latencyMs} ms per request (${r.objects} objects of 1 KiB, MinIO behind a latency proxy on loopback, 2 shared cores, one run)`,
    '',
    `Load average (1, 5, 15 min): ${r.load.map((l) => `${l.at} ${l.loadavg.map((x) => x.toFixed(1)).join('/')}`).join('; ')}.`,
    `Versions: ${Object.entries(r.versions)
      .map(([k, v]) => `${k} \`${v}\``)
      .join(', ')}.`,
    '',
    '| tool | concurrency | settings | seconds | objects/s | requests per moved object | besides listing and batch deletes | by operation, per moved object | CPU ms per object: tool, MinIO, bench process (proxy) | edgecv phases, s |',
    '|---|---:|---|---:|---:|---:|---:|---|---|---|',
    ...rows.map(
      (m) =>
        `| ${m.tool} | ${m.concurrency} | ${m.settings} | ${m.seconds.toFixed(1)} | ${m.objectsPerSecond.toFixed(0)} | ${m.perObject.total.toFixed(3)} | ${m.perObject.besidesListAndBatchDelete.toFixed(3)} | ${ops(m.perObject.byOperation)} | ${cpu(m)} | ${phases(m.phases)} |`,
    ),
    '',
    '| concurrency | edgecv / rclone objects/s (target >= 2x) | edgecv / aws s3 mv | edgecv requests per object besides listing and batch deletes (target <= 1.01) |',
    '|---:|---|---|---|',
    ...ratios.map(
      (x) =>
        `| ${x.concurrency} | ${x.vsRclone.toFixed(2)}x: ${verdict(x.vsRclone >= LATENCY_TARGETS.vsRclone, x.vsRclone)} | ${x.vsAws.toFixed(2)}x | ${x.edgecvBesidesListAndBatchDelete.toFixed(3)}: ${verdict(x.edgecvBesidesListAndBatchDelete <= LATENCY_TARGETS.perObjectBesidesListAndBatchDelete, x.edgecvBesidesListAndBatchDelete)} |`,
    ),
    '',
  ].join('\n');
  return { json, markdown: md };
}

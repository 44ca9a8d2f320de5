// Turns the benchmark's measurements into medians, ratios and the markdown table: each tool is
// represented by its best setting (highest median), and ratios are taken within each round (the
// peers ran minutes apart on the same loaded machine) and reported as their median.
import type { EdgecvPhases } from './migrationEdgecv';

export interface Measurement {
  readonly round: number;
  readonly tool: string;
  readonly settings: string;
  readonly seconds: number;
  readonly objectsPerSecond: number;
  readonly moved: number;
  readonly phases?: EdgecvPhases;
}

export interface MigrationBenchResult {
  readonly objects: number;
  readonly rounds: number;
  readonly measurements: readonly Measurement[];
  /** os.loadavg() when the run ended (1, 5 and 15 minutes). */
  readonly loadavg?: readonly number[];
}

export const TARGETS = { vsRclone: 1.5, vsAwsCli: 3, ofRawLimit: 0.7, ofRawMove: 0.9 } as const;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

interface Row {
  readonly tool: string;
  readonly settings: string;
  readonly runs: readonly Measurement[];
  readonly medianObjectsPerSecond: number;
  readonly medianSeconds: number;
  readonly medianPhases?: EdgecvPhases;
}

export function renderMigrationReport(r: MigrationBenchResult): { json: unknown; markdown: string } {
  const groups = new Map<string, Measurement[]>();
  for (const m of r.measurements) {
    const key = `${m.tool}\u0000${m.settings}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const rows: Row[] = [...groups.values()].map((runs) => {
    const first = runs[0] as Measurement;
    const withPhases = runs.filter((m) => m.phases !== undefined).map((m) => m.phases as EdgecvPhases);
    return {
      tool: first.tool,
      settings: first.settings,
      runs,
      medianObjectsPerSecond: median(runs.map((m) => m.objectsPerSecond)),
      medianSeconds: median(runs.map((m) => m.seconds)),
      ...(withPhases.length > 0
        ? {
            medianPhases: {
              plan: median(withPhases.map((p) => p.plan)),
              run: median(withPhases.map((p) => p.run)),
              cutover: median(withPhases.map((p) => p.cutover)),
              cleanup: median(withPhases.map((p) => p.cleanup)),
            },
          }
        : {}),
    };
  });
  const best = new Map<string, Row>();
  for (const row of rows) {
    const b = best.get(row.tool);
    if (b === undefined || row.medianObjectsPerSecond > b.medianObjectsPerSecond) best.set(row.tool, row);
  }
  const inRound = (round: number, tool: string): number | undefined => {
    const row = best.get(tool);
    return r.measurements.find((m) => m.round === round && m.tool === tool && m.settings === row?.settings)?.objectsPerSecond;
  };
  const ratio = (peer: string): { perRound: number[]; median: number } => {
    const perRound: number[] = [];
    for (let round = 1; round <= r.rounds; round++) {
      const e = inRound(round, 'edgecv');
      const p = inRound(round, peer);
      if (e !== undefined && p !== undefined) perRound.push(e / p);
    }
    return { perRound, median: median(perRound) };
  };
  const ratios = { vsRclone: ratio('rclone move'), vsAwsCli: ratio('aws s3 mv --recursive'), ofRawLimit: ratio('raw CopyObject'), ofRawMove: ratio('raw copy + batch delete') };
  const json = {
    objects: r.objects,
    rounds: r.rounds,
    ...(r.loadavg ? { loadavg: r.loadavg } : {}),
    rows: rows.map(({ runs, ...row }) => ({ ...row, objectsPerSecondByRound: runs.map((m) => m.objectsPerSecond) })),
    best: Object.fromEntries([...best].map(([tool, row]) => [tool, { settings: row.settings, medianObjectsPerSecond: row.medianObjectsPerSecond }])),
    ratios,
    targets: TARGETS,
    measurements: r.measurements,
  };
  const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
  const verdict = (x: number, target: number): string => (Number.isNaN(x) ? 'n/a' : x >= target ? 'met' : 'missed');
  const phases = (p?: EdgecvPhases): string => (p ? `plan ${p.plan.toFixed(1)}, run ${p.run.toFixed(1)}, cutover ${p.cutover.toFixed(1)}, cleanup ${p.cleanup.toFixed(1)}` : '');
  const md = [
    `# Migration benchmark (${r.objects} objects of 1 KiB, MinIO on loopback, 2 shared cores, median of ${r.rounds} rounds)`,
    '',
    '| tool | settings | objects/s (median) | per round | seconds (median) | edgecv phases, s (median) |',
    '|---|---|---:|---|---:|---|',
    ...rows.map(
      (row) =>
        `| ${row.tool} | ${row.settings} | ${row.medianObjectsPerSecond.toFixed(0)} | ${row.runs.map((m) => m.objectsPerSecond.toFixed(0)).join(', ')} | ${row.medianSeconds.toFixed(1)} | ${phases(row.medianPhases)} |`,
    ),
    '',
    '| ratio (best setting of each tool, same round; median over rounds) | value | per round | target | |',
    '|---|---:|---|---:|---|',
    `| edgecv / rclone move | ${ratios.vsRclone.median.toFixed(2)}x | ${ratios.vsRclone.perRound.map((x) => x.toFixed(2)).join(', ')} | ${TARGETS.vsRclone}x | ${verdict(ratios.vsRclone.median, TARGETS.vsRclone)} |`,
    `| edgecv / aws s3 mv | ${ratios.vsAwsCli.median.toFixed(2)}x | ${ratios.vsAwsCli.perRound.map((x) => x.toFixed(2)).join(', ')} | ${TARGETS.vsAwsCli}x | ${verdict(ratios.vsAwsCli.median, TARGETS.vsAwsCli)} |`,
    `| edgecv / raw CopyObject | ${pct(ratios.ofRawLimit.median)} | ${ratios.ofRawLimit.perRound.map(pct).join(', ')} | ${pct(TARGETS.ofRawLimit)} | ${verdict(ratios.ofRawLimit.median, TARGETS.ofRawLimit)} |`,
    `| edgecv move / raw copy + batch delete | ${pct(ratios.ofRawMove.median)} | ${ratios.ofRawMove.perRound.map(pct).join(', ')} | ${pct(TARGETS.ofRawMove)} | ${verdict(ratios.ofRawMove.median, TARGETS.ofRawMove)} |`,
    '',
    ...(r.loadavg ? [`Load average when the run ended (1, 5, 15 min): ${r.loadavg.map((x) => x.toFixed(1)).join(', ')}.`, ''] : []),
  ].join('\n');
  return { json, markdown: md };
}

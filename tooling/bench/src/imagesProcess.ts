// Runs one benchmark command and measures it from the outside: wall time, CPU time (user + sys
// of the whole tree, from GNU time: the figure that holds up when other work shares the cores),
// and peak resident memory of the whole process tree (Pillow's pool, xargs' children), sampled
// from /proc.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Processes that are tooling, not the tool (tsx's esbuild transform service, GNU time itself). */
const IGNORED = new Set(['esbuild', 'time']);

function treeRssBytes(root: number): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      if (IGNORED.has(comm)) continue;
      parent.set(Number(entry), Number(fields[1]));
      rss.set(Number(entry), Number(fields[21]) * 4096);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  for (const [pid, bytes] of rss) {
    for (let p: number | undefined = pid, depth = 0; p !== undefined && p > 1 && depth < 20; p = parent.get(p), depth++) {
      if (p === root) {
        total += bytes;
        break;
      }
    }
  }
  return total;
}

export interface Measured {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssBytes: number;
}

export function measure(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const dir = mkdtempSync(path.join(tmpdir(), 'edgecv-measure-'));
    const timeFile = path.join(dir, 'time');
    const child = spawn('/usr/bin/time', ['-f', '%U %S', '-o', timeFile, command, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    let peak = 0;
    const sample = () => {
      if (child.pid !== undefined) peak = Math.max(peak, treeRssBytes(child.pid));
    };
    const timer = setInterval(sample, 50);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let cpuSeconds = Number.NaN;
      try {
        const [user = Number.NaN, sys = Number.NaN] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
        cpuSeconds = user + sys;
      } catch {
        // reported as NaN
      }
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ seconds, cpuSeconds, peakRssBytes: peak });
    });
  });
}

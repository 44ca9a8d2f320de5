// CPU time of the benchmark's processes, to say where a move's time goes on a loaded machine:
// child tools run under `bash -c '...; times'` (the shell reports its children's user and system
// time), and a long-running server's CPU is read from /proc/PID/stat.
import { readFileSync } from 'node:fs';

/** CPU seconds used by every tool process started since the bench began (add up deltas around a move). */
export const childCpu = { seconds: 0 };

/** The command run by bash, which prints its children's CPU times on stderr last. */
export function withTimes(cmd: string, args: readonly string[]): [string, string[]] {
  return ['bash', ['-c', '"$@"; rc=$?; times >&2; exit $rc', 'bash', cmd, ...args]];
}

/** Adds what `times` printed at the end of `stderr` (the second line: the children) to childCpu. */
export function countTimes(stderr: string): void {
  const lines = [...stderr.matchAll(/(\d+)m([\d.]+)s (\d+)m([\d.]+)s/g)];
  const children = lines[lines.length - 1];
  if (children === undefined) return;
  const [, um, us, sm, ss] = children;
  childCpu.seconds += Number(um) * 60 + Number(us) + Number(sm) * 60 + Number(ss);
}

/** user + system CPU seconds of a running process (Linux; clock ticks of 1/100 s). */
export function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

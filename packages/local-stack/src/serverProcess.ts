import { EdgecvError } from '@edgecv/domain';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isProcessAlive } from './fileLock';
import { tail } from './runCommand';

export type ServerKind = 'moto' | 'mongodb';

export interface ServerSpec {
  kind: ServerKind;
  command: string;
  args: readonly string[];
  logFile: string;
  /** Detached servers outlive this process (own session, no pipes); foreground ones watch it. */
  detached: boolean;
  env: NodeJS.ProcessEnv;
  /** The port the server answers on once it is healthy; undefined while it is still starting. */
  probe: (log: () => Promise<string>) => Promise<number | undefined>;
  timeoutMs: number;
}

export interface ServerProcess {
  kind: ServerKind;
  pid: number;
  port: number;
  logFile: string;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 5_000;
const foreground = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Starts a server and waits until it answers real requests, or fails with its last log lines. */
export async function launchServer(spec: ServerSpec): Promise<ServerProcess> {
  await fsp.mkdir(path.dirname(spec.logFile), { recursive: true });
  // Keep the previous run's log: it is the one that explains why a server had to be restarted.
  await fsp.rename(spec.logFile, `${spec.logFile}.previous`).catch(() => undefined);
  const logFd = fs.openSync(spec.logFile, 'w');
  let child: ChildProcess;
  try {
    child = spawn(spec.command, [...spec.args], {
      stdio: ['ignore', logFd, logFd],
      detached: spec.detached,
      env: spec.env,
    });
  } finally {
    fs.closeSync(logFd);
  }
  let exit: string | undefined;
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = `exited with ${code ?? signal}`;
      resolve();
    });
    child.once('error', (error) => {
      spawnError = error;
      exit = `could not start: ${error.message}`;
      resolve();
    });
  });
  if (spec.detached) child.unref();
  else trackForeground(child);

  const readLog = () => fsp.readFile(spec.logFile, 'utf8').catch(() => '');
  const deadline = Date.now() + spec.timeoutMs;
  for (;;) {
    if (exit !== undefined || child.pid === undefined) {
      throw new ServerStartError(spec.kind, `${spec.command} ${exit ?? 'has no pid'}`, tail(await readLog(), 30), spawnError);
    }
    const port = await spec.probe(readLog);
    if (port !== undefined) {
      const pid = child.pid;
      return { kind: spec.kind, pid, port, logFile: spec.logFile, stop: () => stopChild(child, exited) };
    }
    if (Date.now() > deadline) {
      await stopChild(child, exited);
      throw new ServerStartError(spec.kind, `not healthy after ${spec.timeoutMs} ms`, tail(await readLog(), 30));
    }
    await sleep(150);
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const inTime = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS, false, { ref: false })]);
    if (!inTime) {
      child.kill('SIGKILL');
      await exited;
    }
  }
  foreground.delete(child);
}

/** Stops a server this process did not start (a detached one): SIGTERM, then SIGKILL after the grace period. */
export async function stopPid(pid: number): Promise<void> {
  if (!isProcessAlive(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + STOP_GRACE_MS;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return;
    await sleep(100);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  while (isProcessAlive(pid)) await sleep(50);
}

/**
 * The servers watch their parent pid; this hook is the quick path when this process exits
 * normally without stopping them (e.g. jest bailing out before its teardown).
 */
function trackForeground(child: ChildProcess): void {
  foreground.add(child);
  child.once('exit', () => foreground.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const running of foreground) running.kill('SIGTERM');
  });
}

/** True when the pid runs one of our servers, so a recycled pid is never signalled by mistake. */
export function isOurServer(pid: number, kind: ServerKind): boolean {
  if (!isProcessAlive(pid)) return false;
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return true; // No /proc (macOS): trust the pid, the health check still guards reuse.
  }
  return cmdline.includes(kind === 'moto' ? 'moto_launcher.py' : 'edgecv.localstack.Launcher');
}

export class ServerStartError extends EdgecvError {
  readonly code = 'LOCAL_STACK_START_FAILED';
  constructor(
    readonly service: ServerKind,
    readonly reason: string,
    readonly logTail: string,
    override readonly cause?: Error,
  ) {
    super(`${service} did not start: ${reason}\n--- last lines of its log ---\n${logTail}`);
    this.name = 'ServerStartError';
  }
}

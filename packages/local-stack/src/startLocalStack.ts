import fs from 'node:fs/promises';
import path from 'node:path';
import { ensureInstalled } from './ensureInstalled';
import { buildEndpoints, splitServices } from './buildEndpoints';
import { startMongo, startMoto } from './localServers';
import { defaultCacheDir } from './paths';
import type { ServerProcess } from './serverProcess';
import { SERVICE_NAMES, type LocalStackOptions, type ServiceName, type StackEndpoints } from './StackEndpoints';

export interface RunningStack {
  endpoints: StackEndpoints;
  stop(): Promise<void>;
}

/**
 * Starts the services the environment does not name, as children of this process: they stop
 * with stop(), and on their own when this process dies (tests, one-shot CLI commands).
 */
export async function startLocalStack(opts: LocalStackOptions): Promise<RunningStack> {
  const { servers, endpoints } = await launchStack(opts, false, SERVICE_NAMES);
  let stopped: Promise<void> | undefined;
  return {
    endpoints,
    stop: () => (stopped ??= Promise.all(servers.map((server) => server.stop())).then(() => undefined)),
  };
}

/** Starts moto and/or Mongo for the wanted services that the environment does not name. */
export async function launchStack(
  opts: LocalStackOptions,
  detached: boolean,
  wanted: readonly ServiceName[],
): Promise<{ servers: ServerProcess[]; endpoints: StackEndpoints }> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? (() => undefined);
  const cacheDir = opts.cacheDir ?? defaultCacheDir(env);
  const dataDir = path.resolve(opts.dataDir);
  const { local, needMoto, needMongo, credentials } = splitServices(env, wanted);

  await fs.mkdir(dataDir, { recursive: true });
  if (local.length > 0) await ensureInstalled({ cacheDir, log, env, services: local });

  const ctx = { cacheDir, dataDir, env, detached, region: credentials.region };
  const started = await Promise.allSettled([
    needMoto ? startMoto(ctx) : Promise.resolve(undefined),
    needMongo ? startMongo({ ...ctx, persistent: opts.persistent ?? detached }) : Promise.resolve(undefined),
  ]);
  const servers = started.flatMap((result) => (result.status === 'fulfilled' && result.value ? [result.value] : []));
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await Promise.all(servers.map((server) => server.stop()));
    throw failure.reason;
  }
  for (const server of servers) log(`${server.kind} started on port ${server.port} (pid ${server.pid}, log ${server.logFile})`);
  const ports = Object.fromEntries(servers.map((server) => [server.kind, server.port]));
  return { servers, endpoints: buildEndpoints(env, dataDir, ports) };
}

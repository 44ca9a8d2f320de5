// The stack behind `edgecv local start`: detached servers that outlive the command, found
// again through <dataDir>/stack.json by every later command that uses the same data dir.
import path from 'node:path';
import { buildEndpoints, splitServices } from './buildEndpoints';
import { ensureInstalled } from './ensureInstalled';
import { withFileLock } from './fileLock';
import { dynamoDbAnswers, s3Answers, tcpAnswers } from './healthChecks';
import { motoEndpoint, startMongo, startMoto } from './localServers';
import { defaultCacheDir } from './paths';
import { isOurServer, stopPid, type ServerKind } from './serverProcess';
import { SERVICE_NAMES, type LocalStackOptions, type ServiceName, type StackEndpoints } from './StackEndpoints';
import { readStackState, removeStackState, writeStackState, type StackState } from './stackState';

const SERVICE_SERVER: Record<ServiceName, ServerKind> = { s3: 'moto', dynamodb: 'moto', mongodb: 'mongodb' };

function lockDir(dataDir: string): string {
  return path.join(path.resolve(dataDir), '.stack.lock');
}

async function isHealthy(kind: ServerKind, server: { pid: number; port: number } | undefined, region: string): Promise<boolean> {
  if (!server || !isOurServer(server.pid, kind)) return false;
  if (kind === 'mongodb') return tcpAnswers('127.0.0.1', server.port);
  const endpoint = motoEndpoint(server.port);
  return (await s3Answers(endpoint)) && (await dynamoDbAnswers(endpoint, region));
}

/**
 * Starts, in the background, each service the environment does not name, reusing the servers
 * already running for this data dir when they answer. Safe to call from several processes at once.
 */
export async function startDetachedStack(opts: LocalStackOptions): Promise<{ endpoints: StackEndpoints; reused: boolean }> {
  const env = opts.env ?? process.env;
  const dataDir = path.resolve(opts.dataDir);
  const log = opts.log ?? (() => undefined);
  const cacheDir = opts.cacheDir ?? defaultCacheDir(env);
  const { local, needMoto, needMongo, credentials } = splitServices(env, SERVICE_NAMES);

  return withFileLock(
    lockDir(dataDir),
    async () => {
      const state = await readStackState(dataDir);
      const wanted: ServerKind[] = [...(needMoto ? ['moto' as const] : []), ...(needMongo ? ['mongodb' as const] : [])];
      const missing: ServerKind[] = [];
      for (const kind of wanted) {
        if (await isHealthy(kind, state.servers[kind], credentials.region)) continue;
        const stale = state.servers[kind];
        // A server that runs but does not answer is stuck: replace it rather than start a second one beside it.
        if (stale && isOurServer(stale.pid, kind)) await stopPid(stale.pid);
        delete state.servers[kind];
        missing.push(kind);
      }
      if (missing.length > 0) {
        await ensureInstalled({ cacheDir, log, env, services: local });
        const ctx = { cacheDir, dataDir, env, detached: true, region: credentials.region };
        const started = await Promise.allSettled(
          missing.map((kind) => (kind === 'moto' ? startMoto(ctx) : startMongo({ ...ctx, persistent: opts.persistent ?? true }))),
        );
        for (const result of started) {
          if (result.status !== 'fulfilled') continue;
          const server = result.value;
          state.servers[server.kind] = { pid: server.pid, port: server.port, logFile: server.logFile, startedAt: new Date().toISOString() };
          log(`${server.kind} started in the background on port ${server.port} (pid ${server.pid}, log ${server.logFile})`);
        }
        // Record what did start even when something failed, so `stop` can still find it.
        await writeStackState(dataDir, state);
        const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
        if (failure) throw failure.reason;
      }
      return {
        endpoints: buildEndpoints(env, dataDir, portsOf(state)),
        reused: wanted.length > 0 && missing.length === 0,
      };
    },
    { timeoutMs: 5 * 60_000, onWait: () => log(`waiting for another process starting the stack in ${dataDir}`) },
  );
}

/** Stops the background servers of this data dir; true when any of them was running. */
export async function stopDetachedStack(dataDir: string): Promise<boolean> {
  return withFileLock(lockDir(dataDir), async () => {
    const state = await readStackState(dataDir);
    let wasRunning = false;
    for (const [kind, server] of Object.entries(state.servers) as [ServerKind, { pid: number }][]) {
      if (!isOurServer(server.pid, kind)) continue;
      wasRunning = true;
      await stopPid(server.pid);
    }
    await removeStackState(dataDir);
    return wasRunning;
  });
}

/** Which services answer for this data dir, without starting anything. */
export async function detachedStackStatus(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ running: boolean; endpoints?: StackEndpoints; services: Record<ServiceName, 'up' | 'down' | 'external'> }> {
  const { external, credentials } = splitServices(env, SERVICE_NAMES);
  const state = await readStackState(dataDir);
  const healthy: Record<ServerKind, boolean> = {
    moto: await isHealthy('moto', state.servers.moto, credentials.region),
    mongodb: await isHealthy('mongodb', state.servers.mongodb, credentials.region),
  };
  const services = Object.fromEntries(
    SERVICE_NAMES.map((service) => [service, external[service] ? 'external' : healthy[SERVICE_SERVER[service]] ? 'up' : 'down']),
  ) as Record<ServiceName, 'up' | 'down' | 'external'>;
  const running = SERVICE_NAMES.some((service) => services[service] === 'up') && !Object.values(services).includes('down');
  return running ? { running, services, endpoints: buildEndpoints(env, path.resolve(dataDir), portsOf(state)) } : { running, services };
}

/**
 * What every command that touches a service calls: the environment's servers where it names
 * them, otherwise the data dir's background stack, started if it is not running.
 */
export async function resolveStack(
  opts: LocalStackOptions,
): Promise<{ endpoints: StackEndpoints; source: 'environment' | 'local-stack'; started: boolean }> {
  const env = opts.env ?? process.env;
  const { local } = splitServices(env, SERVICE_NAMES);
  if (local.length === 0) {
    return { endpoints: buildEndpoints(env, path.resolve(opts.dataDir), {}), source: 'environment', started: false };
  }
  const { endpoints, reused } = await startDetachedStack(opts);
  return { endpoints, source: 'local-stack', started: !reused };
}

function portsOf(state: StackState): { moto?: number; mongodb?: number } {
  return { moto: state.servers.moto?.port, mongodb: state.servers.mongodb?.port };
}

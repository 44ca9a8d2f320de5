import path from 'node:path';
import { freePort } from './freePort';
import { dynamoDbAnswers, s3Answers, tcpAnswers } from './healthChecks';
import { mongoInstallation } from './installMongo';
import { motoInstallation } from './installMoto';
import { launchServer, ServerStartError, type ServerProcess } from './serverProcess';

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 90_000;
const PORT_ATTEMPTS = 5;

export interface LaunchContext {
  cacheDir: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  detached: boolean;
  region: string;
}

export function motoEndpoint(port: number): string {
  return `http://${HOST}:${port}`;
}

export function mongoUri(port: number): string {
  return `mongodb://${HOST}:${port}/?directConnection=true`;
}

/** moto in server mode, one process for S3 and DynamoDB, on a free loopback port. */
export async function startMoto(ctx: LaunchContext): Promise<ServerProcess> {
  const moto = motoInstallation(ctx.cacheDir);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(HOST);
    const args = [moto.launcher, '--host', HOST, '--port', String(port)];
    if (!ctx.detached) args.push('--parent-pid', String(process.pid));
    try {
      return await launchServer({
        kind: 'moto',
        command: moto.python,
        args,
        logFile: path.join(ctx.dataDir, 'logs', 'moto.log'),
        detached: ctx.detached,
        env: { ...ctx.env, PYTHONUNBUFFERED: '1' },
        timeoutMs: START_TIMEOUT_MS,
        probe: async () => {
          const endpoint = motoEndpoint(port);
          return (await s3Answers(endpoint)) && (await dynamoDbAnswers(endpoint, ctx.region)) ? port : undefined;
        },
      });
    } catch (error) {
      // The port was free when we looked; someone else may have bound it since.
      const taken = error instanceof ServerStartError && /Address already in use/i.test(error.logTail);
      if (!taken || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

/**
 * mongo-java-server through our launcher. It binds port 0 itself and prints the port, so
 * there is no race to lose. Persistent stacks keep their data in an H2 file in the data dir.
 */
export async function startMongo(ctx: LaunchContext & { persistent: boolean }): Promise<ServerProcess> {
  const mongo = await mongoInstallation(ctx.cacheDir, ctx.env);
  const args = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xmx512m', '-cp', mongo.classpath, mongo.mainClass];
  args.push('--host', HOST, '--port', '0');
  if (ctx.persistent) args.push('--data-file', path.join(ctx.dataDir, 'mongodb', 'edgecv.mv'));
  if (!ctx.detached) args.push('--parent-pid', String(process.pid));
  return launchServer({
    kind: 'mongodb',
    command: mongo.java,
    args,
    logFile: path.join(ctx.dataDir, 'logs', 'mongodb.log'),
    detached: ctx.detached,
    env: ctx.env,
    timeoutMs: START_TIMEOUT_MS,
    probe: async (readLog) => {
      const match = /EDGECV_READY port=(\d+)/.exec(await readLog());
      if (!match?.[1]) return undefined;
      const port = Number(match[1]);
      return (await tcpAnswers(HOST, port)) ? port : undefined;
    },
  });
}

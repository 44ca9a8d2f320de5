// `edgecv serve`: the Lambdas' HTTP API on this machine, on the local stack (or the servers the
// environment names), through the very same handlers, as API Gateway v2 events.
import type { AddressInfo } from 'node:net';
import { type Command } from 'commander';
import { ROUTES, createLocalApi, portLogger, serveLogger, serveRuntime, type LogLevel } from '@edgecv/lambdas';
import { PORTAL_MOUNT, portalAssetsDir } from '@edgecv/portal';
import { type CliContext } from '../context';
import { CliFailure } from '../io/exitCodes';
import { integerIn, oneOf } from '../io/parse';
import { openEdgecv, type Edgecv, type ImageGenerator, type MlServices } from '../io/edgecv';
import type { StackOptions } from '../io/stack';

export interface ServeOptions extends StackOptions {
  port?: number;
  host?: string;
  bucket?: string;
  data?: string;
  logLevel?: LogLevel;
  emf?: boolean;
  mlServices?: MlServices;
  imageGenerator?: ImageGenerator;
  json?: boolean;
}

export interface RunningApi {
  readonly url: string;
  readonly edgecv: Edgecv;
  /** The portal's pages, when the portal is built. */
  readonly portalUrl?: string;
  close(): Promise<void>;
}

const LOG_LEVELS: readonly LogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'];
const ML_SERVICES: readonly MlServices[] = ['simulated', 'aws'];
const IMAGE_GENERATORS: readonly ImageGenerator[] = ['local', 'bedrock'];
/** The API only listens on loopback unless asked: it has no authentication. */
const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 3000;

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description(
      'serve the Lambda handlers over HTTP (API Gateway v2 events) on the local stack; OpenAPI at /openapi.json, health at /health. ' +
        'A local development server with NO AUTHENTICATION: anyone who can reach its port can call every route (start training, write results, store images), so it listens on 127.0.0.1 only unless --host says otherwise',
    )
    .option('--port <n>', `port, 0-65535 (default ${DEFAULT_PORT}; 0 for any free port)`, integerIn(0, 65535))
    .option('--host <host>', `interface to listen on (default ${DEFAULT_HOST}, loopback; any other address exposes an API without authentication, and serve warns)`)
    .option('--bucket <bucket>', 'artifact bucket (default: $EDGECV_ARTIFACT_BUCKET, else edgecv-artifacts)')
    .option('--data <dir>', 'data folder of the local stack (default: $EDGECV_HOME or .edgecv)')
    .option('--profile <name>', 'AWS profile of the shared config/credentials files (default: $AWS_PROFILE, else "default")')
    .option('--region <region>', "AWS region (default: $AWS_REGION, else the profile's region)")
    .option('--endpoint-url <url>', 'send every AWS request to this endpoint (S3, DynamoDB, STS), e.g. a server you run')
    .option('--local', 'use the embedded local stack (moto, MongoDB stand-in) whatever AWS configuration exists')
    .option('--ml-services <kind>', 'simulated or aws (default: simulated on the local stack, else $EDGECV_ML_SERVICES or aws)', oneOf(ML_SERVICES))
    .option('--image-generator <kind>', 'local or bedrock (default: local on the local stack, else $EDGECV_IMAGE_GENERATOR or bedrock)', oneOf(IMAGE_GENERATORS))
    .option('--log-level <level>', `handler logs on stdout: ${LOG_LEVELS.join(', ')}, any case (default WARN)`, oneOf(LOG_LEVELS, { ignoreCase: true }))
    .option('--emf', 'print CloudWatch EMF metrics as the Lambdas do')
    .option('--json', 'print the URL as a JSON line')
    .action(async (o: ServeOptions) => {
      const api = await startServe(o, ctx);
      if (o.json) ctx.out.json({ url: api.url, openapi: `${api.url}/openapi.json`, routes: ROUTES.length, authentication: 'none', ...(api.portalUrl ? { portal: api.portalUrl } : {}) });
      else ctx.out.line(`serving ${ROUTES.length} routes on ${api.url} with no authentication, for local development (OpenAPI ${api.url}/openapi.json, health ${api.url}/health${api.portalUrl ? `, portal ${api.portalUrl}` : ''}); Ctrl-C stops`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await api.close();
    });
}

/** Starts the API and returns once it listens; close() stops it and releases every connection. */
export async function startServe(o: ServeOptions, ctx: CliContext): Promise<RunningApi> {
  const port = o.port ?? DEFAULT_PORT;
  const logger = serveLogger(o.logLevel ?? 'WARN');
  const settings = { ...(o.mlServices ? { mlServices: o.mlServices } : {}), ...(o.imageGenerator ? { imageGenerator: o.imageGenerator } : {}) };
  const { edgecv, stack } = await openEdgecv(o, ctx, settings, { logger: portLogger(logger) });
  const source = stack.source;
  const mlServices = edgecv.config.edge.mlServices;
  const portal = portalAssetsDir();
  if (!portal) ctx.out.note('the portal is not built (pnpm --filter @edgecv/portal build): serving the API only');
  const server = createLocalApi({
    runtime: serveRuntime(edgecv, { logger, emf: o.emf ?? false }),
    ...(portal ? { staticSites: [{ mount: PORTAL_MOUNT, dir: portal }] } : {}),
    health: () => ({ bucket: edgecv.config.artifactBucket, mlServices, stack: source }),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, o.host ?? DEFAULT_HOST, () => resolve());
    });
  } catch (error) {
    await edgecv.close();
    throw new CliFailure(`cannot listen on ${o.host ?? DEFAULT_HOST}:${port}: ${(error as Error).message}`);
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  ctx.out.note(`ML services: ${mlServices}; image generator: ${edgecv.config.generation.generator}; bucket ${edgecv.config.artifactBucket}`);
  if (!isLoopback(address.address)) {
    ctx.out.note(
      `warning: listening on ${host}:${address.port}, beyond this machine's loopback, and edgecv serve has NO AUTHENTICATION: anyone who can reach this port can call every route (start training, write results, store images). Use the default --host ${DEFAULT_HOST} unless every host on that network is trusted.`,
    );
  }
  return {
    url: `http://${host}:${address.port}`,
    ...(portal ? { portalUrl: `http://${host}:${address.port}${PORTAL_MOUNT}` } : {}),
    edgecv,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await edgecv.close();
    },
  };
}

/** 127.0.0.0/8 and ::1 (also as an IPv4-mapped IPv6 address): reachable from this machine only. */
export function isLoopback(address: string): boolean {
  const v4 = address.replace(/^::ffff:/i, '');
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}

// `edgecv local start|stop|status`: the embedded servers, in the background, per data folder.
import { type Command } from 'commander';
import { detachedStackStatus, startDetachedStack, stopDetachedStack } from '@edgecv/local-stack';
import { type CliContext } from '../context';
import { dataDirOf, describeStack } from '../io/stack';
import { CliFailure, ExitCode } from '../io/exitCodes';

interface LocalOptions {
  data?: string;
  json?: boolean;
}

export function registerLocal(program: Command, ctx: CliContext): void {
  const local = program.command('local').description('start, stop and inspect the embedded local stack (moto S3 + DynamoDB, MongoDB stand-in)');

  local
    .command('start')
    .description('start the local stack in the background, reusing it when it already runs for this data folder')
    .option('--data <dir>', 'data folder of the stack (default: $EDGECV_HOME or .edgecv)')
    .option('--json', 'print the endpoints as JSON')
    .action(async (options: LocalOptions) => {
      const dataDir = dataDirOf(options, ctx);
      const { endpoints, reused } = await startDetachedStack({ dataDir, env: ctx.env, log: (l) => ctx.out.note(l) });
      ctx.out.note(describeStack(endpoints, 'local-stack', !reused));
      const { external: _external, ...printed } = endpoints;
      if (options.json) ctx.out.json(printed);
      else {
        ctx.out.line(`local stack ${reused ? 'already running' : 'started'} in ${endpoints.dataDir}`);
        ctx.out.line(`  s3        ${endpoints.s3}`);
        ctx.out.line(`  dynamodb  ${endpoints.dynamodb}`);
        ctx.out.line(`  mongodb   ${endpoints.mongodb}`);
        ctx.out.line(`  region    ${endpoints.region}`);
        ctx.out.line('use it from another shell with:');
        ctx.out.line(`  export AWS_ENDPOINT_URL_S3=${endpoints.s3} AWS_ENDPOINT_URL_DYNAMODB=${endpoints.dynamodb} MONGODB_URI=${endpoints.mongodb}`);
        ctx.out.line(`  export AWS_REGION=${endpoints.region} AWS_ACCESS_KEY_ID=${endpoints.accessKeyId} AWS_SECRET_ACCESS_KEY=${endpoints.secretAccessKey}`);
      }
    });

  local
    .command('stop')
    .description('stop the local stack of this data folder')
    .option('--data <dir>', 'data folder of the stack (default: $EDGECV_HOME or .edgecv)')
    .option('--json', 'print {"stopped": boolean, "dataDir"} as JSON')
    .action(async (options: LocalOptions) => {
      const dataDir = dataDirOf(options, ctx);
      const stopped = await stopDetachedStack(dataDir);
      if (options.json) ctx.out.json({ stopped, dataDir });
      else ctx.out.line(stopped ? `stopped the local stack in ${dataDir}` : `no local stack was running in ${dataDir}`);
    });

  local
    .command('status')
    .description('is the local stack of this data folder running, and where')
    .option('--data <dir>', 'data folder of the stack (default: $EDGECV_HOME or .edgecv)')
    .option('--json', 'print the status as JSON')
    .action(async (options: LocalOptions) => {
      const dataDir = dataDirOf(options, ctx);
      const status = await detachedStackStatus(dataDir, ctx.env);
      if (options.json) {
        const endpoints = status.endpoints ? (({ external: _e, ...rest }) => rest)(status.endpoints) : undefined;
        ctx.out.json({ running: status.running, dataDir, services: status.services, ...(endpoints ? { endpoints } : {}) });
      } else {
        ctx.out.line(`local stack in ${dataDir}: ${status.running ? 'running' : 'not running'}`);
        for (const [name, state] of Object.entries(status.services)) {
          const where = status.endpoints ? ` ${status.endpoints[name as 's3' | 'dynamodb' | 'mongodb']}` : '';
          ctx.out.line(`  ${name.padEnd(9)} ${state}${state === 'up' ? where : ''}`);
        }
      }
      if (!status.running) throw new CliFailure('', ExitCode.Findings);
    });
}

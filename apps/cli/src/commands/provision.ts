// `edgecv provision`: the buckets and tables edgecv needs, created on the target when missing
// (the same TABLE_DEFINITIONS the CDK app deploys), reporting what it created and what existed.
// Beyond the local stack it only looks, unless --yes: in AWS the CDK app is the way.
import { type Command } from 'commander';
import { type CliContext } from '../context';
import { isLocalTarget } from '../io/config';
import { ProvisionRefusedError } from '../io/confirm';
import { openEdgecv, type ProvisionResult } from '../io/edgecv';
import { table } from '../io/output';

interface ProvisionOptions {
  bucket?: string;
  tables?: boolean;
  yes?: boolean;
  data?: string;
  json?: boolean;
}

export function registerProvision(program: Command, ctx: CliContext): void {
  program
    .command('provision')
    .description(
      "create edgecv's buckets and tables on the target when missing (the tables the CDK app deploys), idempotently, and report what was created and what existed. " +
        'Without --bucket or --tables: the artifact bucket, the images bucket when it differs, and every table',
    )
    .option('--bucket <bucket>', 'this bucket (default: $EDGECV_ARTIFACT_BUCKET and $EDGECV_IMAGES_BUCKET); alone, only the bucket')
    .option('--tables', 'the tables; alone, only the tables')
    .option('--yes', 'create on a target other than the local stack (servers you run); in AWS deploy the CDK app instead')
    .option('--data <dir>', 'data folder of the local stack (default: $EDGECV_HOME or .edgecv)')
    .option('--json', 'print {"created":[{"kind","name"}],"existed":[...],"missing":[...]} (kind: bucket or table)')
    .action(async (o: ProvisionOptions) => {
      const everything = o.bucket === undefined && o.tables !== true;
      const { edgecv, stack } = await openEdgecv(o, ctx, {}, {}, { provision: false });
      // Each service on its own: the environment may name its own S3 beside the local stack's tables.
      const create = (service: 's3' | 'dynamodb') => isLocalTarget(stack, [service]) || o.yes === true;
      let buckets: ProvisionResult | undefined;
      let tables: ProvisionResult | undefined;
      try {
        if (everything || o.bucket !== undefined) buckets = await edgecv.provision({ s3: true, dynamodb: false, imagesBucket: everything, create: create('s3') });
        if (everything || o.tables === true) tables = await edgecv.provision({ s3: false, dynamodb: true, create: create('dynamodb') });
      } finally {
        await edgecv.close();
      }
      const result = {
        created: [...(buckets?.created ?? []), ...(tables?.created ?? [])],
        existed: [...(buckets?.existed ?? []), ...(tables?.existed ?? [])],
        missing: [...(buckets?.missing ?? []), ...(tables?.missing ?? [])],
      };
      if (o.json) ctx.out.json(result);
      else {
        const rows = [
          ...result.created.map((r) => [r.kind, r.name, 'created']),
          ...result.existed.map((r) => [r.kind, r.name, 'existed']),
          ...result.missing.map((r) => [r.kind, r.name, 'missing']),
        ];
        ctx.out.line(table(rows, ['kind', 'name', 'state']));
      }
      if (result.missing.length > 0) throw new ProvisionRefusedError(result.missing);
    });
}

// `edgecv layout ...`: where an artifact lives in the layout, computed by the domain's builders.
import { type Command } from 'commander';
import { DATASET_TYPES, JobS3Prefix, S3PathBuilder, S3PathConfig, type DatasetType } from '@edgecv/domain';
import { type CliContext } from '../context';
import { jobIdOption, oneOf } from '../io/parse';

interface WithBucket {
  bucket: string;
  prefix?: string;
  json?: boolean;
}

function builder(options: WithBucket): S3PathBuilder {
  return new S3PathBuilder(S3PathConfig.create({ bucket: options.bucket, prefix: options.prefix ?? '' }));
}

function print(ctx: CliContext, options: { json?: boolean }, uri: string, fields: Record<string, unknown>): void {
  if (options.json) ctx.out.json({ ...fields, uri });
  else ctx.out.line(uri);
}

const bucketOptions = (cmd: Command) =>
  cmd
    .requiredOption('--bucket <bucket>', 'artifact bucket')
    .option('--prefix <prefix>', 'optional prefix inside the bucket, e.g. team-a (segments of [A-Za-z0-9._-], no leading "/")')
    .option('--json', 'print {"uri", ...inputs} as JSON');

export function registerLayout(program: Command, ctx: CliContext): void {
  const layout = program.command('layout').description('print where an artifact lives in the edgecv layout');

  layout
    .command('job-prefix')
    .description("the prefix of every artifact of a job: jobs/{id}/{yyyy}/{mm}/{dd}/{HHMMSS}, from the job's created_at in UTC")
    .requiredOption('--job-id <id>', 'job id (a positive integer)', jobIdOption)
    .requiredOption('--created-at <iso8601>', "the job's created_at, ISO 8601 with an offset or Z")
    .option('--json', 'print {"jobId", "createdAt", "prefix"} as JSON')
    .action((options: { jobId: number; createdAt: string; json?: boolean }) => {
      const prefix = JobS3Prefix.fromJob({ id: options.jobId, createdAt: options.createdAt });
      if (options.json) ctx.out.json({ jobId: prefix.jobId, createdAt: prefix.timestamp.toISOString(), prefix: prefix.basePrefix });
      else ctx.out.line(prefix.basePrefix);
    });

  bucketOptions(
    layout
      .command('training')
      .description('the output folder of a training job: models/training/{job}/')
      .requiredOption('--job <name>', 'training job name'),
  ).action((options: WithBucket & { job: string }) => {
    print(ctx, options, builder(options).trainingOutputPath(options.job).toString(), { job: options.job });
  });

  bucketOptions(
    layout
      .command('compilation')
      .description('the output folder of a compilation job, or of one target: models/compilation/{job}/[{target}/]')
      .requiredOption('--job <name>', 'compilation job name')
      .option('--target <target>', 'Neo target device, e.g. jetson_nano'),
  ).action((options: WithBucket & { job: string; target?: string }) => {
    const uri = builder(options).compilationOutputPath(options.job, options.target).toString();
    print(ctx, options, uri, { job: options.job, ...(options.target ? { target: options.target } : {}) });
  });

  bucketOptions(
    layout
      .command('deployment')
      .description('the folder of a deployment: deployments/{name}/')
      .requiredOption('--name <name>', 'deployment name'),
  ).action((options: WithBucket & { name: string }) => {
    print(ctx, options, builder(options).deploymentPath(options.name).toString(), { name: options.name });
  });

  bucketOptions(
    layout
      .command('dataset')
      .description('the folder of a dataset type: datasets/{raw|manifests|labeled}/')
      .requiredOption('--type <type>', DATASET_TYPES.join(', '), oneOf(DATASET_TYPES)),
  ).action((options: WithBucket & { type: DatasetType }) => {
    print(ctx, options, builder(options).datasetPath(options.type).toString(), { type: options.type });
  });
}


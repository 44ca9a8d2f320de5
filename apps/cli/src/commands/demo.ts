// `edgecv demo` (what `npm start` runs): the platform on the embedded local stack, end to end,
// with sample data. Each step calls the same use cases the other commands call.
import { type Command } from 'commander';
import { JobS3Prefix, PathResolver, S3PathBuilder, S3PathConfig, RunId } from '@edgecv/domain';
import { type CliContext } from '../context';
import { table } from '../io/output';
import { openEdgecv } from '../io/edgecv';

interface DemoOptions {
  data?: string;
  bucket?: string;
  json?: boolean;
}

const SAMPLE_LEGACY_KEYS = [
  'datasets//training-output/yolo-defects-7/output/model.tar.gz',
  'datasets/compilation-output/yolo-defects-7-neo/model-jetson_nano.tar.gz',
  'models/compilation/yolo-defects-7-neo/model-jetson_xavier.tar.gz',
  'datasets/train.manifest',
  'datasets/line-3 photos/img 001+a%20b.jpg',
  'packaged-models/line-3/config.json',
  'results/job_12/run_4.zip',
  'generated_images/4711.png',
];

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('run the edgecv demo on the local stack: provision, show the layout, convert legacy keys')
    .option('--data <dir>', 'data folder of the local stack (default: $EDGECV_HOME or .edgecv)')
    .option('--bucket <bucket>', 'artifact bucket (default: $EDGECV_ARTIFACT_BUCKET or edgecv-artifacts)')
    .option('--json', 'print a JSON summary at the end')
    .action(async (options: DemoOptions) => {
      const say = (text = '') => (options.json ? ctx.out.note(text) : ctx.out.line(text));
      const edgecv = await openEdgecv(options, ctx);
      try {
        say('== 1. Provision the artifact bucket and the tables');
        const provisioned = await edgecv.provision();
        say(`bucket ${provisioned.bucket} ${provisioned.createdBucket ? 'created' : 'already there'}`);
        say(`tables ${provisioned.tables.map((t) => `${t.name}${t.created ? '' : ' (existing)'}`).join(', ')}`);

        say('');
        say('== 2. The layout of a sample job');
        const builder = new S3PathBuilder(S3PathConfig.create({ bucket: provisioned.bucket }));
        const job = { id: 12, createdAt: '2025-10-23T21:15:00Z' };
        const prefix = JobS3Prefix.fromJob(job);
        const run = RunId.parse(4);
        const layout: [string, string][] = [
          ['training output', builder.trainingOutputPath('yolo-defects-7').toString()],
          ['trained model', builder.uriOf(builder.trainingModelKey('yolo-defects-7')).toString()],
          ['compiled model', builder.uriOf(builder.compiledModelKey('yolo-defects-7-neo', 'jetson_nano')).toString()],
          ['deployment', builder.deploymentPath('line-3').toString()],
          ['raw dataset', builder.datasetPath('raw').toString()],
          [`job ${job.id} prefix`, prefix.basePrefix],
          ['job config', prefix.jobConfigKey().value],
          [`run ${run} results`, prefix.runResultsKey(run).value],
        ];
        say(table(layout));

        say('');
        say('== 3. Legacy keys and what the migration makes of them');
        const resolver = new PathResolver(S3PathConfig.create({ bucket: provisioned.bucket }));
        const lookup = (jobId: number) => (jobId === job.id ? new Date(job.createdAt) : undefined);
        const conversions = SAMPLE_LEGACY_KEYS.map((key) => resolver.convertLegacyPath(key, lookup));
        say(
          table(
            conversions.map((c) => [c.input, c.status === 'converted' ? c.output : c.status, c.status === 'converted' ? c.rule : '']),
            ['legacy key', 'new key', 'rule'],
          ),
        );
        if (options.json) {
          ctx.out.json({ provisioned, layout: Object.fromEntries(layout), conversions: conversions.map((c) => ({ input: c.input, status: c.status, ...(c.status === 'converted' ? { output: c.output, rule: c.rule } : {}) })) });
        }
      } finally {
        await edgecv.close();
      }
    });
}

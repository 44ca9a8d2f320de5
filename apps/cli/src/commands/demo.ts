// `edgecv demo` (what `npm start` runs): the migration on the embedded local stack, end to end.
// It seeds a legacy bucket with the records that point into it, shows what validation finds,
// plans, runs, cuts over, cleans up and validates again. Each step is the use case the
// corresponding command calls. Every run uses its own bucket and tables, so it can be repeated.
import { type Command } from 'commander';
import { type CliContext } from '../context';
import { openEdgecv } from '../io/edgecv';
import { table } from '../io/output';
import { dataDirOf } from '../io/stack';
import { formatValidationReport } from '../io/validationReport';
import path from 'node:path';

interface DemoOptions {
  data?: string;
  json?: boolean;
}

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('the migration demo, always on the embedded local stack (whatever AWS configuration exists): seed a legacy bucket, validate, plan, run, cut over, clean up, validate')
    .option('--data <dir>', 'data folder of the local stack (default: $EDGECV_HOME or .edgecv)')
    .option('--json', 'print a JSON summary at the end (the narrative goes to stderr)')
    .action(async (options: DemoOptions) => {
      const say = (text = '') => (options.json ? ctx.streams.stderr.write(`${text}\n`) : ctx.out.line(text));
      const started = Date.now();
      const run = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
      const bucket = `edgecv-demo-${run}`;
      // Its own MongoDB database too: assignments left in the stack by `images` commands would otherwise
      // count as references into the demo bucket (the images bucket defaults to the artifact bucket).
      // Always the embedded stack: a demo never touches what an AWS profile or the environment points at.
      const { edgecv } = await openEdgecv(options, ctx, { artifactBucket: bucket, mongodbDatabase: bucket, dynamodb: { tablePrefix: `edgecv-demo-${run}-` } }, {}, { forceLocal: true });
      try {
        await edgecv.provision({ bucket });
        say(`== 1. Seed s3://${bucket} as the old Lambdas left it`);
        const seeded = await edgecv.demo.seedLegacyBucket.execute({ bucket });
        say(`${seeded.objects} objects and ${seeded.records} DynamoDB records (training, compilation, deployment) pointing at legacy keys`);

        say('\n== 2. Validate: what is wrong with it');
        const before = await edgecv.migration.validate({ bucket });
        say(formatValidationReport(before));

        const journal = path.join(dataDirOf(options, ctx), 'migrations', `${bucket}.jsonl`);
        say(`\n== 3. Plan into ${journal}`);
        const plan = await edgecv.migration.plan({ bucket, journal });
        say(table(Object.entries(plan.byRule).map(([rule, n]) => [rule, String(n)]), ['rule', 'keys']));
        say(`${plan.planned} move(s) planned, ${plan.byStatus.conforming} key(s) already conforming, ${plan.collisions} collision(s)`);

        say('\n== 4. Run: server-side copy, verified, journaled');
        const moved = await edgecv.migration.run({ journal });
        say(`${moved.verified} object(s) copied and verified in ${(moved.elapsedMs / 1000).toFixed(2)} s`);

        say('\n== 5. Cut over the references (conditional writes)');
        const cut = await edgecv.migration.cutover({ journal });
        say(`${cut.updated} of ${cut.references} reference(s) now point at the new layout`);

        say('\n== 6. Clean up the sources (refused unless the migration validates)');
        const cleaned = await edgecv.migration.cleanup({ journal });
        say(`${cleaned.deleted} legacy object(s) deleted`);

        say('\n== 7. Validate again');
        const after = await edgecv.migration.validate({ bucket });
        say(formatValidationReport(after));

        say('\n== 8. Where a job keeps its artifacts (from job.created_at, UTC)');
        const where = seeded.layout;
        say(
          table([
            ['training output', where.trainingOutput],
            ['compiled model', where.compiledModel],
            ['deployment', where.deploymentFolder],
            [`job ${seeded.jobId}`, where.jobPrefix],
            [`run ${where.runId} results`, where.runResults],
          ]),
        );
        const summary = {
          bucket,
          journal,
          seeded: { objects: seeded.objects, records: seeded.records },
          before: { ok: before.ok, counts: before.counts },
          planned: plan.planned,
          moved: moved.verified,
          referencesCutOver: cut.updated,
          sourcesDeleted: cleaned.deleted,
          after: { ok: after.ok, counts: after.counts },
          seconds: (Date.now() - started) / 1000,
        };
        say(`\ndone in ${summary.seconds.toFixed(1)} s: ${summary.moved} object(s) moved, ${summary.referencesCutOver} reference(s) cut over, bucket ${after.ok ? 'validates' : 'still has problems'}`);
        if (options.json) ctx.out.json(summary);
      } finally {
        await edgecv.close();
      }
    });
}

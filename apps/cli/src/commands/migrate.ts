// `edgecv migrate ...` and `edgecv validate`: each verb is one migration use case.
import path from 'node:path';
import { type Command } from 'commander';
import { type CliContext } from '../context';
import { MIGRATION_TABLES, checkTarget, openEdgecv, withEdgecv, type CommandNeeds, type Edgecv, type ServiceOptions } from '../io/edgecv';
import { confirmDestructive, type DestructiveStep } from '../io/confirm';
import { dataDirOf, targetOptions } from '../io/stack';
import { table } from '../io/output';
import { progressBar } from '../io/progress';
import { CliFailure, ExitCode } from '../io/exitCodes';
import { integerIn, numberIn, oneOf, prefixOption } from '../io/parse';
import { formatValidationReport } from '../io/validationReport';
import { JournalLocation } from '@edgecv/domain';
import { DEFAULT_GIVE_UP, DEFAULT_RUN_CONCURRENCY, EXPORT_FORMATS, LIST_CONCURRENCY, MAX_RUN_CONCURRENCY, MigrationStalledError, countChanges, type PlannedChange } from '@edgecv/use-cases';

interface Common extends ServiceOptions {
  json?: boolean;
}
interface JournalOptions extends Common {
  journal: string;
}

const common = (cmd: Command) =>
  targetOptions(cmd)
    .option('--data <dir>', 'data folder of the local stack (default: $EDGECV_HOME or .edgecv)')
    .option('--json', 'print the summary as JSON');
/** The migrate commands that touch the bucket: S3 refuses every request when another account owns it. */
const owned = (cmd: Command) => cmd.option('--expected-bucket-owner <account>', 'the 12-digit account that must own the bucket; sent on every S3 request (S3 refuses with 403 otherwise)');
const withJournal = (cmd: Command) => owned(common(cmd)).requiredOption('--journal <journal>', 'the journal: a JSONL file, or dynamodb:TABLE/ID');

/** Pre-flight of a journal command: the bucket its plan names, and the migration's tables. */
const journalNeeds = (journal: string): CommandNeeds => ({ bucket: async (e) => (await e.migration.header({ journal })).bucket, tables: MIGRATION_TABLES, mongo: true });

interface DestructiveOptions extends JournalOptions {
  dryRun?: boolean;
  yes?: boolean;
}
const dryRunOption = (cmd: Command) => cmd.option('--dry-run', 'list what would change (with --json, as "changes"), change nothing: no object, reference or journal line');
const yesOption = (cmd: Command) => cmd.option('--yes', 'go ahead without asking, on a target other than the local stack (required when stdin is not a terminal)');

/**
 * A destructive phase: the container, and on a target other than the local stack the operator's
 * confirmation (asked on a terminal, else --yes) before anything changes; a dry run asks nothing.
 */
async function withConfirmation<T>(o: DestructiveOptions, ctx: CliContext, step: (e: Edgecv) => Promise<DestructiveStep>, fn: (e: Edgecv) => Promise<T>): Promise<T> {
  const { edgecv, stack } = await openEdgecv(o, ctx);
  try {
    await checkTarget(edgecv, stack, journalNeeds(o.journal), ctx);
    if (!o.dryRun) await confirmDestructive(ctx, stack, o.yes ?? false, () => step(edgecv));
    return await fn(edgecv);
  } finally {
    await edgecv.close();
  }
}

/** Where a phase acts and on how many of the journal's records, from the journal alone (no listing). */
async function scopeOf(e: Edgecv, journal: string, command: string, action: (objects: number) => string, objects: (byStatus: Readonly<Record<string, number>>, total: number) => number): Promise<DestructiveStep> {
  const report = await e.migration.status({ journal, maxFailures: 0 });
  const n = objects(report.byStatus, report.total);
  const { region, endpoint } = e.config.s3;
  return { command, action: action(n), bucket: report.header.bucket, objects: n, region, ...(endpoint ? { endpoint } : {}) };
}

/** A dry run for people: one line per change, then how many of each kind. */
function printChanges(ctx: CliContext, changes: readonly PlannedChange[]): void {
  for (const c of changes) {
    if (c.kind === 'reference') ctx.out.line(`would rewrite ${c.store} ${c.recordId} ${c.attribute}: ${c.from} -> ${c.to}`);
    else if (c.kind === 'delete') ctx.out.line(`would delete s3://${c.bucket}/${c.key}${c.versionId ? ` version ${c.versionId}` : ''} (${c.reason})`);
    else ctx.out.line(`would copy s3://${c.bucket}/${c.from} -> s3://${c.bucket}/${c.to} (${c.reason})`);
  }
  const counts = countChanges(changes);
  ctx.out.line(`dry run: ${changes.length} change(s): ${counts.reference} reference rewrite(s), ${counts.delete} delete(s), ${counts.copy} copy(ies); nothing was changed`);
}

interface RunOptions extends JournalOptions {
  concurrency?: number;
  dryRun?: boolean;
  giveUpAfter?: number;
  giveUpAfterRecords?: number;
}

/** The longest a run waits out an outage: a day. */
const MAX_GIVE_UP_SECONDS = 86_400;
const MAX_GIVE_UP_RECORDS = 1_000_000;

/** `edgecv migrate run` again with the options of this one, quoted for a POSIX shell. */
function resumeCommand(o: RunOptions): string {
  const args = ['edgecv', 'migrate', 'run', '--journal', o.journal];
  if (o.data !== undefined) args.push('--data', o.data);
  if (o.profile !== undefined) args.push('--profile', o.profile);
  if (o.region !== undefined) args.push('--region', o.region);
  if (o.endpointUrl !== undefined) args.push('--endpoint-url', o.endpointUrl);
  if (o.local) args.push('--local');
  if (o.expectedBucketOwner !== undefined) args.push('--expected-bucket-owner', o.expectedBucketOwner);
  if (o.concurrency !== undefined) args.push('--concurrency', String(o.concurrency));
  if (o.giveUpAfter !== undefined) args.push('--give-up-after', String(o.giveUpAfter));
  if (o.giveUpAfterRecords !== undefined) args.push('--give-up-after-records', String(o.giveUpAfterRecords));
  return args.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

const counts = (record: Readonly<Record<string, number>>) =>
  Object.entries(record)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => [k, String(n)]);

/** A journal file named relative to the command's working directory; a table as given. */
function inWorkingDirectory(ctx: CliContext, location: JournalLocation): string {
  return JournalLocation.print(location.kind === 'file' ? JournalLocation.file(path.resolve(ctx.cwd, location.path)) : location);
}

/** Where a plan's journal goes when --journal is omitted: beside the local stack's data, named for the bucket and time. */
function defaultJournal(ctx: CliContext, options: Common, bucket: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  return path.join(dataDirOf(options, ctx), 'migrations', `${bucket}-${stamp}.jsonl`);
}

export function registerMigrate(program: Command, ctx: CliContext): void {
  const migrate = program.command('migrate').description('move a bucket onto the edgecv layout: plan, run, cutover, cleanup, rollback');

  owned(common(
    migrate
      .command('plan')
      .description('classify every key of a bucket and write the plan to a journal, streaming')
      .requiredOption('--bucket <bucket>', 'the bucket to migrate')
      .option('--prefix <prefix>', 'only keys under this folder, e.g. team-a/ (segments of [A-Za-z0-9._-], no leading "/")')
      .option('--journal <journal>', 'a new JSONL file, or dynamodb:TABLE (default: .edgecv/migrations/<bucket>-<time>.jsonl)')
      .option('--inventory <manifest>', 'plan from an S3 Inventory report (CSV) instead of listing: s3://BUCKET/PATH/manifest.json')
      .option('--list-concurrency <n>', `listing requests in flight when listing the bucket (1-${LIST_CONCURRENCY.max}, default ${LIST_CONCURRENCY.default})`, integerIn(1, LIST_CONCURRENCY.max)),
  )).action(async (o: Common & { bucket: string; prefix?: string; journal?: string; inventory?: string; listConcurrency?: number }) => {
    const prefix = o.prefix !== undefined ? prefixOption(o.prefix) : undefined;
    const journal = o.journal === undefined ? defaultJournal(ctx, o, o.bucket) : inWorkingDirectory(ctx, JournalLocation.parse(o.journal));
    const summary = await withEdgecv(
      o,
      ctx,
      (e, checked) =>
        e.migration.plan({
          bucket: o.bucket,
          journal,
          ...(prefix !== undefined ? { prefix } : {}),
          ...(o.inventory !== undefined ? { inventory: o.inventory } : {}),
          ...(o.listConcurrency !== undefined ? { listConcurrency: o.listConcurrency } : {}),
          ...(checked.bucket !== undefined ? { protection: { ...(checked.bucket.region ? { region: checked.bucket.region } : {}), objectLock: checked.bucket.objectLock, encryption: checked.bucket.encryption } } : {}),
        }),
      { bucket: o.bucket, tables: MIGRATION_TABLES, mongo: true },
    );
    if (o.json) ctx.out.json(summary);
    else {
      ctx.out.line(`planned ${summary.planned} move(s) of ${summary.listed} key(s) in s3://${summary.bucket}/${summary.prefix} into ${summary.journal}`);
      if (summary.protection !== undefined) {
        const { objectLock, encryption } = summary.protection;
        const sse = encryption.algorithm === 'none' ? 'none' : encryption.algorithm === 'AES256' ? 'SSE-S3' : `SSE-KMS${encryption.kmsKeyId ? ` ${encryption.kmsKeyId}` : ''}`;
        ctx.out.line(`bucket: versioning ${summary.versioned ? 'on' : 'off'}, object lock ${objectLock ? 'on (locked versions cannot be deleted by cleanup)' : 'off'}, default encryption ${sse}`);
      }
      ctx.out.line(table(counts(summary.byStatus), ['status', 'keys']));
      ctx.out.line('');
      ctx.out.line(table(counts(summary.byRule), ['rule', 'keys']));
      if (summary.collisions > 0) ctx.out.line(`\n${summary.collisions} collision(s), e.g. ${summary.examples.collision.slice(0, 3).join(', ')}`);
      ctx.out.line(`\nnext: edgecv migrate run --journal ${summary.journal}`);
    }
  });

  withJournal(
    migrate
      .command('run')
      .description('copy and verify every planned object; resumable, never overwrites')
      .option('--concurrency <n>', `parallel copies, 1-${MAX_RUN_CONCURRENCY} (default ${DEFAULT_RUN_CONCURRENCY}; adaptive back-off lowers it when the server throttles)`, integerIn(1, MAX_RUN_CONCURRENCY))
      .option('--dry-run', 'count what would be done, touch nothing')
      .option(
        '--give-up-after <seconds>',
        `stop when every attempt has failed transiently for this long, above 0 up to ${MAX_GIVE_UP_SECONDS} (default ${DEFAULT_GIVE_UP.afterSeconds})`,
        numberIn(0, MAX_GIVE_UP_SECONDS, { above: true }),
      )
      .option(
        '--give-up-after-records <n>',
        `stop when this many records in a row have failed transiently, 1-${MAX_GIVE_UP_RECORDS} (default ${DEFAULT_GIVE_UP.afterRecords})`,
        integerIn(1, MAX_GIVE_UP_RECORDS),
      ),
  ).action(async (o: RunOptions) => {
    // Ctrl-C: the copies in flight finish and are journaled, then the resume command is printed; a second Ctrl-C stops at once.
    const interrupt = new AbortController();
    const onInterrupt = () => {
      ctx.out.note('interrupted: finishing the copies in flight (Ctrl-C again stops at once)');
      interrupt.abort();
    };
    process.once('SIGINT', onInterrupt);
    const bar = progressBar(ctx, 'migrate |{bar}| {percentage}% {value}/{total} | {rate} obj/s | concurrency {concurrency} | ETA {eta_formatted}', !o.json);
    const summary = await withEdgecv(o, ctx, (e) =>
      e.migration.run({
        journal: o.journal,
        ...(o.concurrency !== undefined ? { concurrency: o.concurrency } : {}),
        ...(o.giveUpAfter !== undefined ? { giveUpAfterSeconds: o.giveUpAfter } : {}),
        ...(o.giveUpAfterRecords !== undefined ? { giveUpAfterRecords: o.giveUpAfterRecords } : {}),
        dryRun: o.dryRun ?? false,
        signal: interrupt.signal,
        onProgress: (p) => bar.update(p.done, p.total, { rate: p.objectsPerSecond.toFixed(0), concurrency: p.concurrency }),
      }),
      journalNeeds(o.journal),
    )
      .catch((error: unknown) => {
        if (!(error instanceof MigrationStalledError)) throw error;
        // Stopped on an outage: what was done, and the exact command that resumes it.
        const resume = resumeCommand(o);
        if (o.json) ctx.out.json({ ...error.summary, stalled: error.outage, resume });
        throw new CliFailure(`${error.message} [${error.code}]; resume with: ${resume}`, ExitCode.Findings);
      })
      .finally(() => {
        process.removeListener('SIGINT', onInterrupt);
        bar.stop();
      });
    const interrupted = summary.aborted && interrupt.signal.aborted;
    if (o.json) ctx.out.json(interrupted ? { ...summary, resume: resumeCommand(o) } : summary);
    else
      ctx.out.line(
        `${summary.dryRun ? 'dry run: would move' : 'moved'} ${summary.dryRun ? summary.toDo : summary.verified} object(s) (${summary.alreadyDone} already done) in ${(summary.elapsedMs / 1000).toFixed(1)} s, ${summary.objectsPerSecond.toFixed(0)} obj/s; collisions ${summary.collisions}, missing sources ${summary.sourceMissing}, mismatches ${summary.mismatches}, transient failures ${summary.transientFailures}`,
      );
    if (interrupted) throw new CliFailure(`interrupted after moving ${summary.verified} of ${summary.toDo} object(s); resume with: ${resumeCommand(o)}`, ExitCode.Findings);
    const problems = summary.collisions + summary.sourceMissing + summary.mismatches + summary.transientFailures;
    if (problems > 0) throw new CliFailure(`${problems} object(s) not moved; see edgecv migrate status --journal ${o.journal}`, ExitCode.Findings);
  });

  dryRunOption(withJournal(migrate.command('cutover').description('point every reference at the new keys (conditional writes)'))).action(async (o: DestructiveOptions) => {
    const summary = await withEdgecv(o, ctx, (e) => e.migration.cutover({ journal: o.journal, dryRun: o.dryRun ?? false }), journalNeeds(o.journal));
    if (o.json) ctx.out.json(summary);
    else if (summary.changes) printChanges(ctx, summary.changes);
    else ctx.out.line(`cut over ${summary.updated} of ${summary.references} reference(s); ${summary.waiting} waiting for their objects, ${summary.mismatched} changed meanwhile`);
  });

  yesOption(dryRunOption(withJournal(migrate.command('cleanup').description('delete the migrated sources, only once the migration validates')))).action(async (o: DestructiveOptions) => {
    const summary = await withConfirmation(
      o,
      ctx,
      (e) => scopeOf(e, o.journal, 'migrate cleanup', (n) => `delete ${n} migrated source object(s)`, (byStatus) => byStatus.referenced ?? 0),
      (e) => e.migration.cleanup({ journal: o.journal, dryRun: o.dryRun ?? false }),
    );
    if (o.json) ctx.out.json(summary);
    else if (summary.changes) printChanges(ctx, summary.changes);
    else ctx.out.line(`deleted ${summary.deleted} source(s)${summary.deleteMarkers ? `, ${summary.deleteMarkers} delete marker(s) recorded` : ''}; ${summary.errors.length} error(s)`);
    if (summary.errors.length > 0) throw new CliFailure(`${summary.errors.length} source(s) could not be deleted, first ${summary.errors[0]?.key}: ${summary.errors[0]?.message}`);
  });

  yesOption(dryRunOption(withJournal(migrate.command('rollback').description('restore the original keys and references from the journal, at any stage')))).action(async (o: DestructiveOptions) => {
    const summary = await withConfirmation(
      o,
      ctx,
      (e) =>
        scopeOf(
          e,
          o.journal,
          'migrate rollback',
          (n) => `roll back ${n} record(s): restore their sources and references, remove the migration's copies`,
          (byStatus, total) => total - (byStatus['rolled-back'] ?? 0),
        ),
      (e) => e.migration.rollback({ journal: o.journal, dryRun: o.dryRun ?? false }),
    );
    if (o.json) ctx.out.json(summary);
    else if (summary.changes) printChanges(ctx, summary.changes);
    else
      ctx.out.line(
        `rolled back ${summary.rolledBack} record(s): ${summary.sourcesRestored} source(s) restored, ${summary.deleteMarkersRemoved} delete marker(s) removed, ${summary.targetsRemoved} copies removed, ${summary.referencesRestored} reference(s) restored`,
      );
    if (summary.problems.length > 0) throw new CliFailure(`${summary.problems.length} record(s) not rolled back, first ${summary.problems[0]?.key}: ${summary.problems[0]?.detail}; run rollback again once fixed`);
  });

  withJournal(migrate.command('status').description('where a migration stands: records by status, rule and error')).action(async (o: JournalOptions) => {
    const report = await withEdgecv(o, ctx, (e) => e.migration.status({ journal: o.journal }));
    if (o.json) ctx.out.json(report);
    else {
      ctx.out.line(`journal ${report.journal}: ${report.total} record(s), ${report.bytes} bytes, bucket s3://${report.header.bucket}/${report.header.prefix}`);
      ctx.out.line(table(counts(report.byStatus), ['status', 'records']));
      if (report.failures.length > 0) ctx.out.line(`\n${table(report.failures.map((f) => [f.oldKey, f.code, f.message]), ['key', 'code', 'message'])}`);
      if (report.tornLines > 0) ctx.out.line(`\n${report.tornLines} torn line(s) at the end of the journal were ignored (a crash mid-write, or damage)`);
      if (report.unknownRecordSteps > 0) ctx.out.line(`\n${report.unknownRecordSteps} journaled step(s) name a record the journal does not have (a lost or edited plan line): see JOURNAL_CORRUPT in docs/migration-runbook.md`);
      if (report.refusedSteps > 0) ctx.out.line(`\n${report.refusedSteps} journaled step(s) were not allowed by their record's status and were not applied (an edited journal): see JOURNAL_CORRUPT in docs/migration-runbook.md`);
      if (report.repairedTails > 0) ctx.out.line(`\nthe journal's tail was damaged and cut ${report.repairedTails} time(s): run and rollback also recognise the migration's copies by their bytes and time (docs/migration-runbook.md)`);
    }
  });

  withJournal(
    migrate
      .command('export')
      .description('write the plan as an S3 Batch Operations manifest (S3BatchOperations_CSV_20180820)')
      .requiredOption('--format <format>', EXPORT_FORMATS.join(', '), oneOf(EXPORT_FORMATS))
      .requiredOption('--out <file>', 'manifest file to write'),
  ).action(async (o: JournalOptions & { format: string; out: string }) => {
    const summary = await withEdgecv(o, ctx, (e) => e.migration.exportManifest({ journal: o.journal, format: o.format, out: path.resolve(ctx.cwd, o.out) }));
    if (o.json) ctx.out.json(summary);
    else ctx.out.line(`wrote ${summary.rows} row(s) to ${summary.out}${summary.withVersionIds ? ' with version ids' : ''}`);
  });

  common(
    program
      .command('validate')
      .description('audit a bucket: non-conforming keys, legacy keys left, double slashes, orphans, references to missing objects')
      .requiredOption('--bucket <bucket>', 'the bucket to audit')
      .option('--prefix <prefix>', 'only keys under this folder, e.g. team-a/ (segments of [A-Za-z0-9._-], no leading "/")'),
  ).action(async (o: Common & { bucket: string; prefix?: string }) => {
    const prefix = o.prefix !== undefined ? prefixOption(o.prefix) : undefined;
    const report = await withEdgecv(o, ctx, (e) => e.migration.validate({ bucket: o.bucket, ...(prefix !== undefined ? { prefix } : {}) }), { bucket: o.bucket, tables: MIGRATION_TABLES, mongo: true });
    if (o.json) ctx.out.json(report);
    else ctx.out.line(formatValidationReport(report));
    if (!report.ok) throw new CliFailure(`s3://${report.bucket}/${report.prefix} does not validate: ${counts(report.counts).map(([k, n]) => `${n} ${k}`).join(', ')}`);
  });
}

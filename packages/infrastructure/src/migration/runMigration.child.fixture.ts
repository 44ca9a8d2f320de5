// A separate process that runs `run` on a JSONL journal, so a test can SIGKILL it at any moment.
import { JsonlMigrationJournal } from '@edgecv/infrastructure/journal';
import { S3ObjectStore, s3ConfigFromEnv } from '@edgecv/infrastructure/s3';
import { runMigration } from '@edgecv/use-cases';

async function main(): Promise<void> {
  const journal = new JsonlMigrationJournal(process.env.MIGRATION_JOURNAL as string);
  const store = new S3ObjectStore(s3ConfigFromEnv(process.env));
  const summary = await runMigration({ journal, concurrency: 8 }, { store, clock: { now: () => new Date() } });
  await journal.close();
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exit(2);
});
